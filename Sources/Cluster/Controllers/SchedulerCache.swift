/// What the scheduler knows about each node's load, kept up to date from watch events so that
/// placing a pod never re-sums a node's pods (the scheduler's own cache, pkg/scheduler/backend/cache).
/// Nodes are walked in name order by index, their figures in one array, so the filter loop does
/// no lookups by name.
final class SchedulerCache {
    /// One node: its stored object (read in place) and what the filters read of it that is
    /// not a plain number.
    final class NodeState {
        let name: String
        let index: Int
        let box: ObjectTable<Node>.Box
        /// The NoSchedule and NoExecute taints, in the node's order.
        var schedulingTaints: [Taint] = []

        init(name: String, index: Int, box: ObjectTable<Node>.Box) {
            self.name = name
            self.index = index
            self.box = box
        }
    }

    /// What the scheduling cycle reads of every node it examines, as plain numbers and flags:
    /// kept in one array by node index, 40 bytes a node, so the walk over a thousand nodes a pod
    /// touches no reference counts, strings or dictionaries and about one cache line a node.
    struct Figures {
        /// How much more CPU and memory NodeResourcesFit lets the node take (see `room`).
        var roomCPU: Int64 = 0
        var roomMemory: Int64 = 0
        /// Changes with every change to the node's `Amounts`, never to a value it had before:
        /// a score kept with a stamp is current while the node's stamp is the same.
        var stamp: UInt64 = 0
        /// How many more pods the node takes (clamped: only whether it is below one is read).
        var roomPods: Int32 = 0
        /// The cache's number for the zone label's value ("" for none), so spreading counts zones in arrays.
        var zoneIndex: Int32 = 0
        var unschedulable = false
        var hasSchedulingTaints = false
        /// Whether the node has the hostname and zone labels topology spreading reads.
        var hasHostname = false
        var hasZone = false

        /// The most a pod may ask of a resource and still fit, by NodeResourcesFit's check
        /// `requested + want > allocatable` with a saturating sum: anything on a node of the
        /// largest size, nothing (-1: no positive amount fits) on one already over.
        static func room(_ allocatable: Int64, _ requested: Int64) -> Int64 {
            if allocatable == .max { return .max }
            if requested > allocatable { return -1 }
            return Saturating.subtract(allocatable, requested)
        }
    }

    /// What a node's pods request and what it offers, read when its resource score must be
    /// computed anew; the walk reads `Figures`.
    struct Amounts {
        var allocatable = ResourceAmounts()
        /// The two sums kept exactly: pods' requests add up past Int64's range and are taken out
        /// again, and saturated sums would then fall below zero.
        private var requestedSum = ExactAmounts(), scoringSum = ExactAmounts()

        /// Sum of real requests (for NodeResourcesFit and the balance), clamped. Kept, not read
        /// off the exact sums each time: a score is computed anew for most of a pod's few hundred
        /// nodes when the request changes, and clamping six sums there cost 1.3% of a build-up.
        private(set) var requested = ResourceAmounts()
        /// Sum of non-zero requests (for LeastAllocated), clamped (kept as `requested` is).
        private(set) var scoringRequested = ResourceAmounts()

        mutating func add(_ requests: ResourceAmounts, scoring: ResourceAmounts) {
            requestedSum.add(requests)
            scoringSum.add(scoring)
            (requested, scoringRequested) = (requestedSum.clamped, scoringSum.clamped)
        }

        mutating func subtract(_ requests: ResourceAmounts, scoring: ResourceAmounts) {
            requestedSum.subtract(requests)
            scoringSum.subtract(scoring)
            (requested, scoringRequested) = (requestedSum.clamped, scoringSum.clamped)
        }
    }

    struct Entry {
        var node: NodeState
        var requests: ResourceAmounts
        var scoring: ResourceAmounts
        /// The owner this pod counts for in topology spreading; nil once it is terminating.
        var spreadingOwner: PrehashedString?
        /// The node's ports the pod holds (NodePorts), until it is gone.
        var hostPorts: [HostPort]
    }

    /// A node's port, once per protocol (the host IP is taken as 0.0.0.0: every address).
    struct HostPort: Hashable {
        let port: Int
        let `protocol`: String
    }

    /// The host ports `pod`'s containers ask for.
    static func hostPorts(of pod: Pod) -> [HostPort] {
        var ports: [HostPort] = []
        for container in pod.spec.containers {
            for port in container.ports where port.hostPort != 0 { ports.append(HostPort(port: port.hostPort, protocol: port.protocol)) }
        }
        return ports
    }

    /// Host ports in use by node index, counted (few pods ask for any).
    private var usedHostPorts: [Int: [HostPort: Int]] = [:]

    /// Whether none of `wanted` is held on the node at `index` (NodePorts' filter).
    func portsAreFree(_ wanted: [HostPort], onNode index: Int) -> Bool {
        guard let used = usedHostPorts[index] else { return true }
        return !wanted.contains { used[$0] != nil }
    }

