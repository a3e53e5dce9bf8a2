/// Deletes every Event an hour after its last write, as the API server's `--event-ttl` lease
/// does in etcd: events the components record and events API clients create or update alike
/// (`kubectl create -f event.yaml`, a POST to core/v1 or events.k8s.io). Each write renews it.
public final class EventExpiry {
    public static let ttl = SimDuration.seconds(3600)

    private unowned let store: Store
    /// One entry per write, in write order (so expiry times only grow): the sweep reads from the
    /// front, and an entry whose event was written again since (another resourceVersion) is skipped.
    /// An entry holds the event's metadata: its box (shared by the event's versions, since a
    /// repeat changes count and times, not metadata) keeps the key, hashed once, and the
    /// resourceVersion sits beside it; 32 bytes, where the name, namespace and version as
    /// strings were 56.
    private var writes: [(expiresAt: SimTime, metadata: ObjectMeta)] = []
    private var head = 0
    private var sweepScheduled = false

    /// What this controller's timers hold of it (not a weak reference: see `Lifeline`).
    private let lifeline = Lifeline()

    deinit { lifeline.end() }

    init(store: Store) {
        self.store = store
        // `self.store`, not the parameter: the store keeps this closure, and a closure keeping
        // the store would keep every cluster ever made (each `apply -f` makes a scratch one).
        store.watch([.event]) { [unowned self] change in
            guard change.type != .deleted, let event = change.event else { return }
            writes.append((self.store.now + Self.ttl, event.metadata))
            scheduleSweep()
        }
    }

    /// Events written and not yet swept (the expiry's own memory).
    var pendingWrites: Int { writes.count - head }

    private func scheduleSweep() {
        guard !sweepScheduled, head < writes.count else { return }
        sweepScheduled = true
        lifeline.schedule(on: store.clock, at: writes[head].expiresAt, owner: self) { $0.sweep() }
    }

    private func sweep() {
        sweepScheduled = false
        let now = store.now
        while head < writes.count, writes[head].expiresAt <= now {
            let write = writes[head]
            head += 1
            let key = write.metadata.namespacedKey
            if store.get(Event.self, key: key)?.metadata.resourceVersion == write.metadata.resourceVersion {
                try? store.delete(Event.self, key: key)
            }
        }
        if head >= 1024 && head * 2 >= writes.count {
            writes.removeFirst(head)
            head = 0
        }
        scheduleSweep()
    }
}
