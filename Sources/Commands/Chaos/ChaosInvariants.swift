import Cluster

/// A broken promise found by a chaos run.
public struct ChaosViolation: Equatable, Sendable, CustomStringConvertible {
    /// Which invariant (`ChaosInvariants` names them), the same on every replay that breaks it.
    public let invariant: String
    public let detail: String
    public let at: SimTime

    public var description: String { "\(invariant) at \(GoDuration.format(at - .zero)): \(detail)" }
}

/// What real Kubernetes guarantees, checked only where it guarantees it: the cheap checks after
/// every quiet period whatever faults remain, ready-equals-spec and ReplicaSet sums only once
/// every node is back, uncordoned and the cluster has settled.
enum ChaosInvariants {
    static let uniqueUIDs = "unique-uids"
    static let oneController = "one-controller"
    static let stuckTerminating = "stuck-terminating"
    static let pendingWithRoom = "pending-with-room"
    static let boundToUnschedulableNode = "bound-to-unschedulable-node"
    static let eventsPastTTL = "events-past-ttl"
    static let readyEqualsSpec = "ready-equals-spec"
    static let replicaSetSums = "replicaset-sums"

    /// How long past its deletion deadline a pod on a healthy node may still exist (the
    /// kubelet's reaction plus the API server's removal take well under this).
    static let terminatingSlack = SimDuration.seconds(60)

    static func afterQuiet(_ cluster: Cluster) -> [ChaosViolation] {
        let store = cluster.store, now = cluster.now
        var found: [ChaosViolation] = []
        func violation(_ invariant: String, _ detail: String) { found.append(ChaosViolation(invariant: invariant, detail: detail, at: now)) }

        var owners: [String: String] = [:]
        for kind in Kind.allCases {
            for object in store.objects(kind: kind) {
                let uid = object.metadata.uid
                if let other = owners[uid] { violation(uniqueUIDs, "\(kind.rawValue) \(object.key) has the uid of \(other)") }
                owners[uid] = "\(kind.rawValue) \(object.key)"
            }
        }
        let nodes = Dictionary(uniqueKeysWithValues: store.list(Node.self).map { ($0.name, $0) })
        // What each node holds, counted once per check and only when a pod is Pending.
        var rooms: [NodeRoom]?
        for pod in store.list(Pod.self) {
            let controllers = pod.metadata.ownerReferences.filter(\.controller)
            if pod.isActive && controllers.count > 1 {
                violation(oneController, "pod \(pod.key) has \(controllers.count) controllers")
            }
            if let deadline = pod.metadata.deletionTimestamp, now > deadline + terminatingSlack,
               let node = nodes[pod.spec.nodeName], node.isReady, cluster.kubeletIsRunning(node.name) {
                violation(stuckTerminating, "pod \(pod.key) on healthy \(node.name) is still Terminating \(GoDuration.format(now - deadline)) after its deadline")
            }
            if !pod.isScheduled && !pod.isTerminating {
                if rooms == nil { rooms = nodes.values.sorted { $0.name < $1.name }.map { NodeRoom($0, store: store) } }
                if let room = rooms!.first(where: { $0.fits(pod) }) {
                    violation(pendingWithRoom, "pod \(pod.key) is Pending while \(room.node.name) has room for it")
                }
            }
        }
        for event in store.list(Event.self) where now > (event.lastTimestamp ?? event.metadata.creationTimestamp) + EventExpiry.ttl + .seconds(1) {
            violation(eventsPastTTL, "event \(event.key) outlived the 1h event TTL")
        }
        return found
    }

