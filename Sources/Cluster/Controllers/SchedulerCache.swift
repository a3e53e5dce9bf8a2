/// What the scheduler knows about each node's load, kept up to date from watch events so that
/// placing a pod never re-sums a node's pods (the scheduler's own cache, pkg/scheduler/backend/cache).
/// Nodes are held in name order as objects, so the filter loop does no lookups by name.
final class SchedulerCache {
    /// One node: its stored object (read in place) and the sums of its pods' requests.
    final class NodeState {
        let name: String
        let index: Int
        let box: ObjectTable<Node>.Box
        /// Sum of real requests (for NodeResourcesFit).
        var requested = ResourceAmounts()
        /// Sum of non-zero requests (for scoring).
        var scoringRequested = ResourceAmounts()

        init(name: String, index: Int, box: ObjectTable<Node>.Box) {
            self.name = name
            self.index = index
            self.box = box
        }
    }

    struct Entry {
        var node: NodeState
        var requests: ResourceAmounts
        var scoring: ResourceAmounts
        var owner: String?
    }

    /// Nodes in the API server's (name) order.
    private(set) var nodes: [NodeState] = []
    private var byName: [String: NodeState] = [:]
    private var nextIndex = 0
    /// Pods per owner uid, by node index, for spreading an owner's pods across nodes.
    private var ownerOnNode: [String: [Int: Int]] = [:]
    private var entries: [String: Entry] = [:]
    /// Bound pods whose node the cache has not seen yet (a pod may be watched before its node).
    private var waiting: [String: Pod] = [:]

    func observe(_ event: WatchEvent, store: Store) {
        switch event.kind {
        case .node:
            if event.type == .added, let box = store.nodes.box(event.object.key) {
                let state = NodeState(name: event.name, index: nextIndex, box: box)
                nextIndex += 1
                byName[event.name] = state
                nodes.insert(state, at: nodes.firstIndex { $0.name > event.name } ?? nodes.count)
                for (uid, pod) in waiting where pod.spec.nodeName == event.name {
                    waiting[uid] = nil
                    add(pod)
                }
            } else if event.type == .deleted {
                byName[event.name] = nil
                nodes.removeAll { $0.name == event.name }
            }
        case .pod:
            let pod = event.object as! Pod
            if event.type == .deleted || !pod.isScheduled {
                forget(pod.metadata.uid)
            } else {
                add(pod)
            }
        default:
            break
        }
    }

    /// Counts a bound pod on its node (idempotent).
    func add(_ pod: Pod) {
        guard entries[pod.metadata.uid] == nil else { return }
        guard let node = byName[pod.spec.nodeName] else {
            waiting[pod.metadata.uid] = pod
            return
        }
        let entry = Entry(node: node, requests: pod.spec.requests, scoring: Self.scoringRequests(pod), owner: pod.metadata.controllerRef?.uid)
        entries[pod.metadata.uid] = entry
        node.requested = node.requested + entry.requests
        node.scoringRequested = node.scoringRequested + entry.scoring
        if let owner = entry.owner { ownerOnNode[owner, default: [:]][node.index, default: 0] += 1 }
    }

    private func forget(_ uid: String) {
        waiting[uid] = nil
        guard let entry = entries.removeValue(forKey: uid) else { return }
        entry.node.requested = entry.node.requested - entry.requests
        entry.node.scoringRequested = entry.node.scoringRequested - entry.scoring
        if let owner = entry.owner {
            ownerOnNode[owner]?[entry.node.index, default: 1] -= 1
            if ownerOnNode[owner]?[entry.node.index] == 0 { ownerOnNode[owner]?[entry.node.index] = nil }
        }
    }

    /// Pods of `owner` per node index (empty for a pod without owner).
    func ownerCounts(_ owner: String?) -> [Int: Int] { owner.flatMap { ownerOnNode[$0] } ?? [:] }

    /// Requests used for scoring: containers that request nothing count as 100m CPU and 200Mi
    /// (the scheduler's non-zero defaults), so empty pods still spread.
    static func scoringRequests(_ pod: Pod) -> ResourceAmounts {
        var cpu: Int64 = 0, mem: Int64 = 0
        for c in pod.spec.containers {
            cpu = Saturating.add(cpu, c.requests.cpuMillis == 0 ? 100 : c.requests.cpuMillis)
            mem = Saturating.add(mem, c.requests.memoryBytes == 0 ? 200 << 20 : c.requests.memoryBytes)
        }
        return ResourceAmounts(cpuMillis: cpu, memoryBytes: mem, pods: 1)
    }
}
