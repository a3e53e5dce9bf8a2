/// What the scheduler knows about each node's load, kept up to date from watch events so that
/// placing a pod never re-sums a node's pods (the scheduler's own cache, pkg/scheduler/backend/cache).
final class SchedulerCache {
    struct Entry {
        var node: String
        var requests: ResourceAmounts
        var scoring: ResourceAmounts
        var owner: String?
    }

    /// Sum of real requests per node (for NodeResourcesFit).
    private(set) var requested: [String: ResourceAmounts] = [:]
    /// Sum of non-zero requests per node (for scoring).
    private(set) var scoringRequested: [String: ResourceAmounts] = [:]
    /// Pods per owner uid and node, for spreading an owner's pods across nodes.
    private var ownerOnNode: [String: [String: Int]] = [:]
    private var entries: [String: Entry] = [:]

    func observe(_ event: WatchEvent) {
        guard event.kind == .pod else { return }
        let pod = event.object as! Pod
        if event.type == .deleted || !pod.isScheduled {
            forget(pod.metadata.uid)
        } else {
            add(pod)
        }
    }

    /// Counts a bound pod on its node (idempotent).
    func add(_ pod: Pod) {
        guard entries[pod.metadata.uid] == nil else { return }
        let entry = Entry(node: pod.spec.nodeName, requests: pod.spec.requests,
                          scoring: Self.scoringRequests(pod), owner: pod.metadata.controllerRef?.uid)
        entries[pod.metadata.uid] = entry
        requested[entry.node, default: ResourceAmounts()] = requested[entry.node, default: ResourceAmounts()] + entry.requests
        scoringRequested[entry.node, default: ResourceAmounts()] = scoringRequested[entry.node, default: ResourceAmounts()] + entry.scoring
        if let owner = entry.owner { ownerOnNode[owner, default: [:]][entry.node, default: 0] += 1 }
    }

    private func forget(_ uid: String) {
        guard let entry = entries.removeValue(forKey: uid) else { return }
        requested[entry.node] = (requested[entry.node] ?? ResourceAmounts()) - entry.requests
        scoringRequested[entry.node] = (scoringRequested[entry.node] ?? ResourceAmounts()) - entry.scoring
        if let owner = entry.owner {
            ownerOnNode[owner]?[entry.node, default: 1] -= 1
            if ownerOnNode[owner]?[entry.node] == 0 { ownerOnNode[owner]?[entry.node] = nil }
        }
    }

    func podsOf(owner: String, on node: String) -> Int { ownerOnNode[owner]?[node] ?? 0 }

    /// Requests used for scoring: containers that request nothing count as 100m CPU and 200Mi
    /// (the scheduler's non-zero defaults), so empty pods still spread.
    static func scoringRequests(_ pod: Pod) -> ResourceAmounts {
        var cpu: Int64 = 0, mem: Int64 = 0
        for c in pod.spec.containers {
            cpu += c.requests.cpuMillis == 0 ? 100 : c.requests.cpuMillis
            mem += c.requests.memoryBytes == 0 ? 200 << 20 : c.requests.memoryBytes
        }
        return ResourceAmounts(cpuMillis: cpu, memoryBytes: mem, pods: 1)
    }
}
