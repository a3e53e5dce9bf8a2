/// Records core/v1 Events like client-go's recorder: a repeat of the same source, object, type,
/// reason and message bumps `count` and `lastTimestamp` of the existing Event instead of adding one.
public final class EventRecorder {
    private let store: Store
    /// What makes two events "the same" for aggregation (client-go's aggregate key).
    /// Its hash is computed once (one Key per pod and reason during a scale-up: rehashing seven
    /// strings each when the table grows would stall a step).
    private struct Key: Hashable {
        let component, host, uid, fieldPath, type, reason, message: String
        let hashCode: Int

        init(component: String, host: String, uid: String, fieldPath: String, type: String, reason: String, message: String) {
            (self.component, self.host, self.uid, self.fieldPath) = (component, host, uid, fieldPath)
            (self.type, self.reason, self.message) = (type, reason, message)
            var hasher = Hasher()
            for part in [component, host, uid, fieldPath, type, reason, message] { hasher.combine(part) }
            hashCode = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hashCode) }
    }
    private var byKey = ShardedDictionary<Key, ObjectKey>()
    /// The aggregate key of each live event, to forget it when the event expires.
    private var keyOf = ShardedDictionary<ObjectKey, Key>()
    private var lastNanos: Int64 = 0

    /// How long an event lives after its last write: the API server's `--event-ttl` (1 h),
    /// enforced by an etcd lease that each write renews.
    public static let ttl = SimDuration.seconds(3600)
    /// Expiry times in the order they were set (each write adds one, always later than the
    /// last), so the sweep reads from the front; an entry an event outlived by a later write
    /// is skipped.
    private var expiries: [(at: SimTime, key: ObjectKey)] = []
    private var expiriesHead = 0
    private var sweepScheduled = false

    init(store: Store) { self.store = store }

    /// `container` names the container a kubelet event is about (its involvedObject.fieldPath).
    public func record(_ object: any APIObject, type: String = "Normal", reason: String, message: String,
                       component: String, host: String = "", container: String? = nil) {
        let kind = Swift.type(of: object).kind
        let ref = Event.ObjectReference(kind: kind.rawValue, name: object.metadata.name,
                                        namespace: object.metadata.namespace, uid: object.metadata.uid,
                                        apiVersion: kind.apiVersion, fieldPath: container.map { "spec.containers{\($0)}" } ?? "")
        let key = Key(component: component, host: host, uid: ref.uid, fieldPath: ref.fieldPath, type: type, reason: reason, message: message)
        let now = store.now
        if let existing = byKey[key], store.get(Event.self, key: existing) != nil {
            _ = try? store.modify(Event.self, key: existing) { e in
                e.count += 1
                e.lastTimestamp = now
            }
            expire(existing, after: now)
            return
        }
        // Event names are `<object>.<hex nanoseconds>`; nanoseconds stay strictly increasing.
        lastNanos = max(lastNanos + 1, now.unixMilliseconds * 1_000_000)
        let name = "\(ref.name).\(String(lastNanos, radix: 16))"
        // An event lives in its object's namespace; events about cluster-scoped objects go to `default`.
        let event = Event(metadata: ObjectMeta(name: name, namespace: kind.isNamespaced ? ref.namespace : "default"), involvedObject: ref,
                          reason: reason, message: message, type: type, sourceComponent: component,
                          sourceHost: host, count: 1, firstTimestamp: now, lastTimestamp: now)
        if let created = try? store.create(event) {
            byKey[key] = created.key
            keyOf[created.key] = key
            expire(created.key, after: now)
        }
    }

    /// Events the recorder wrote that have not expired yet (memory bound checks).
    public var liveEventCount: Int { keyOf.count }

    private func expire(_ key: ObjectKey, after write: SimTime) {
        expiries.append((write + Self.ttl, key))
        scheduleSweep()
    }

    private func scheduleSweep() {
        guard !sweepScheduled, expiriesHead < expiries.count else { return }
        sweepScheduled = true
        store.clock.schedule(at: expiries[expiriesHead].at) { [weak self] in self?.sweep() }
    }

    /// Deletes the events whose last write is a TTL ago, as etcd drops them when their lease ends.
    private func sweep() {
        sweepScheduled = false
        let now = store.now
        while expiriesHead < expiries.count, expiries[expiriesHead].at <= now {
            let key = expiries[expiriesHead].key
            expiriesHead += 1
            guard let event = store.get(Event.self, key: key) else {
                forget(key)
                continue
            }
            if event.lastTimestamp + Self.ttl <= now {
                try? store.delete(Event.self, key: key)
                forget(key)
            }
        }
        if expiriesHead >= 1024 && expiriesHead * 2 >= expiries.count {
            expiries.removeFirst(expiriesHead)
            expiriesHead = 0
        }
        scheduleSweep()
    }

    private func forget(_ key: ObjectKey) {
        if let aggregate = keyOf.removeValue(forKey: key), byKey[aggregate] == key { _ = byKey.removeValue(forKey: aggregate) }
    }
}
