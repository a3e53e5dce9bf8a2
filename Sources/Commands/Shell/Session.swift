import Cluster

/// Turns one line of input into an Execution: a kubectl command (the word `kubectl` is
/// optional), `sleep DURATION`, a simulator verb (`sim fail node-2`), or a `#` comment.
/// Every front end (headless shell, dashboard, scenarios, HTTP) goes through here.
public final class Session {
    public let cluster: Cluster

    public init(cluster: Cluster) { self.cluster = cluster }

    public func execute(_ line: String) -> Execution {
        let trimmed = line.trimmingSpaces()
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return Execution() }
        let words: [String]
        do { words = try ShellWords.split(trimmed) } catch { return .failure(KubectlError("\(error)")) }
        guard let first = words.first else { return Execution() }
        switch first {
        case "kubectl": return Kubectl.run(Array(words.dropFirst()), cluster: cluster)
        case "sleep": return sleep(Array(words.dropFirst()))
        case "sim": return SimulatorCommand.run(Array(words.dropFirst()), cluster: cluster)
        default:
            if Kubectl.verbs.contains(first) { return Kubectl.run(words, cluster: cluster) }
            return .failure(Kubectl.unknownCommand(first, among: Kubectl.verbs + ["sleep", "sim"], parent: "kubectl"))
        }
    }

    private func sleep(_ args: [String]) -> Execution {
        guard args.count == 1, let duration = GoDuration.parse(args[0]), duration.milliseconds >= 0 else {
            return .failure(KubectlError("error: usage: sleep DURATION (for example 10s, 2m, 1h30m)"))
        }
        return Execution(operation: Sleep(until: cluster.now + duration))
    }

    /// Runs a line to completion on the virtual clock (the headless shell's way): blocking
    /// commands advance time until they finish.
    public func runToCompletion(_ line: String) -> CommandOutput {
        var execution = execute(line)
        guard let operation = execution.operation else { return execution.output }
        var output = execution.output
        cluster.advance(until: { operation.poll(cluster, into: &output) }, timeout: DeleteCommand.defaultTimeout + .seconds(60))
        execution.output = output
        return output
    }
}

/// `sleep`: finishes once virtual time reaches the deadline.
final class Sleep: ClusterOperation {
    let until: SimTime
    init(until: SimTime) { self.until = until }
    func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool { cluster.now >= until }
}
