/// Watches kubelet leases (pkg/controller/nodelifecycle): a node whose lease is older than the
/// grace period becomes NotReady (Unknown), its pods are marked not ready and it gets the
/// `unreachable` taints; a fresh lease makes it Ready again and lifts them.
final class NodeLifecycleController {
    static let component = "node-controller"

    private let store: Store
    private let recorder: EventRecorder
    private let pace: Pace

    private var queue: WorkQueue!

    init(store: Store, recorder: EventRecorder, pace: Pace) {
        self.store = store
        self.recorder = recorder
        self.pace = pace
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction) { [unowned self] in self.syncUnschedulableTaint($0) }
        store.watch { [unowned self] event in
            if event.kind == .node, event.type != .deleted, (event.old as? Node)?.spec.unschedulable != (event.object as! Node).spec.unschedulable {
                self.queue.add(event.name)
            }
        }
        store.clock.schedule(after: pace.nodeMonitorPeriod) { [weak self] in self?.monitor() }
    }

    /// TaintNodesByCondition: a cordoned node carries `node.kubernetes.io/unschedulable:NoSchedule`.
    private func syncUnschedulableTaint(_ name: String) {
        guard let node = store.get(Node.self, name) else { return }
        let hasTaint = node.spec.taints.contains { $0.key == Taint.unschedulableKey }
        guard node.spec.unschedulable != hasTaint else { return }
        let now = store.now
        _ = try? store.modify(Node.self, name) { n in
            n.spec.taints.removeAll { $0.key == Taint.unschedulableKey }
            if n.spec.unschedulable { n.spec.taints.append(Taint(key: Taint.unschedulableKey, effect: "NoSchedule", timeAdded: now)) }
        }
    }

    private func monitor() {
        let now = store.now
        for node in store.list(Node.self) {
            guard let lease = store.get(Lease.self, node.name) else { continue }
            let stale = now - lease.renewTime > pace.nodeMonitorGracePeriod
            let readyStatus = node.status.condition("Ready")?.status
            if stale && readyStatus != "Unknown" {
                markUnknown(node)
            } else if !stale && readyStatus == "Unknown" {
                markReady(node)
            }
        }
        store.clock.schedule(after: pace.nodeMonitorPeriod) { [weak self] in self?.monitor() }
    }

    private func markUnknown(_ node: Node) {
        let now = store.now
        let updated = try? store.modify(Node.self, node.name) { n in
            for i in n.status.conditions.indices {
                n.status.conditions[i].status = "Unknown"
                n.status.conditions[i].reason = "NodeStatusUnknown"
                n.status.conditions[i].message = "Kubelet stopped posting node status."
                n.status.conditions[i].lastTransitionTime = now
            }
            n.spec.taints.removeAll { $0.key == Taint.notReadyKey || $0.key == Taint.unreachableKey }
            n.spec.taints.append(Taint(key: Taint.unreachableKey, effect: "NoSchedule", timeAdded: now))
            n.spec.taints.append(Taint(key: Taint.unreachableKey, effect: "NoExecute", timeAdded: now))
        }
        guard let updated else { return }
        recorder.record(updated, reason: "NodeNotReady", message: "Node \(node.name) status is now: NodeNotReady", component: Self.component)
        // MarkPodsNotReady: the pods' Ready condition goes False.
        for pod in store.pods(onNode: node.name) where !pod.isTerminating {
            recorder.record(pod, type: "Warning", reason: "NodeNotReady", message: "Node is not ready", component: Self.component)
        }
        for pod in store.pods(onNode: node.name) where pod.isReady {
            _ = try? store.modify(Pod.self, pod.name) { p in
                p.status.setCondition("Ready", "False", at: now)
                p.status.setCondition("ContainersReady", "False", at: now)
                for i in p.status.containerStatuses.indices { p.status.containerStatuses[i].ready = false }
            }
        }
    }

    private func markReady(_ node: Node) {
        let now = store.now
        let updated = try? store.modify(Node.self, node.name) { n in
            n.status.conditions = NodeConditions.healthy(at: now)
            n.spec.taints.removeAll { $0.key == Taint.notReadyKey || $0.key == Taint.unreachableKey }
        }
        if let updated {
            recorder.record(updated, reason: "NodeReady", message: "Node \(node.name) status is now: NodeReady", component: Kubelet.component, host: node.name)
        }
    }
}

