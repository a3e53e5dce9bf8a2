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
            let pods = plan.toEvict
            // Eviction through the API: no PodDisruptionBudgets exist, so every eviction is allowed.
            for pod in pods {
                out.out("evicting pod \(pod.key)\n")
                try? cluster.store.evict(pod: pod.name, namespace: pod.metadata.namespace, gracePeriodSeconds: grace.flatMap { $0 >= 0 ? $0 : nil })
            }
            let drain = DrainOperation(node: nodeName, pods: pods.map { ($0.key, $0.metadata.uid) },
                                       deadline: cluster.now + (timeout ?? DeleteCommand.defaultTimeout))
            return drain.poll(cluster, into: &out) ? nil : drain
        }
    }
}

/// The waiting half of a drain: prints `pod/X evicted` as each evicted pod disappears, then
/// `node/N drained`; on timeout, kubectl's pending-pods error.
final class DrainOperation: ClusterOperation {
    private let node: String
    private var pending: [(key: ObjectKey, uid: String)]
    let deadline: SimTime?

    init(node: String, pods: [(key: ObjectKey, uid: String)], deadline: SimTime) {
        self.node = node
        pending = pods
        self.deadline = deadline
    }

    func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool {
        pending.removeAll { pod in
            let gone = cluster.store.get(Pod.self, key: pod.key)?.metadata.uid != pod.uid
            if gone { output.out("pod/\(pod.key.name) evicted\n") }
            return gone
        }
        if pending.isEmpty {
            output.out("node/\(node) drained\n")
            return true
        }
        if let deadline, cluster.now >= deadline {
            let first = pending[0].key
            let cause = "error when waiting for pod \"\(first.name)\" in namespace \"\(first.namespace)\" to terminate: context deadline exceeded"
            output.fail("""
                There are pending pods in node "\(node)" when an error occurred: \(cause)
                \(pending.map { "pod/\($0.key.name)" }.joined(separator: "\n"))
                error: unable to drain node "\(node)" due to error: \(cause), continuing command...
                There are pending nodes to be drained:
                 \(node)
                \(cause)
                """)
            return true
        }
        return false
    }
}
