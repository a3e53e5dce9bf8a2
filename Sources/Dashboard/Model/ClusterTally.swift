import Cluster

/// Figures the header and the node map show, kept up to date from the store's watch: a frame of
/// a cluster of 5,000 nodes and 150,000 pods reads them instead of listing every node and pod.
/// Each change takes back what the object's old state added and adds its new state (a watch
/// event carries both), so the figures always equal a count made from scratch.
public final class ClusterTally {
    /// Pods on one node (or not yet bound: the node named ""), by their state on the map.
    /// A vector, not an array: the overview adds up thousands of these a frame without allocating.
    struct PodStates: Equatable {
        private(set) var counts = SIMD16<Int32>(repeating: 0)

        subscript(state: PodTileState) -> Int { Int(counts[state.index]) }

        mutating func add(_ state: PodTileState, _ delta: Int) { counts[state.index] += Int32(delta) }

        var isEmpty: Bool { counts == SIMD16(repeating: 0) }

        /// The state most in need of a look, among those with pods.
        var worst: PodTileState? { PodTileState.bySeverity.first { counts[$0.index] > 0 } }

        mutating func formUnion(_ other: PodStates) { counts &+= other.counts }
    }

    public private(set) var nodeCount = 0
    public private(set) var readyNodeCount = 0
    /// Each node (and "", for pods not yet bound) has a slot from the first time it is seen,
    /// kept for the tally's life: the overview map looks its names up once, then reads each
    /// frame's figures from arrays instead of hashing 5,000 names.
    private var slotByNode: [String: Int] = [:]
    /// Pods on each slot's node, by state.
    private(set) var podsBySlot: [PodStates] = []
    /// Whether each slot's node is down (not Ready): drawn as down on the overview map.
    private(set) var downBySlot: [Bool] = []
    /// The last names `slots(of:)` was asked for, and their slots.
    private var lastNames: [String] = [], lastSlots: [Int] = []
    /// Every pod, by state.
    private(set) var pods = PodStates()
    /// Desired and ready replicas summed over each namespace's workloads (the header's `pods 3/3
    /// Ready`): its Deployments, the ReplicaSets no Deployment controls (made by hand, or left by
    /// `delete --cascade=orphan`: their pods are counted by no Deployment), and its DaemonSets.
    private var workloadReplicas: [String: (ready: Int, desired: Int)] = [:]
    /// Bumped on every change to a figure.
    private(set) var version = 0

    init(store: Store) {
        for node in store.list(Node.self) { count(node, 1) }
        // Visited in place: a sorted copy of 150,000 pods is not needed to count them.
        _ = store.countPods { pod in
            count(pod, 1)
            return false
        }
        for deployment in store.list(Deployment.self) { count(deployment, 1) }
        for rs in store.list(ReplicaSet.self) { count(rs, 1) }
        for daemonSet in store.list(DaemonSet.self) { count(daemonSet, 1) }
    }

    func observe(_ event: WatchEvent) {
        switch event.kind {
        case .node, .pod, .deployment, .replicaSet, .daemonSet: break
        default: return
        }
        version += 1
        if event.type != .added, let old = event.old ?? (event.type == .deleted ? event.object : nil) { count(old, -1) }
        if event.type != .deleted { count(event.object, 1) }
    }

    private func count(_ object: any APIObject, _ sign: Int) {
        switch object {
        case let node as Node:
            nodeCount += sign
            if node.isReady {
                readyNodeCount += sign
            } else {
                downBySlot[slot(node.name)] = sign > 0
            }
        case let pod as Pod:
            let state = PodTileState(pod)
            podsBySlot[slot(pod.spec.nodeName)].add(state, sign)
            pods.add(state, sign)
        case let deployment as Deployment:
            addReplicas(deployment.metadata.namespace, ready: deployment.status.readyReplicas, desired: deployment.spec.replicas, sign)
        case let rs as ReplicaSet where rs.metadata.controllerRef?.kind != Kind.deployment.rawValue:
            addReplicas(rs.metadata.namespace, ready: rs.status.readyReplicas, desired: rs.spec.replicas, sign)
        case let daemonSet as DaemonSet:
            addReplicas(daemonSet.metadata.namespace, ready: daemonSet.status.numberReady, desired: daemonSet.status.desiredNumberScheduled, sign)
        default:
            break
        }
    }

    private func addReplicas(_ namespace: String, ready: Int, desired: Int, _ sign: Int) {
        var sums = workloadReplicas[namespace] ?? (0, 0)
        sums.ready += sign * ready
        sums.desired += sign * desired
        workloadReplicas[namespace] = sums
    }

    /// Ready and desired replicas over the workloads of `namespace` (see `workloadReplicas`).
    func workloadReplicas(in namespace: String) -> (ready: Int, desired: Int) { workloadReplicas[namespace] ?? (0, 0) }

    func pods(onNode node: String) -> PodStates { slotByNode[node].map { podsBySlot[$0] } ?? PodStates() }

    func isDown(_ node: String) -> Bool { slotByNode[node].map { downBySlot[$0] } ?? false }

    /// The slots of `names`, in order (a name not seen yet gets an empty one). The map asks with
    /// the same array every frame until the nodes change, and comparing it to the last one
    /// asked is then a look at its buffer.
    func slots(of names: [String]) -> [Int] {
        if names == lastNames { return lastSlots }
        lastSlots = names.map(slot)
        lastNames = names
        return lastSlots
    }

    private func slot(_ node: String) -> Int {
        if let slot = slotByNode[node] { return slot }
        slotByNode[node] = podsBySlot.count
        podsBySlot.append(PodStates())
        downBySlot.append(false)
        return podsBySlot.count - 1
    }
}

extension PodTileState {
    var index: Int { rawValue }

    /// Worst first: what the overview map shows for a node (or a group of nodes) of many pods.
    static let bySeverity: [PodTileState] = [.failed, .crashLooping, .imagePullFailing, .terminating, .notReady, .pending, .creating, .orphan, .ready]
}
