import Cluster

/// `kubectl set image|resources|env`: edits the pod template of workloads (kubectl/pkg/cmd/set).
enum SetCommand {
    static let subcommands = ["env", "image", "resources"]

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        guard let sub = args.first, !sub.hasPrefix("-") else {
            return .failure(KubectlError("error: Usage: kubectl set SUBCOMMAND [options]\nSee 'kubectl set -h' for help and examples"))
        }
        let rest = Array(args.dropFirst())
        switch sub {
        case "image": return SetImageCommand.run(rest, cluster: cluster)
        case "resources": return SetResourcesCommand.run(rest, cluster: cluster)
        case "env": return SetEnvCommand.run(rest, cluster: cluster)
        default: return .failure(unknownSubcommand(args, parent: "set"))
        }
    }

    /// cobra's answer to a word that is no subcommand of a command that has only subcommands.
    static func unknownSubcommand(_ args: [String], parent: String) -> KubectlError {
        KubectlError("error: unknown command \"\(args.filter { !$0.hasPrefix("-") }.joined(separator: " "))\"\nSee 'kubectl \(parent) -h' for help and examples")
    }

    /// The resource builder's error when no resource is named (before any other check).
    static let noResources = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"

    /// cmdutil.GetResourcesAndPairs: resources first, then `KEY=VALUE` / `KEY-` pairs.
    static func splitPairs(_ args: [String], pairType: String) throws -> (resources: [String], pairs: [String]) {
        var resources: [String] = [], pairs: [String] = []
        for arg in args {
            let isPair = (arg.contains("=") && !arg.hasPrefix("=")) || (arg.hasSuffix("-") && arg != "-")
            if isPair {
                pairs.append(arg)
            } else {
                guard pairs.isEmpty else { throw KubectlError("error: all resources must be specified before \(pairType) changes: \(arg)") }
                resources.append(arg)
            }
        }
        return (resources, pairs)
    }

    /// The named objects, each looked up first as kubectl's resource builder does: a missing one
    /// fails the command before anything changes.
    static func existingTargets(_ resources: [String], flags: FlagParser.Result, cluster: Cluster) throws -> [ObjectRef] {
        let refs = try ArgumentResolver.targets(resources, flags: flags, cluster: cluster)
        for ref in refs where cluster.store.object(kind: ref.type.kind, name: ref.name, namespace: ref.namespace) == nil {
            throw APIError.notFound(ref.type.kind, ref.name)
        }
        return refs
    }

    /// kubectl's aggregate of several errors: `[a, b]`; one error alone as it is.
    static func aggregate(_ errors: [String]) -> String {
        errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"
    }

    /// CheckErr's printing of the collected errors: `error: ` unless the text starts with it.
    static func fail(_ errors: [String], into out: inout CommandOutput) {
        guard !errors.isEmpty else { return }
        let text = aggregate(errors)
        out.fail(text.hasPrefix("error: ") ? text : "error: " + text)
    }

    /// A server error inside kubectl's own message, as `%v` prints a StatusError: its message alone.
    static func wrapped(_ error: any Error) -> String {
        (error as? APIError)?.message ?? Execution.kubectlMessage(for: error)
    }

    /// What cobra prints for a deprecated flag the user gave.
    static let recordDeprecation = "Flag --record has been deprecated, --record will be removed in the future\n"

    /// The deprecated `--record`: the command line, as parseCommandArguments rebuilds it (its
    /// arguments, then each flag as `--name=value`), becomes the object's change-cause.
    static func changeCause(_ command: String, _ args: [String], parser: FlagParser) -> String? {
        guard (try? parser.parse(args))?.bool("record") == true else { return nil }
        var positional: [String] = [], flags: [String] = []
        var i = 0
        while i < args.count {
            let arg = args[i]
            i += 1
            if arg == "--" { positional += args[i...]; break }
            guard arg.hasPrefix("-"), arg.count > 1 else { positional.append(arg); continue }
            let long = arg.hasPrefix("--")
            let body = long ? String(arg.dropFirst(2)) : String(arg.dropFirst())
            let key = long ? String(body.prefix { $0 != "=" }) : String(body.prefix(1))
            guard let flag = parser.flags.first(where: { long ? $0.long == key : $0.short.map(String.init) == key }) else { continue }
            var value: String
            if long, let eq = body.firstIndex(of: "=") { value = String(body[body.index(after: eq)...]) }
            else if !long, body.count > 1 { value = String(body.dropFirst()).hasPrefix("=") ? String(body.dropFirst(2)) : String(body.dropFirst()) }
            else if flag.isBool { value = "true" }
            else if i < args.count { value = args[i]; i += 1 } else { value = "" }
            if flag.isBool { value = FlagParser.parseBool(value).map { $0 ? "true" : "false" } ?? value }
            flags.append(" --\(flag.long)=\(value)")
        }
        return "kubectl \(command)" + (positional.isEmpty ? "" : " " + positional.joined(separator: " ")) + flags.joined()
    }

    /// Writes the change-cause `--record` asks for onto the object just changed.
    static func record(_ cause: String?, on ref: ObjectRef, store: Store) throws {
        guard let cause else { return }
        try MetadataUpdate.modify(ref, store: store) { $0.annotations[AnnotateCommand.changeCause] = cause }
    }

    static func name(_ ref: ObjectRef) -> String { "\(ref.type.kind.qualifiedSingular)/\(ref.name)" }
}
