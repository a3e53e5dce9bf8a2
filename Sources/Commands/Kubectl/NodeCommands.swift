import Cluster

/// `kubectl cordon NODE...`, `kubectl uncordon NODE...` (or `-l SELECTOR`): each node named, in
/// order, as kubectl's resource builder visits them.
struct CordonCommand {
    static func run(_ args: [String], cluster: Cluster, verb: String) -> Execution {
        .capturing { out in
            let flags = try FlagParser(command: verb, flags: [.init(long: "selector", short: "l", isBool: false)]).parse(args)
            let selector = flags.string("selector")
            guard !flags.positional.isEmpty || selector != nil else {
                throw KubectlError("error: USAGE: \(verb) NODE [flags]\nSee 'kubectl \(verb) -h' for help and examples")
            }
            var names = flags.positional.map { $0.hasPrefix("node/") || $0.hasPrefix("nodes/") ? String($0.drop { $0 != "/" }.dropFirst()) : $0 }
            if let selector {
                guard flags.positional.isEmpty else {
                    throw KubectlError("error: cannot specify both a resource name and a selector")
                }
                let parsed = try ListSelector.parse(selector, kind: .node)
                names = cluster.store.list(Node.self, selector: parsed).map(\.name)
                if names.isEmpty { throw KubectlError("No resources found") }
            }
            // Every node is looked up first: a missing one stops the command before any change.
            for name in names where cluster.store.get(Node.self, name) == nil { throw APIError.notFound(.node, name) }
            for name in names {
                out.out(try setUnschedulable(verb == "cordon", node: name, cluster: cluster) + "\n")
            }
            return nil
        }
    }

    /// Sets spec.unschedulable; returns kubectl's message (`node/x cordoned`, `node/x already cordoned`).
    static func setUnschedulable(_ value: Bool, node name: String, cluster: Cluster) throws -> String {
        guard let node = cluster.store.get(Node.self, name) else { throw APIError.notFound(.node, name) }
        let verb = value ? "cordoned" : "uncordoned"
        if node.spec.unschedulable == value { return "node/\(name) already \(verb)" }
        try cluster.store.modify(Node.self, name) { $0.spec.unschedulable = value }
        return "node/\(name) \(verb)"
    }
}

/// `kubectl drain NODE [--ignore-daemonsets] [--force] [--timeout=D] [--delete-emptydir-data]
/// [--grace-period=N]`: cordon, evict every pod through the eviction API, wait until they are gone.
struct DrainCommand {
    static let parser = FlagParser(command: "drain", flags: [
        .init(long: "ignore-daemonsets", short: nil, isBool: true),
        .init(long: "force", short: nil, isBool: true),
        .init(long: "timeout", short: nil, isBool: false),
        .init(long: "delete-emptydir-data", short: nil, isBool: true),
        .init(long: "grace-period", short: nil, isBool: false),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            guard flags.positional.count == 1 else {
                throw KubectlError("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples")
            }
            let nodeName = flags.positional[0]
            let timeout = try GoDuration.flag(flags.string("timeout"), name: "timeout", command: "drain")
            let grace = try parser.int(flags, "grace-period")
            out.out(try CordonCommand.setUnschedulable(true, node: nodeName, cluster: cluster) + "\n")

            let sorted = cluster.store.pods(onNode: nodeName).sorted { ($0.metadata.namespace, $0.name) < ($1.metadata.namespace, $1.name) }
            let plan = DrainPlan(sorted, cluster: cluster, force: flags.bool("force"), ignoreDaemonSets: flags.bool("ignore-daemonsets"))
            if let problem = plan.error {
                throw KubectlError("error: unable to drain node \"\(nodeName)\" due to error: \(problem), continuing command...\nThere are pending nodes to be drained:\n \(nodeName)\n\(problem)")
            }
            if let warning = plan.warning { out.err("Warning: \(warning)\n") }
            let drain = DrainOperation(node: nodeName, pods: plan.toEvict, cluster: cluster, timeout: timeout,
                                       gracePeriodSeconds: grace.flatMap { $0 >= 0 ? $0 : nil },
                                       force: flags.bool("force"), ignoreDaemonSets: flags.bool("ignore-daemonsets"))
            return drain.poll(cluster, into: &out) ? nil : drain
        }
    }
}

