import Cluster

/// `kubectl describe TYPE NAME...|TYPE/NAME|TYPE -l SELECTOR`
struct DescribeCommand {
    static let parser = FlagParser(command: "describe", flags: [
        .init(long: "selector", short: "l", isBool: false),
        .init(long: "show-events", short: nil, isBool: true),
        .init(long: "all-namespaces", short: "A", isBool: true),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            guard let first = flags.positional.first else {
                throw KubectlError("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.")
            }
            let (type, refs) = try ArgumentResolver.resolve(flags.positional, namespace: flags.namespace)
            if type == .endpoints || refs.contains(where: { $0.type == .endpoints }) { out.err("Warning: \(Endpoints.deprecationWarning)\n") }
            // `describe TYPE` alone describes every object of the type (kubectl's habit).
            var all = flags
            if flags.positional.count == 1 && !first.contains("/") { all.values["all"] = "true" }
            var objects: [any APIObject] = []
            for ref in try ArgumentResolver.targets(flags.positional, flags: all, cluster: cluster) {
                if let object = cluster.store.object(kind: ref.type.kind, name: ref.name, namespace: ref.namespace) {
                    objects.append(object)
                } else {
                    out.fail(APIError.notFound(ref.type.kind, ref.name).description)
                }
            }
            if objects.isEmpty && !out.failed {
                out.err(GetCommand.noResourcesFound(ResourceType.named(first).map { [$0] } ?? [], flags: flags))
            }
            let showEvents = flags.has("show-events") ? flags.bool("show-events") : true
            out.out(objects.map { Describer.describe($0, cluster: cluster, showEvents: showEvents) }.joined(separator: "\n\n"))
            return nil
        }
    }
}
