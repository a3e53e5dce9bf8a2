/// Records core/v1 Events as client-go's recorder does (tools/record's EventCorrelator, see
/// `EventCorrelation`): combined similar events, counted repeats, a spam budget per source and
/// object — each source (a kubelet, the scheduler, a controller) with a correlator of its own,
/// bounded as upstream's (`EventCorrelator`). `EventExpiry` deletes every event an hour after
/// its last write.
public final class EventRecorder {
    private let store: Store
    /// Each source's correlator, made at its first event, dropped when it has nothing left.
    private var correlators: [EventSource: EventCorrelator] = [:]
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
    public func record<T: APIObject>(_ object: T, type: String = "Normal", reason: String, message: String,
                                     component: String, host: String = "", container: String? = nil) {
        record(object, type: type, reason: reason, message: message, from: EventSource(component: component, host: host), container: container)
    }

    /// The same, from a source its component made once (its hash kept). Generic, so the name,
    /// namespace and uid are read in place (through `any APIObject` each read copied the whole
    /// metadata).
    func record<T: APIObject>(_ object: T, type: String = "Normal", reason: String, message: String,
                              from source: EventSource, container: String? = nil) {
        let kind = T.kind
        let fieldPath = container.map { fieldPaths($0) } ?? ""
        let now = store.now
        let reported = ObjectInstance(object)
        let correlator = correlators[source] ?? {
            let made = EventCorrelator(source: source)
            correlators[source] = made
            return made
        }()
        let observed = correlator.observe(reported, type: type, reason: reason, message: message, fieldPath: fieldPath, now: now) {
            nextStamp(now)
        }
        schedulePrune()
        guard let write = observed else { return }
        let text = write.message == nil ? SimilarEvents.combinedPrefix + message : message
        let record = RecordedEvents.Record(
            nanos: write.nanos, involvedKind: kind, involvedName: object.metadata.name,
            involvedNamespace: object.metadata.namespace, involvedUID: reported.uid, fieldPath: fieldPath,
            reason: reason, source: correlator.recordSource(type: type), message: text,
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
    public var trackedSourceObjects: Int { correlators.values.reduce(0) { $0 + $1.trackedObjects } }

    /// Every aggregation window, forgets what no longer changes an outcome (closed windows,
    /// expired events, refilled buckets), so memory follows recent events, not history.
    private func schedulePrune() {
        guard !pruneScheduled, !correlators.isEmpty else { return }
        pruneScheduled = true
        lifeline.schedule(on: store.clock, after: SimilarEvents.window, owner: self) { $0.prune() }
    }

    private func prune() {
        pruneScheduled = false
        let now = store.now
        for (source, correlator) in correlators {
            correlator.prune(now: now)
            if correlator.isEmpty { correlators[source] = nil }
        }
        schedulePrune()
    }
}
