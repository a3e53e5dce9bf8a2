import Cluster

/// kubectl's command set over the simulated cluster: one parser and one set of messages for
/// every way a command arrives (headless shell, dashboard keys, command bar, scenarios).
public enum Kubectl {
    public static let verbs = ["create", "apply", "get", "describe", "delete", "scale", "label", "annotate", "events", "cordon", "uncordon", "drain", "set", "rollout", "logs", "expose", "port-forward"]
    /// kubectl's commands that reach into a running container: known, and refused with why
    /// (the API's pods/exec and pods/attach say the same), not "unknown command".
    public static let containerVerbs = [
        "exec": "no process to run a command in", "attach": "no process to attach to", "cp": "no file system to copy from or to",
    ]

    /// Runs `kubectl ARGS` (without the word `kubectl`). `ports` opens real local ports
    /// (port-forward); without it such commands fail.
    public static func run(_ args: [String], cluster: Cluster, ports: LocalPorts? = nil) -> Execution {
        guard let verb = args.first else {
            return .failure(KubectlError("error: no command given; try one of: \(verbs.joined(separator: ", "))"))
        }
        let rest = Array(args.dropFirst())
        switch verb {
        case "create": return CreateCommand.run(rest, cluster: cluster)
        case "apply": return ManifestFileCommand.run(rest, mode: .apply, cluster: cluster)
        case "get": return GetCommand.run(rest, cluster: cluster)
        case "describe": return DescribeCommand.run(rest, cluster: cluster)
        case "delete": return DeleteCommand.run(rest, cluster: cluster)
        case "scale": return ScaleCommand.run(rest, cluster: cluster)
        case "label": return LabelCommand.run(rest, cluster: cluster)
        case "annotate": return AnnotateCommand.run(rest, cluster: cluster)
        case "events": return EventsCommand.run(rest, cluster: cluster)
        case "cordon", "uncordon": return CordonCommand.run(rest, cluster: cluster, verb: verb)
        case "drain": return DrainCommand.run(rest, cluster: cluster)
        case "set": return SetCommand.run(rest, cluster: cluster)
        case "rollout": return RolloutCommand.run(rest, cluster: cluster)
        case "logs": return LogsCommand.run(rest, cluster: cluster)
        case "expose": return ExposeCommand.run(rest, cluster: cluster)
        case "port-forward": return PortForwardCommand.run(rest, cluster: cluster, ports: ports)
        case let verb where containerVerbs[verb] != nil:
            return .failure(KubectlError("error: \(verb) is not supported: kubesim runs no containers, so there is \(containerVerbs[verb]!) (kubectl logs reads what a pod printed)"))
        default: return .failure(unknownCommand(verb, among: verbs, parent: "kubectl"))
        }
    }

    /// cobra's unknown-command error, with "Did you mean this?" for near misses
    /// (Levenshtein distance ≤ 2, or a prefix).
    static func unknownCommand(_ word: String, among candidates: [String], parent: String) -> KubectlError {
        var message = "error: unknown command \(word.goQuoted) for \(parent.goQuoted)"
        // Lengths more than 2 apart are more than 2 edits apart: a pasted page is not compared.
        let close = candidates.filter {
            (abs($0.count - word.count) <= 2 && levenshtein($0, word) <= 2) || $0.hasPrefix(word.lowercased())
        }
        if !close.isEmpty {
            message += "\n\nDid you mean this?\n" + close.map { "\t\($0)" }.joined(separator: "\n")
        }
        return KubectlError(message)
    }

    static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
