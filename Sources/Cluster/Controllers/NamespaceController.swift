/// Empties a namespace being deleted, then lets it go (pkg/controller/namespace): deletes every
/// object in it, waits until the last one (a pod's graceful termination) is gone, removes the
/// `kubernetes` finalizer and so the namespace itself.
final class NamespaceController {
    private let store: Store
    private var queue: WorkQueue<String>!

    init(store: Store, pace: Pace) {
        self.store = store
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction, name: "namespace") { [unowned self] in self.sync($0) }
        // Every kind but events: the sync deletes a terminating namespace's events at once (no
        // grace period), so no event is ever what the namespace waits for, and a watcher of
        // events makes the store build each recorded event as an object (see RecordedEvents).
        store.watch(KindSet(Kind.allCases.filter { $0 != .event })) { [unowned self] event in
            if event.kind == .namespace {
                if event.type != .deleted, event.object.isTerminating { self.queue.add(event.name) }
            } else if event.type == .deleted, event.kind.isNamespaced,
                      let ns = self.store.namespaces[ObjectKey(namespace: "", name: event.object.metadata.namespace)], ns.isTerminating {
                self.queue.add(ns.name)
            }
        }
    }

    private func sync(_ name: String) {
        guard let ns = store.get(Namespace.self, name), ns.isTerminating else { return }
        let contents = store.contents(of: name)
        if contents.isEmpty {
            _ = try? store.modify(Namespace.self, name) { $0.finalizers.removeAll { $0 == Namespace.kubernetesFinalizer } }
            try? store.delete(Namespace.self, name)
            return
        }
        for (kind, key) in contents where store.object(kind: kind, key: key)?.isTerminating == false {
            try? store.delete(kind: kind, name: key.name, namespace: key.namespace)
        }
        // Report what is left (pods terminating gracefully) in the namespace's conditions.
        var remaining: [Kind: Int] = [:]
        for (kind, _) in store.contents(of: name) { remaining[kind, default: 0] += 1 }
        let conditions = NamespaceConditions.updated(ns.conditions, remaining: remaining, now: store.now)
        if conditions != ns.conditions {
            _ = try? store.modify(Namespace.self, name) { $0.conditions = conditions }
        }
    }
}
