/// Deletes every Event an hour after its last write, as the API server's `--event-ttl` lease
/// does in etcd: events the components record and events API clients create or update alike
/// (`kubectl create -f event.yaml`, a POST to core/v1 or events.k8s.io). Each write renews it.
public final class EventExpiry {
    public static let ttl = SimDuration.seconds(3600)

    private unowned let store: Store
    /// Recorded events need no entry for their first write: records are kept in the order of
    /// their stamps, which is the order they were first written, so the sweep walks them from
    /// the oldest while their first write is an hour old, and deletes those not written since.
    /// The stamp of the last record the sweep has passed.
    private var sweptThrough: UInt64 = 0
    /// One entry per later write of a recorded event (a repeat), in write order: an entry whose
    /// event was written again since (another resourceVersion) is skipped. 24 bytes: the
    /// record's stamp finds it.
    private var recordRenewals = ExpiryQueue<(nanos: UInt64, resourceVersion: Int64)>()
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
            case .recorded:
                break
            case let .recordRenewed(nanos, resourceVersion, at):
                recordRenewals.insert((nanos, resourceVersion), expiresAt: at + Self.ttl)
            case let .object(metadata, at):
                objectWrites.insert(metadata, expiresAt: at + Self.ttl)
            }
            scheduleSweep()
        }
    }

    /// Writes the expiry keeps an entry for and has not swept (its own memory): repeats of
    /// recorded events and stored events' writes.
    var pendingWrites: Int { recordRenewals.count + objectWrites.count }

    /// When the oldest record the sweep has not passed is an hour old.
    private var nextRecordDue: SimTime? {
        store.recordedEvents.firstLivePosition(after: sweptThrough).map { store.recordedEvents[$0].creationTimestamp + Self.ttl }
    }

    private func scheduleSweep() {
        guard !sweepScheduled, let next = [nextRecordDue, recordRenewals.next, objectWrites.next].compactMap({ $0 }).min() else { return }
        sweepScheduled = true
        lifeline.schedule(on: store.clock, at: next, owner: self) { $0.sweep() }
    }

    private func sweep() {
        sweepScheduled = false
        let now = store.now
        // Records first written an hour ago or more, oldest first: gone unless written since
        // (then their renewal's entry below, or a later sweep's, deletes them).
        while let position = store.recordedEvents.firstLivePosition(after: sweptThrough) {
            let record = store.recordedEvents[position]
            guard record.creationTimestamp + Self.ttl <= now else { break }
            sweptThrough = record.nanos
            if record.lastTimestamp + Self.ttl <= now { store.deleteRecordedEvent(at: position) }
        }
        recordRenewals.removeDue(by: now) { store.expireRecordedEvent(nanos: $0.nanos, resourceVersion: $0.resourceVersion) }
        objectWrites.removeDue(by: now) { metadata in
            let key = metadata.namespacedKey
            if store.events[key]?.metadata.resourceVersion == metadata.resourceVersion {
                try? store.delete(Event.self, key: key)
            }
        }
        scheduleSweep()
    }
}
