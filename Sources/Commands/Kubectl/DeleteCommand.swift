import Cluster

/// `kubectl delete TYPE NAME...|TYPE/NAME...|TYPE -l SELECTOR|TYPE --field-selector F|TYPE --all [--now] [--grace-period=N]
/// [--force] [--cascade=background|orphan|foreground] [--wait=false] [--timeout=D]`. Like kubectl, it prints each deletion at once, then
/// waits until the objects are gone (unless `--wait=false`).
struct DeleteCommand {
    static let parser = FlagParser(command: "delete", flags: [
        .init(long: "selector", short: "l", isBool: false),
        .init(long: "field-selector", short: nil, isBool: false),
        .init(long: "all", short: nil, isBool: true),
        .init(long: "now", short: nil, isBool: true),
        .init(long: "force", short: nil, isBool: true),
        .init(long: "grace-period", short: nil, isBool: false),
        .init(long: "wait", short: nil, isBool: true),
        .init(long: "timeout", short: nil, isBool: false),
        .init(long: "ignore-not-found", short: nil, isBool: true),
        .init(long: "all-namespaces", short: "A", isBool: true),
        .init(long: "cascade", short: nil, isBool: false, bareValue: "background"),
    ])

    /// `--cascade` as kubectl reads it: a strategy, or a boolean (deprecated, with a warning).
    static func propagation(_ value: String?, warn: (String) -> Void) throws -> DeletionPropagation {
        guard let value else { return .background }
        if let cascade = FlagParser.parseBool(value) {
            warn("warning: --cascade=\(value) is deprecated (boolean value) and can be replaced with --cascade=\(cascade ? "background" : "orphan").\n")
            return cascade ? .background : .orphan
        }
        switch value {
        case "background": return .background
        case "orphan": return .orphan
        case "foreground": return .foreground
        default: throw KubectlError("error: invalid cascade value (\(value)). Must be \"background\", \"foreground\", or \"orphan\"")
        }
    }

    /// kubectl's wait when `--timeout` is 0: a week.
    static let defaultTimeout = SimDuration.seconds(168 * 3600)

    static let noResourcesMessage = """
        error: You must provide one or more resources by argument or filename.
        Example resource specifications include:
           '-f rsrc.yaml'
           '--filename=rsrc.json'
           '<resource> <name>'
           '<resource>'
        """

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            guard !flags.positional.isEmpty else { throw KubectlError(noResourcesMessage) }
            var grace = try parser.int(flags, "grace-period") ?? -1
            if flags.bool("now") {
                if grace != -1 { throw KubectlError("error: --now and --grace-period cannot be specified together") }
                grace = 1
            }
            let force = flags.bool("force")
            // kubectl turns --grace-period=0 without --force into 1, so nothing is lost by accident.
            if grace == 0 && !force { grace = 1 }
            if force && grace < 0 { grace = 0 }
            if force && grace > 0 { throw KubectlError("error: --force and --grace-period greater than 0 cannot be specified together") }
            let timeout = try GoDuration.flag(flags.string("timeout"), name: "timeout", command: "delete")
            let propagation = try propagation(flags.string("cascade")) { out.err($0) }
            // Printed while validating, before any resource is looked up (as kubectl does).
            if force && grace == 0 {
                out.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n")
            }
            let targets = try ArgumentResolver.targets(flags.positional, flags: flags, cluster: cluster)
            // The API server warns on every v1 Endpoints request; kubectl prints it once.
            if targets.contains(where: { $0.type == .endpoints }) { out.err("Warning: \(Endpoints.deprecationWarning)\n") }
            if targets.isEmpty { out.out("No resources found\n") }
            var waitFor: [(kind: Kind, key: ObjectKey, uid: String)] = []
            for ref in targets {
                guard let object = cluster.store.object(kind: ref.type.kind, name: ref.name, namespace: ref.namespace) else {
                    if !flags.bool("ignore-not-found") { out.fail(APIError.notFound(ref.type.kind, ref.name).description) }
                    continue
                }
                do {
                    try cluster.store.delete(kind: ref.type.kind, name: ref.name, namespace: ref.namespace, gracePeriodSeconds: grace >= 0 ? grace : nil,
                                             propagation: propagation)
                } catch {
                    out.fail(Execution.kubectlMessage(for: error))
                    continue
                }
                out.out("\(ref.type.kind.qualifiedSingular) \"\(ref.name)\" \(force && grace == 0 ? "force deleted" : "deleted")\n")
                waitFor.append((ref.type.kind, object.key, object.metadata.uid))
            }
            let wait = flags.has("wait") ? flags.bool("wait") : true
            guard wait, !waitFor.isEmpty else { return nil }
            return WaitForDeletion(targets: waitFor, deadline: cluster.now + (timeout ?? defaultTimeout))
        }
    }
}
