/// Watches kubelet leases (pkg/controller/nodelifecycle): a node whose lease is older than the
/// grace period becomes NotReady (Unknown), its pods' Ready condition goes False and it gets the
/// `unreachable` taints; a fresh lease makes it Ready again and lifts them.
final class NodeLifecycleController {
    static let component = "node-controller"
    static let eventSource = EventSource(component: component)

    private let store: Store
    private let recorder: EventRecorder
    private let pace: Pace

    private var queue: WorkQueue<String>!

    /// What this controller's timers hold of it (not a weak reference: see `Lifeline`).
    private let lifeline = Lifeline()

    deinit { lifeline.end() }

    init(store: Store, recorder: EventRecorder, pace: Pace) {
        self.store = store
        self.recorder = recorder
        self.pace = pace
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction, name: "nodelifecycle") { [unowned self] in self.syncUnschedulableTaint($0) }
        store.watch([.node]) { [unowned self] event in
            if event.type != .deleted, (event.old as? Node)?.spec.unschedulable != (event.object as! Node).spec.unschedulable {
                self.queue.add(event.name)
            }
        }
        lifeline.schedule(on: store.clock, after: pace.nodeMonitorPeriod, owner: self) { $0.monitor() }
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
            guard let lease = store.get(Lease.self, node.name, namespace: Lease.nodeLeaseNamespace) else { continue }
            let stale = now - lease.renewTime > pace.nodeMonitorGracePeriod
            let readyStatus = node.status.condition("Ready")?.status
            if stale && readyStatus != "Unknown" {
                markUnknown(node)
            } else if !stale && readyStatus == "Unknown" {
                markReady(node)
            }
        }
        lifeline.schedule(on: store.clock, after: pace.nodeMonitorPeriod, owner: self) { $0.monitor() }
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
        recorder.record(updated, reason: "NodeNotReady", message: "Node \(node.name) status is now: NodeNotReady", from: Self.eventSource)
        markPodsNotReady(on: node.name, at: now)
    }

    /// MarkPodsNotReady (controller_utils.go): only each pod's `Ready` condition goes False, with
    /// a `NodeNotReady` warning for the pods it changed. Container statuses are the kubelet's to
    /// write, and that kubelet is silent, so READY and STATUS keep what it last reported.
    private func markPodsNotReady(on nodeName: String, at now: SimTime) {
        for pod in store.pods(onNode: nodeName) where pod.isReady {
            guard let updated = try? store.modify(Pod.self, key: pod.key, { $0.status.setCondition("Ready", "False", at: now) }) else { continue }
            recorder.record(updated, type: "Warning", reason: "NodeNotReady", message: "Node is not ready", from: Self.eventSource)
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
