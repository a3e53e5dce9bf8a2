/// Deletes every Event an hour after its last write, as the API server's `--event-ttl` lease
/// does in etcd: events the components record and events API clients create or update alike
/// (`kubectl create -f event.yaml`, a POST to core/v1 or events.k8s.io). Each write renews it.
public final class EventExpiry {
    public static let ttl = SimDuration.seconds(3600)

    private unowned let store: Store
    /// One entry per write of a recorded event, in write order: an entry whose event was
    /// written again since (another resourceVersion) is skipped. 24 bytes: the record's stamp
    /// finds it.
    private var recordWrites = ExpiryQueue<(nanos: UInt64, resourceVersion: Int64)>()
    /// The same for events stored as objects (API clients' events, and recorded ones a client
    /// changed): an entry holds the event's metadata, whose box keeps the key hashed once. An
    /// event taken out of the records keeps its earlier expiry, so it may go in before the last.
    private var objectWrites = ExpiryQueue<ObjectMeta>()
    private var sweepScheduled = false

    /// What this controller's timers hold of it (not a weak reference: see `Lifeline`).
    private let lifeline = Lifeline()

    deinit { lifeline.end() }

    init(store: Store) {
        self.store = store
        // Told by the store rather than through a watch: a watcher of events would make the
        // store build every recorded event as an object.
        store.eventWritten = { [unowned self] write in
            switch write {
            case let .record(nanos, resourceVersion, at):
                recordWrites.insert((nanos, resourceVersion), expiresAt: at + Self.ttl)
            case let .object(metadata, at):
                objectWrites.insert(metadata, expiresAt: at + Self.ttl)
            }
            scheduleSweep()
        }
    }

    /// Events written and not yet swept (the expiry's own memory).
    var pendingWrites: Int { recordWrites.count + objectWrites.count }

    private func scheduleSweep() {
        guard !sweepScheduled, let next = [recordWrites.next, objectWrites.next].compactMap({ $0 }).min() else { return }
        sweepScheduled = true
        lifeline.schedule(on: store.clock, at: next, owner: self) { $0.sweep() }
    }

    private func sweep() {
        sweepScheduled = false
        let now = store.now
        recordWrites.removeDue(by: now) { store.expireRecordedEvent(nanos: $0.nanos, resourceVersion: $0.resourceVersion) }
        objectWrites.removeDue(by: now) { metadata in
            let key = metadata.namespacedKey
            if store.events[key]?.metadata.resourceVersion == metadata.resourceVersion {
                try? store.delete(Event.self, key: key)
            }
        }
        scheduleSweep()
    }
}
