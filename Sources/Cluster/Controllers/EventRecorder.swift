/// Records core/v1 Events as client-go's recorder does (tools/record's EventCorrelator, see
/// `EventCorrelation`): combined similar events, counted repeats, a spam budget per source and
/// object. `EventExpiry` deletes every event an hour after its last write.
public final class EventRecorder {
    private let store: Store
    /// One source (component and host) reporting on one object: client-go's spam key, whose
    /// kind, namespace, name and API version the object's uid stands for. The recorder keeps all
    /// it knows under it, so a pod's kubelet events share one entry instead of one each.
    private struct SourceObject: ShardingKey {
        let component, host, uid: String
        /// From the uid alone: uids are unique and random, and a pod's few sources (scheduler,
        /// kubelet) differ only in the equality check.
        let hashCode: Int

        init(component: String, host: String, uid: String) {
            (self.component, self.host, self.uid) = (component, host, uid)
            hashCode = uid.hashValue
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hashCode) }

        var shardingHash: Int { hashCode }

        static func == (a: Self, b: Self) -> Bool {
            a.hashCode == b.hashCode && a.uid == b.uid && a.component == b.component && a.host == b.host
        }
    }

    private var correlations = ShardedDictionary<SourceObject, EventCorrelation>()
    private var lastNanos: Int64 = 0
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
        let source = SourceObject(component: component, host: host, uid: object.metadata.uid)
        let observed = correlations.modify(source, default: EventCorrelation(now: now)) {
            $0.observe(type: type, reason: reason, message: message, fieldPath: fieldPath, now: now) { nextName(object.metadata.name, now: now) }
        }
        schedulePrune()
        guard let write = observed else { return }
        // An event lives in its object's namespace; events about cluster-scoped objects go to `default`.
        let key = ObjectKey(namespace: kind.isNamespaced ? object.metadata.namespace : "default", name: write.name)
        let text = write.message == nil ? SimilarEvents.combinedPrefix + message : message
        if write.count > 1, (try? store.modify(Event.self, key: key, { e in
            e.count = write.count
            e.lastTimestamp = now
            e.message = text
        })) != nil { return }
        // The first write, or a repeat of an event deleted meanwhile (upstream creates it again).
        let ref = Event.ObjectReference(kind: kind.rawValue, name: object.metadata.name,
                                        namespace: object.metadata.namespace, uid: source.uid,
                                        apiVersion: kind.apiVersion, fieldPath: fieldPath)
        let event = Event(metadata: ObjectMeta(name: key.name, namespace: key.namespace), involvedObject: ref,
                          reason: reason, message: text, type: type, sourceComponent: component,
                          sourceHost: host, count: write.count, firstTimestamp: write.firstSeen, lastTimestamp: now)
        _ = try? store.create(event)
    }

    /// `spec.containers{NAME}` for each container name seen: four kubelet events a container
    /// would otherwise build the same string.
    private var fieldPaths = StringMemo { "spec.containers{\($0)}" }

    /// Event names are `<object>.<hex nanoseconds>`; nanoseconds stay strictly increasing.
    private func nextName(_ objectName: String, now: SimTime) -> String {
        lastNanos = max(lastNanos + 1, now.unixMilliseconds * 1_000_000)
        guard lastNanos > 0 else { return "\(objectName).\(String(lastNanos, radix: 16))" }
        // Written in place, one allocation: five names a pod.
        let nanos = UInt64(lastNanos)
        let digits = (UInt64.bitWidth - nanos.leadingZeroBitCount + 3) / 4
        return String(unsafeUninitializedCapacity: objectName.utf8.count + 1 + digits) { out in
            var at = out.copyUTF8(of: objectName, at: 0)
            out[at] = UInt8(ascii: ".")
            at = HexDigits.write(nanos, count: digits, into: out, at: at + 1)
            return at
        }
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
