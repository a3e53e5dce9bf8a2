/// Deletes the pods of a Node that is gone (pkg/controller/podgc, gcOrphaned): once the node
/// has stayed absent for the quarantine, each pod still bound to it is marked Failed with a
/// DisruptionTarget condition and force deleted, as no kubelet will ever report on it; the
/// controllers that own them then replace them.
final class PodGarbageCollector {
    /// quarantineTime: how long a node must stay deleted before its pods go (it may come back).
    static let quarantine = SimDuration.seconds(40)

    private let store: Store

    /// What this controller's timers hold of it (not a weak reference: see `Lifeline`).
    private let lifeline = Lifeline()

    deinit { lifeline.end() }

    init(store: Store) {
        self.store = store
        store.watch([.node]) { [unowned self] event in
            guard event.type == .deleted else { return }
            let name = event.name
            // Through self: the store keeps this closure, so it must not keep the store.
            self.lifeline.schedule(on: self.store.clock, after: Self.quarantine, owner: self) { $0.collectOrphans(of: name) }
        }
    }

    private func collectOrphans(of node: String) {
        guard store.get(Node.self, node) == nil else { return }
        for pod in store.pods(onNode: node) {
            let now = store.now
            _ = try? store.modify(Pod.self, key: pod.key) { pod in
                pod.status.setCondition("DisruptionTarget", "True", at: now, reason: "DeletionByPodGC", message: "PodGC: node no longer exists")
                if pod.status.phase != "Succeeded" && pod.status.phase != "Failed" { pod.status.phase = "Failed" }
            }
            try? store.delete(Pod.self, key: pod.key, gracePeriodSeconds: 0)
        }
    }
}
