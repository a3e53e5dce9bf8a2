/// A fingerprint of the cluster's workloads, to check that the same seed gives the same cluster
/// (across runs, and before and after an optimisation). It covers what users see of nodes,
/// deployments, ReplicaSets and pods — names, uids, placement, phase, addresses, readiness,
/// container ids and counts — and leaves out events and resourceVersions, whose number the event
/// recorder's spam filter and aggregation decide.
extension Cluster {
    public func stateDigest() -> String {
        var hash = StableHash.fnv1a("")
        func add(_ line: String) { hash = StableHash.fnv1a(line + "\n", continuing: hash) }
        add("now \(clock.now.milliseconds)")
        for node in store.list(Node.self) {
            add("node \(node.name) \(node.metadata.uid) ready=\(node.isReady) unschedulable=\(node.spec.unschedulable)")
        }
        for d in store.list(Deployment.self) {
            add("deployment \(d.key) \(d.metadata.uid) \(d.spec.replicas) \(d.status.replicas) \(d.status.readyReplicas) \(d.status.updatedReplicas)")
        }
        for rs in store.list(ReplicaSet.self) {
            add("replicaset \(rs.key) \(rs.metadata.uid) \(rs.spec.replicas) \(rs.status.replicas) \(rs.status.readyReplicas)")
        }
        for pod in store.list(Pod.self) {
            let containers = pod.status.containerStatuses.map { "\($0.name)=\($0.containerID)/\($0.restartCount)" }.joined(separator: ",")
            add("pod \(pod.key) \(pod.metadata.uid) \(pod.metadata.controllerRef?.uid ?? "-") \(pod.spec.nodeName) \(pod.status.phase) \(pod.status.podIP) ready=\(pod.isReady) \(containers)")
        }
        return StableHash.hex(hash, count: 16)
    }
}
