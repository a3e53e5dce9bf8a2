import Cluster

/// `kubectl scale deployment/NAME --replicas=N` (also `TYPE NAME`, and replicasets).
struct ScaleCommand {
    static let parser = FlagParser(command: "scale", flags: [
        .init(long: "replicas", short: nil, isBool: false),
        .init(long: "current-replicas", short: nil, isBool: false),
        .init(long: "selector", short: "l", isBool: false),
        .init(long: "all", short: nil, isBool: true),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            guard flags.has("replicas") else { throw KubectlError("error: required flag(s) \"replicas\" not set") }
            let replicas = try parser.int(flags, "replicas")!
            if replicas < 0 {
                throw KubectlError("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
            }
            let current = try parser.int(flags, "current-replicas")
            guard !flags.positional.isEmpty else { throw KubectlError(DeleteCommand.noResourcesMessage) }
            for ref in try ArgumentResolver.targets(flags.positional, flags: flags, cluster: cluster) {
                try scale(ref, to: replicas, expecting: current, cluster: cluster)
                out.out("\(ref.type.kind.qualifiedSingular)/\(ref.name) scaled\n")
            }
            return nil
        }
    }

    private static func scale(_ ref: ObjectRef, to replicas: Int, expecting current: Int?, cluster: Cluster) throws {
        let store = cluster.store
        func check(_ actual: Int) throws {
            if let current, current != actual { throw KubectlError("error: Expected replicas to be \(current), was \(actual)") }
        }
        switch ref.type {
        case .deployments:
            guard let d = store.get(Deployment.self, ref.name, namespace: ref.namespace) else {
                throw KubectlError("error: no objects passed to scale \(Kind.deployment.qualifiedResource) \"\(ref.name)\" not found")
            }
            try check(d.spec.replicas)
            try refuseBeyondInt32(replicas, d.metadata, statusReplicas: d.status.replicas, selector: d.spec.selector)
            try store.modify(Deployment.self, ref.name, namespace: ref.namespace) { $0.spec.replicas = replicas }
        case .replicasets:
            guard let rs = store.get(ReplicaSet.self, ref.name, namespace: ref.namespace) else {
                throw KubectlError("error: no objects passed to scale \(Kind.replicaSet.qualifiedResource) \"\(ref.name)\" not found")
            }
            try check(rs.spec.replicas)
            try refuseBeyondInt32(replicas, rs.metadata, statusReplicas: rs.status.replicas, selector: rs.spec.selector)
            try store.modify(ReplicaSet.self, ref.name, namespace: ref.namespace) { $0.spec.replicas = replicas }
        default:
            throw KubectlError("Error from server (NotFound): the server could not find the requested resource")
        }
    }

    /// kubectl's --replicas is an int flag, but it sends the count as a merge patch
    /// `{"spec":{"replicas":N}}` to the scale subresource, whose spec.replicas is an int32. The
    /// API server cannot decode the patched Scale and answers Invalid on the field "patch",
    /// quoting the patched object (its JSON keys sorted, as the merge patch re-encodes them);
    /// kubectl prints that as "The request is invalid: …". The object stays as it was.
    private static func refuseBeyondInt32(_ replicas: Int, _ meta: ObjectMeta, statusReplicas: Int, selector: LabelSelector) throws {
        guard replicas > Int(Int32.max) else { return }
        let patched = JSONValue.object([
            ("apiVersion", .string("autoscaling/v1")), ("kind", .string("Scale")),
            ("metadata", .object([
                ("creationTimestamp", .string(CalendarTime.rfc3339(meta.creationTimestamp))), ("name", .string(meta.name)),
                ("namespace", .string(meta.namespace)), ("resourceVersion", .string(meta.resourceVersion)), ("uid", .string(meta.uid)),
            ])),
            ("spec", .object([("replicas", .int(Int64(replicas)))])),
            ("status", .object([("replicas", .int(Int64(statusReplicas))), ("selector", .string(selector.description))])),
        ]).compactJSON()
        let quoted = "\"" + patched.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        throw KubectlError("The request is invalid: patch: Invalid value: \(quoted): json: cannot unmarshal number \(replicas) into Go struct field ScaleSpec.spec.replicas of type int32")
    }
}