/// The conditions a healthy kubelet reports.
enum NodeConditions {
    static func healthy(at now: SimTime) -> [NodeCondition] {
        [
            NodeCondition(type: "MemoryPressure", status: "False", at: now, reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available"),
            NodeCondition(type: "DiskPressure", status: "False", at: now, reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure"),
            NodeCondition(type: "PIDPressure", status: "False", at: now, reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available"),
            NodeCondition(type: "Ready", status: "True", at: now, reason: "KubeletReady", message: "kubelet is posting ready status"),
        ]
    }

    static func starting(at now: SimTime) -> [NodeCondition] {
        var conditions = healthy(at: now)
        conditions[3] = NodeCondition(type: "Ready", status: "False", at: now, reason: "KubeletNotReady", message: "container runtime status check may not have completed yet")
        return conditions
    }
}

/// Evicts pods from nodes with NoExecute taints they do not tolerate, after their toleration
/// runs out (pkg/controller/tainteviction).
final class TaintEvictionController {
    static let component = "taint-eviction-controller"

    private let store: Store
    private let recorder: EventRecorder
    private var queue: WorkQueue!
    /// Pending evictions by pod uid, so a pod is marked only once.
    private var scheduled: Set<String> = []

    init(store: Store, recorder: EventRecorder, pace: Pace) {
        self.store = store
        self.recorder = recorder
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction) { [unowned self] in self.syncNode($0) }
        store.watch { [unowned self] event in
            switch event.kind {
            case .node:
                let old = event.old as? Node
                if (event.object as! Node).spec.taints != old?.spec.taints { self.queue.add(event.name) }
            case .pod:
                let pod = event.object as! Pod
                if pod.isScheduled && event.type != .deleted && (event.old as? Pod)?.isScheduled != true { self.queue.add(pod.spec.nodeName) }
            default:
                break
            }
        }
    }

    private func syncNode(_ name: String) {
        guard let node = store.get(Node.self, name) else { return }
        let noExecute = node.spec.taints.filter { $0.effect == "NoExecute" }
        guard !noExecute.isEmpty else { return }
        for pod in store.pods(onNode: name) where !pod.isTerminating && !scheduled.contains(pod.metadata.uid) {
            // The shortest toleration among the taints decides; an untolerated taint evicts now.
            var evictAt: SimTime? = nil
            for taint in noExecute {
                guard let toleration = pod.spec.tolerations.first(where: { $0.tolerates(taint) }) else { evictAt = store.now; break }
                if let seconds = toleration.tolerationSeconds {
                    let at = (taint.timeAdded ?? store.now) + .seconds(Double(seconds))
                    evictAt = min(evictAt ?? at, at)
                }
            }
            guard let at = evictAt else { continue } // tolerated forever
            scheduled.insert(pod.metadata.uid)
            let uid = pod.metadata.uid, podName = pod.name
            store.clock.schedule(at: at) { [weak self] in self?.evict(podName, uid: uid, node: name) }
        }
    }

    private func evict(_ podName: String, uid: String, node: String) {
        scheduled.remove(uid)
        guard let pod = store.get(Pod.self, podName), pod.metadata.uid == uid, !pod.isTerminating,
              let n = store.get(Node.self, node), n.spec.taints.contains(where: { $0.effect == "NoExecute" }) else { return }
        recorder.record(pod, reason: "TaintManagerEviction", message: "Marking for deletion Pod default/\(podName)", component: Self.component)
        try? store.delete(Pod.self, podName)
        // The kubelet cannot confirm: the pod stays, shown as Unknown (NodeLost) until the node returns.
        if n.spec.taints.contains(where: { $0.key == Taint.unreachableKey }) {
            _ = try? store.modify(Pod.self, podName) { $0.status.reason = "NodeLost" }
        }
    }
}

/// Deletes objects whose owner is gone (background cascading deletion, pkg/controller/garbagecollector).
final class GarbageCollector {
    private let store: Store
    private var queue: WorkQueue!

    init(store: Store, pace: Pace) {
        self.store = store
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction) { [unowned self] in self.collect(ownerUID: $0) }
        store.watch { [unowned self] event in
            if event.type == .deleted, event.kind == .deployment || event.kind == .replicaSet { self.queue.add(event.object.metadata.uid) }
        }
    }

    private func collect(ownerUID: String) {
        for rs in store.replicaSets(ownedBy: ownerUID) { try? store.delete(ReplicaSet.self, rs.name) }
        for pod in store.pods(ownedBy: ownerUID) where !pod.isTerminating { try? store.delete(Pod.self, pod.name) }
    }
}
