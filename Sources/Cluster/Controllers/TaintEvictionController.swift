/// Evicts pods from nodes with NoExecute taints they do not tolerate, after their toleration
/// runs out (pkg/controller/tainteviction).
final class TaintEvictionController {
    static let component = "taint-eviction-controller"
    static let eventSource = EventSource(component: component)

    private let store: Store
    private let recorder: EventRecorder
    private var queue: WorkQueue<String>!
    /// Pending evictions by pod uid, so a pod is marked only once.
    private var scheduled: Set<String> = []

    /// What this controller's timers hold of it (not a weak reference: see `Lifeline`).
    private let lifeline = Lifeline()

    deinit { lifeline.end() }

    init(store: Store, recorder: EventRecorder, pace: Pace) {
        self.store = store
        self.recorder = recorder
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction, name: "tainteviction") { [unowned self] in self.syncNode($0) }
        store.watch([.node, .pod]) { [unowned self] event in
            switch event.kind {
            case .node:
                let old = event.old as? Node
                if (event.object as! Node).spec.taints != old?.spec.taints { self.queue.add(event.name) }
            case .pod:
                let pod = event.pod!
                if pod.isScheduled && event.type != .deleted && event.oldPod?.isScheduled != true { self.queue.add(pod.spec.nodeName) }
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
                    let at = (taint.timeAdded ?? store.now) + .seconds(seconds)
                    evictAt = min(evictAt ?? at, at)
                }
            }
            guard let at = evictAt else { continue } // tolerated forever
            scheduled.insert(pod.metadata.uid)
            let uid = pod.metadata.uid, podKey = pod.key
            lifeline.schedule(on: store.clock, at: at, owner: self) { $0.evict(podKey, uid: uid, node: name) }
        }
    }

    private func evict(_ podKey: ObjectKey, uid: String, node: String) {
        scheduled.remove(uid)
        guard let pod = store.get(Pod.self, key: podKey), pod.metadata.uid == uid, !pod.isTerminating,
              let n = store.get(Node.self, node), n.spec.taints.contains(where: { $0.effect == "NoExecute" }) else { return }
        recorder.record(pod, reason: "TaintManagerEviction", message: "Marking for deletion Pod \(podKey)", from: Self.eventSource)
        try? store.markDisruptionTarget(pod: podKey, reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint")
        // A graceful delete: on an unreachable node no kubelet confirms it, so the pod stays
        // Terminating (nothing in 1.33 sets status.reason NodeLost) until the node returns.
        try? store.delete(Pod.self, key: podKey)
    }
}
