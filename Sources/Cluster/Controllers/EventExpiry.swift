/// Deletes every Event an hour after its last write, as the API server's `--event-ttl` lease
/// does in etcd: events the components record and events API clients create or update alike
/// (`kubectl create -f event.yaml`, a POST to core/v1 or events.k8s.io). Each write renews it.
public final class EventExpiry {
    public static let ttl = SimDuration.seconds(3600)

    private unowned let store: Store
    /// One entry per write of a recorded event, in write order (so expiry times only grow): the
    /// sweep reads from the front, and an entry whose event was written again since (another
    /// resourceVersion) is skipped. 24 bytes: the record's stamp finds it.
    private var recordWrites: [(expiresAt: SimTime, nanos: UInt64, resourceVersion: Int64)] = []
    private var recordHead = 0
    /// The same for events stored as objects (API clients' events, and recorded ones a client
    /// changed): an entry holds the event's metadata, whose box keeps the key hashed once. Kept
    /// in expiry order; an event taken out of the records keeps its earlier expiry, so it may
    /// go in before the last entry.
    private var objectWrites: [(expiresAt: SimTime, metadata: ObjectMeta)] = []
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
                recordWrites.append((at + Self.ttl, nanos, resourceVersion))
            case let .object(metadata, at):
                let expiresAt = at + Self.ttl
                let slot = objectWrites.lastIndex { $0.expiresAt <= expiresAt }.map { $0 + 1 } ?? 0
                objectWrites.insert((expiresAt, metadata), at: slot)
            }
            scheduleSweep()
        }
    }

    /// Events written and not yet swept (the expiry's own memory).
    var pendingWrites: Int { recordWrites.count - recordHead + objectWrites.count }

    private var nextExpiry: SimTime? {
        [recordHead < recordWrites.count ? recordWrites[recordHead].expiresAt : nil, objectWrites.first?.expiresAt].compactMap { $0 }.min()
    }

    private func scheduleSweep() {
        guard !sweepScheduled, let next = nextExpiry else { return }
        sweepScheduled = true
        lifeline.schedule(on: store.clock, at: next, owner: self) { $0.sweep() }
    }

    private func sweep() {
        sweepScheduled = false
        let now = store.now
        while recordHead < recordWrites.count, recordWrites[recordHead].expiresAt <= now {
            let write = recordWrites[recordHead]
            recordHead += 1
            store.expireRecordedEvent(nanos: write.nanos, resourceVersion: write.resourceVersion)
        }
        if recordHead >= 1024 && recordHead * 2 >= recordWrites.count {
            recordWrites.removeFirst(recordHead)
            recordHead = 0
        }
        let due = objectWrites.prefix { $0.expiresAt <= now }.count
        for write in objectWrites.prefix(due) {
            let key = write.metadata.namespacedKey
            if store.events[key]?.metadata.resourceVersion == write.metadata.resourceVersion {
                try? store.delete(Event.self, key: key)
            }
        }
        objectWrites.removeFirst(due)
        scheduleSweep()
    }
}