    /// The nodes' indexes in the API server's (name) order: what the scheduling cycle walks.
    private(set) var order: [Int] = [] { didSet { orderVersion += 1 } }
    /// Counts changes to `order`, so that what is kept by position knows when to start over.
    private(set) var orderVersion = 0
    /// Indexes of nodes whose figures changed since the last `drainChangedFigures` (repeats
    /// allowed); nil once more changed than there are nodes, when starting over is cheaper.
    private var changedFigures: [Int]? = []
    /// Each node's figures and amounts by index (a removed node's stay, unread).
    private(set) var figures: [Figures] = []
    private(set) var amounts: [Amounts] = []
    /// The next stamp to give a node whose amounts change.
    private var nextStamp: UInt64 = 1
    private var byName: [String: NodeState] = [:]
    private var byIndex: [NodeState?] = []
    private var nextIndex = 0
    /// Zone label values ("" for none) by number, in the order first seen.
    private var zoneNumbers: [String: Int] = [:]
    var zoneCount: Int { zoneNumbers.count }
    /// Whether any node has ever had a zone label (zone numbers are never forgotten): until one
    /// has, spreading need not look for zones.
    var someNodeHasHadZone: Bool { zoneNumbers.count > (zoneNumbers[""] == nil ? 0 : 1) }
    /// Pods per owner uid, by node index, for spreading an owner's pods across nodes
    /// (terminating pods left out, as PodTopologySpread leaves them out).
    private var ownerOnNode: [PrehashedString: [Int: Int]] = [:]
    /// Bound pods by uid: sharded, as it grows with the cluster (see ShardedDictionary). The uid
    /// is hashed once per visit: a sharded table hashes a plain string twice, for the shard and in it.
    private var entries = ShardedDictionary<PrehashedString, Entry>()
    /// Bound pods whose node the cache has not seen yet (a pod may be watched before its node).
    private var waiting: [String: Pod] = [:]

    func observe(_ event: WatchEvent, store: Store) {
        switch event.kind {
        case .node:
            if event.type == .added, let box = store.nodes.box(event.object.key) {
                let state = NodeState(name: event.name, index: nextIndex, box: box)
                nextIndex += 1
                figures.append(Figures())
                amounts.append(Amounts())
                byIndex.append(state)
                refresh(state)
                byName[event.name] = state
                // `order` is in name order: the first node named after this one, by halving.
                var low = 0, high = order.count
                while low < high {
                    let middle = (low + high) / 2
                    if byIndex[order[middle]]!.name > event.name { high = middle } else { low = middle + 1 }
                }
                order.insert(state.index, at: low)
                for (uid, pod) in waiting where pod.spec.nodeName == event.name {
                    waiting[uid] = nil
                    add(pod)
                }
            } else if event.type == .modified {
                if let state = byName[event.name] { refresh(state) }
            } else if event.type == .deleted {
                if let state = byName[event.name] {
                    byIndex[state.index] = nil
                    order.removeAll { $0 == state.index }
                }
                byName[event.name] = nil
            }
        case .pod:
            let pod = event.pod!
            // A status write that keeps node and termination, and does not end or revive the pod
            // (most of a pod's writes, Pending to Running among them), changes nothing kept
            // here: an entry, once made, changes only when terminating or finished.
            if event.type == .modified, let old = event.oldPod, old.spec.nodeName == pod.spec.nodeName,
               old.isTerminating == pod.isTerminating,
               old.status.phase == pod.status.phase || (!Self.hasFinished(old) && !Self.hasFinished(pod)) { return }
            // A new pod waiting to be scheduled (nearly every new pod) has nothing here to forget.
            if event.type == .added && !pod.isScheduled { return }
            // The scheduler watches only pods that have not finished (its informer's field
            // selector), so a Succeeded or Failed pod no longer holds its node's resources.
            if event.type == .deleted || !pod.isScheduled || Self.hasFinished(pod) {
                forget(pod.metadata.uid)
            } else {
                add(pod)
            }
        default:
            break
        }
    }

    /// Succeeded or Failed: out of the scheduler's informer (its field selector).
    private static func hasFinished(_ pod: Pod) -> Bool { pod.status.phase == "Succeeded" || pod.status.phase == "Failed" }

    /// Re-reads what the scheduler keeps of the node's object.
    private func refresh(_ state: NodeState) {
        let node = state.box.object
        let zone = node.metadata.labels[TopologySpreadScore.zoneKey]
        state.schedulingTaints = node.spec.taints.filter { $0.effect == "NoSchedule" || $0.effect == "NoExecute" }
        figures[state.index].unschedulable = node.spec.unschedulable
        figures[state.index].hasSchedulingTaints = !state.schedulingTaints.isEmpty
        figures[state.index].hasHostname = node.metadata.labels[TopologySpreadScore.hostnameKey] != nil
        figures[state.index].hasZone = zone != nil
        figures[state.index].zoneIndex = Int32(zoneNumber(zone ?? ""))
        figuresChanged(state.index)
        // Only a change renews the stamp: a node writes its status every ten seconds, and its
        // kept scores stay good through those.
        if amounts[state.index].allocatable != node.status.allocatable || figures[state.index].stamp == 0 {
            amounts[state.index].allocatable = node.status.allocatable
            amountsChanged(state.index)
        }
    }