    /// After healing and settling: every deployment has what it asked for, when the healthy
    /// nodes have room for all of it.
    static func afterSettle(_ cluster: Cluster) -> [ChaosViolation] {
        let store = cluster.store, now = cluster.now
        var found = afterQuiet(cluster)
        let deployments = store.list(Deployment.self)
        let room = store.list(Node.self).filter { $0.isReady && !$0.spec.unschedulable }
            .reduce(0) { $0 + Int($1.status.allocatable.pods) - store.podCount(onNode: $1.name) }
        let wanted = deployments.reduce(0) { $0 + max(0, $1.spec.replicas - $1.status.readyReplicas) }
        for d in deployments {
            let sum = store.replicaSets(ownedBy: d.metadata.uid).reduce(0) { $0 + $1.spec.replicas }
            if sum != d.spec.replicas {
                found.append(ChaosViolation(invariant: replicaSetSums, detail: "deployment \(d.key) wants \(d.spec.replicas) but its ReplicaSets sum to \(sum)", at: now))
            }
            if wanted <= room && (d.status.readyReplicas != d.spec.replicas || d.status.updatedReplicas != d.spec.replicas) {
                found.append(ChaosViolation(invariant: readyEqualsSpec,
                                            detail: "deployment \(d.key) wants \(d.spec.replicas), \(d.status.updatedReplicas) up to date, \(d.status.readyReplicas) ready", at: now))
            }
        }
        return found
    }

    /// A node and what is bound to it, as the scheduler counts: every pod bound there that has
    /// not finished, terminating ones included (their resources are held until they are gone).
    struct NodeRoom {
        let node: Node
        let bound: Int64
        let used: ResourceAmounts

        init(_ node: Node, store: Store) {
            self.node = node
            let bound = store.pods(onNode: node.name).filter { $0.status.phase != "Succeeded" && $0.status.phase != "Failed" }
            self.bound = Int64(bound.count)
            used = bound.reduce(ResourceAmounts()) { $0 + $1.spec.requests }
        }

        /// Whether the node could take `pod` now: Ready, not cordoned, every NoSchedule and
        /// NoExecute taint tolerated, its nodeSelector and affinity met, and room for its
        /// requests and one more pod.
        func fits(_ pod: Pod) -> Bool {
            guard node.isReady, !node.spec.unschedulable else { return false }
            for taint in node.spec.taints where taint.effect != "PreferNoSchedule" && !pod.spec.tolerations.contains(where: { $0.tolerates(taint) }) {
                return false
            }
            guard pod.spec.nodeSelector.allSatisfy({ node.metadata.labels[$0.key] == $0.value }) else { return false }
            if let affinity = pod.spec.nodeAffinity, !affinity.matches(node) { return false }
            let want = pod.spec.requests, allocatable = node.status.allocatable
            return bound < allocatable.pods
                && used.cpuMillis + want.cpuMillis <= allocatable.cpuMillis
                && used.memoryBytes + want.memoryBytes <= allocatable.memoryBytes
        }
    }

    /// Watches every bind as it happens: a pod placed on a cordoned node, or on one whose
    /// not-ready or unreachable taint was already set, breaks the scheduler's promise (daemon
    /// pods tolerate both, and are left out).
    static func watchBinds(_ cluster: Cluster, report: @escaping (ChaosViolation) -> Void) {
        let store = cluster.store
        // Unowned: the store keeps its watchers, so a strong capture kept every cluster a
        // chaos run (or its shrinking's replays) ever made.
        store.watch { [unowned store] change in
            guard change.kind == .pod, change.type == .modified, let old = change.oldPod, let pod = change.pod,
                  !old.isScheduled, pod.isScheduled, pod.metadata.controllerRef?.kind != "DaemonSet",
                  let node = store.get(Node.self, pod.spec.nodeName) else { return }
            let lost = node.spec.taints.first { ($0.key == Taint.notReadyKey || $0.key == Taint.unreachableKey) && $0.effect == "NoSchedule" }
            if node.spec.unschedulable || lost != nil {
                let why = node.spec.unschedulable ? "cordoned" : "tainted \(lost!.key)"
                report(ChaosViolation(invariant: boundToUnschedulableNode, detail: "pod \(pod.key) was bound to \(node.name), which is \(why)", at: store.now))
            }
        }
    }
}
