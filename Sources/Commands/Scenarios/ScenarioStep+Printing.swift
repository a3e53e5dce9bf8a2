extension ScenarioStep {
    /// A command run for what it prints (`kubectl get`, `kubectl describe`, `kubectl logs`, the
    /// `sim traffic` listing): the dashboard shows its output to the audience. Commands that
    /// change things report in the status line.
    public var printsForTheAudience: Bool {
        guard case .run(let line) = self, var words = try? ShellWords.split(line) else { return false }
        if words.first == "kubectl" { words.removeFirst() }
        guard let verb = words.first else { return false }
        return verb == "get" || verb == "describe" || verb == "logs" || words == ["sim", "traffic"]
    }
}
