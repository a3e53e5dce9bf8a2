/// Deletes objects whose owner is gone (background cascading deletion, pkg/controller/garbagecollector).
final class GarbageCollector {
    private let store: Store
    private var queue: WorkQueue<String>!

    init(store: Store, pace: Pace) {
        self.store = store
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction, name: "garbagecollector") { [unowned self] in self.collect(ownerUID: $0) }
        store.watch([.deployment, .replicaSet, .daemonSet, .service]) { [unowned self] event in
            if event.type == .deleted { self.queue.add(event.object.metadata.uid) }
        }
    }

    private func collect(ownerUID: String) {
        for rs in store.replicaSets(ownedBy: ownerUID) { try? store.delete(ReplicaSet.self, key: rs.key) }
        for pod in store.pods(ownedBy: ownerUID) where !pod.isTerminating { try? store.delete(Pod.self, key: pod.key) }
        for slice in store.endpointSlices(ownedBy: ownerUID) { try? store.delete(EndpointSlice.self, key: slice.key) }
    }
}