    private func figuresChanged(_ index: Int) {
        guard changedFigures != nil else { return }
        if changedFigures!.count > nextIndex { changedFigures = nil } else { changedFigures!.append(index) }
    }

    /// Hands `body` each node index whose figures changed since the last call (some maybe
    /// twice) and forgets them; false, calling nothing, when too many changed to list.
    func drainChangedFigures(_ body: (Int) -> Void) -> Bool {
        guard changedFigures != nil else {
            changedFigures = []
            return false
        }
        var i = 0
        while i < changedFigures!.count {
            body(changedFigures![i])
            i += 1
        }
        changedFigures!.removeAll(keepingCapacity: true)
        return true
    }

    /// Brings a node's room up to date with its amounts and gives it a new stamp.
    private func amountsChanged(_ index: Int) {
        let amounts = amounts[index]
        figures[index].roomCPU = Figures.room(amounts.allocatable.cpuMillis, amounts.requested.cpuMillis)
        figures[index].roomMemory = Figures.room(amounts.allocatable.memoryBytes, amounts.requested.memoryBytes)
        figures[index].roomPods = Int32(clamping: Saturating.subtract(amounts.allocatable.pods, amounts.requested.pods))
        figures[index].stamp = nextStamp
        nextStamp += 1
        figuresChanged(index)
    }

    private func zoneNumber(_ zone: String) -> Int {
        if let number = zoneNumbers[zone] { return number }
        zoneNumbers[zone] = zoneNumbers.count
        return zoneNumbers.count - 1
    }

    /// Counts a bound pod on its node (idempotent). A terminating pod keeps its resources until
    /// it is gone, but stops counting for spreading.
    func add(_ pod: Pod) {
        let uid = PrehashedString(pod.metadata.uid)
        if let entry = entries[uid] {
            if pod.isTerminating, let owner = entry.spreadingOwner {
                uncount(owner, on: entry.node)
                entries[uid]?.spreadingOwner = nil
            }
            return
        }
        guard let node = byName[pod.spec.nodeName] else {
            waiting[uid.value] = pod
            return
        }
        let owner = pod.isTerminating ? nil : Self.spreadingOwner(pod)
        let entry = Entry(node: node, requests: pod.spec.requests, scoring: Self.scoringRequests(pod), spreadingOwner: owner,
                          hostPorts: Self.hostPorts(of: pod))
        entries[uid] = entry
        for port in entry.hostPorts { usedHostPorts[node.index, default: [:]][port, default: 0] += 1 }
        amounts[node.index].add(entry.requests, scoring: entry.scoring)
        amountsChanged(node.index)
        if let owner { ownerOnNode[owner, default: [:]][node.index, default: 0] += 1 }
    }

    private func forget(_ uid: String) {
        waiting[uid] = nil
        guard let entry = entries.removeValue(forKey: PrehashedString(uid)) else { return }
        let index = entry.node.index
        amounts[index].subtract(entry.requests, scoring: entry.scoring)
        amountsChanged(index)
        if let owner = entry.spreadingOwner { uncount(owner, on: entry.node) }
        for port in entry.hostPorts {
            usedHostPorts[index]?[port, default: 1] -= 1
            if usedHostPorts[index]?[port] == 0 { usedHostPorts[index]?[port] = nil }
            if usedHostPorts[index]?.isEmpty == true { usedHostPorts[index] = nil }
        }
    }

    private func uncount(_ owner: PrehashedString, on node: NodeState) {
        ownerOnNode[owner]?[node.index, default: 1] -= 1
        if ownerOnNode[owner]?[node.index] == 0 { ownerOnNode[owner]?[node.index] = nil }
        if ownerOnNode[owner]?.isEmpty == true { ownerOnNode[owner] = nil }
    }

    /// The controller whose selector the default spreading constraints use: only ReplicaSets,
    /// ReplicationControllers and StatefulSets give one (helper.DefaultSelector; the sim has no
    /// Services, whose selectors would join in). Pods of one controller stand for the pods its
    /// selector matches.
    static func spreadingOwner(_ pod: Pod) -> PrehashedString? {
        // Read in place: a copy of the reference and a list of the three kinds made for each
        // look were most of its cost (two looks a pod).
        for ref in pod.metadata.ownerReferences where ref.controller {
            switch ref.kind {
            case "ReplicaSet", "ReplicationController", "StatefulSet": return ref.uidKey
            default: return nil
            }
        }
        return nil
    }

    /// Pods of `owner` that are not terminating, per node index.
    func ownerCounts(_ owner: PrehashedString) -> [Int: Int] { ownerOnNode[owner] ?? [:] }

    /// One more than the highest node index handed out, for arrays indexed by node.
    var nodeIndexLimit: Int { nextIndex }

    /// The node with cache index `index`, if it still exists.
    func node(index: Int) -> NodeState? { byIndex[index] }

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
