/// Records core/v1 Events as client-go's recorder does (tools/record's EventCorrelator, see
/// `EventCorrelation`): combined similar events, counted repeats, a spam budget per source and
/// object. `EventExpiry` deletes every event an hour after its last write.
public final class EventRecorder {
    private let store: Store
    /// One source (component and host) reporting on one object: client-go's spam key, whose
    /// kind, namespace, name and API version the object's uid stands for. The recorder keeps all
    /// it knows under it, so a pod's kubelet events share one entry instead of one each.
    private struct SourceObject: PrehashedKey {
        let component, host, uid: String
        /// The object's key's hash: a namespaced object's was made when its name was set (a
        /// cluster-scoped one's key is made when asked, rarer here), where hashing the uid cost
        /// ~400 instructions an event. The uid, compared for equality, tells apart two objects
        /// that had the same name, and a pod's few sources (scheduler, kubelet) differ only there.
        let prehash: Int

        init(component: String, host: String, uid: String, keyHash: Int) {
            (self.component, self.host, self.uid) = (component, host, uid)
            prehash = keyHash
        }

        static func == (a: Self, b: Self) -> Bool {
            a.prehash == b.prehash && a.uid == b.uid && a.component == b.component && a.host == b.host
        }
    }

    private var correlations = ShardedDictionary<SourceObject, EventCorrelation>()
    private var lastNanos: UInt64 = 0
    private var pruneScheduled = false
    let expiry: EventExpiry

    /// What this controller's timers hold of it (not a weak reference: see `Lifeline`).
    private let lifeline = Lifeline()

    deinit { lifeline.end() }

    init(store: Store) {
        self.store = store
        expiry = EventExpiry(store: store)
    }

    /// `container` names the container a kubelet event is about (its involvedObject.fieldPath).
    /// Generic, so the name, namespace and uid are read in place (through `any APIObject`
    /// each read copied the whole metadata).
    public func record<T: APIObject>(_ object: T, type: String = "Normal", reason: String, message: String,
                                     component: String, host: String = "", container: String? = nil) {
        let kind = T.kind
        let fieldPath = container.map { fieldPaths($0) } ?? ""
        let now = store.now
        let source = SourceObject(component: component, host: host, uid: object.metadata.uid, keyHash: object.key.prehash)
        let observed = correlations.modify(source, default: EventCorrelation(now: now)) {
            $0.observe(type: type, reason: reason, message: message, fieldPath: fieldPath, now: now) { nextStamp(now) }
        }
        schedulePrune()
        guard let write = observed else { return }
        let text = write.message == nil ? SimilarEvents.combinedPrefix + message : message
        let record = RecordedEvents.Record(
            nanos: write.nanos, involvedKind: kind, involvedName: object.metadata.name,
            involvedNamespace: object.metadata.namespace, involvedUID: source.uid, fieldPath: fieldPath,
            reason: reason, type: type, component: component, host: host, message: text,
            count: write.count, firstTimestamp: write.firstSeen, lastTimestamp: now)
        if write.count > 1 {
            if store.repeatRecordedEvent(nanos: write.nanos, count: write.count, message: text) { return }
            // Taken out of the records by an API client's change: patched where it is now.
            if (try? store.modify(Event.self, key: record.key, { e in
                e.count = write.count
                e.lastTimestamp = now
                e.message = text
            })) != nil { return }
        }
        // The first write, or a repeat of an event deleted meanwhile (upstream creates it again).
        _ = try? store.record(record)
    }

    /// `spec.containers{NAME}` for each container name seen: four kubelet events a container
    /// would otherwise build the same string.
    private var fieldPaths = StringMemo { "spec.containers{\($0)}" }

    /// The stamp an event's name ends with (`<object>.<hex nanoseconds>`): nanoseconds, kept
    /// strictly increasing, so recorded events are kept in the order of their names' stamps.
    private func nextStamp(_ now: SimTime) -> UInt64 {
        lastNanos = max(lastNanos + 1, UInt64(clamping: now.unixMilliseconds) &* 1_000_000)
        return lastNanos
    }

    /// How many source-and-object entries the recorder keeps (its memory, for bound checks).
    public var trackedSourceObjects: Int { correlations.count }

    /// Every aggregation window, forgets what no longer changes an outcome (closed windows,
    /// expired events, refilled buckets), so memory follows recent events, not history.
    private func schedulePrune() {
        guard !pruneScheduled, !correlations.isEmpty else { return }
        pruneScheduled = true
        lifeline.schedule(on: store.clock, after: SimilarEvents.window, owner: self) { $0.prune() }
    }

    private func prune() {
        pruneScheduled = false
        let now = store.now
        for source in Array(correlations.keys) {
            correlations[source]?.prune(now: now)
            if correlations[source]?.isForgettable(now: now) == true { correlations[source] = nil }
        }
        schedulePrune()
    }
}
