/// A write of an event, told to the event TTL's bookkeeping: which event, and when it was written.
enum EventWrite {
    /// A recorded event's first write (see RecordedEvents): the records' own order says when
    /// it expires, so nothing about it is kept.
    case recorded
    /// A later write of a recorded event (a repeat counted on it), by its stamp and the version written.
    case recordRenewed(nanos: UInt64, resourceVersion: Int64, at: SimTime)
    /// An event stored as an object.
    case object(ObjectMeta, at: SimTime)
}

/// The store's side of recorded events: written with the checks a create makes, read back as
/// Events alongside the stored ones, and taken out into the table when an API client changes one.
extension Store {
    /// Stores an event a component records: the namespace's admission and etcd's quota as for
    /// a create, a uid from the events' own sequence, a resourceVersion, and an ADDED watch
    /// event if anything watches events. Kept as a record when its stamp is the newest (a first
    /// write always is); otherwise (a repeat of an event deleted meanwhile, which upstream
    /// creates again under its old name) or with a name too long, created as an object.
    func record(_ record: consuming RecordedEvents.Record) throws {
        guard record.nanos > recordedEvents.lastNanos, record.hasValidName, events.count == 0 || events[record.key] == nil else {
            try create(record.event)
            return
        }
        try admitIntoNamespace(record.namespace, kind: .event, name: record.name)
        try checkQuota(storing: .event)
        let high = eventRandom.next()
        (record.uidHigh, record.uidLow) = (high, eventRandom.next())
        record.resourceVersion = nextVersion()
        record.creationTimestamp = clock.now
        let (nanos, version) = (record.nanos, record.resourceVersion)
        let added = watchesEvents ? record.event : nil
        recordedEvents.append(record)
        eventWritten?(.recorded)
        if let added { notify(WatchEvent(type: .added, old: nil, object: added)) }
    }

    /// Counts a repeat on the recorded event with stamp `nanos`, as the recorder's patch of
    /// count, message and lastTimestamp does. False when there is no such record (deleted, or
    /// taken out into the table by an API client's change).
    func repeatRecordedEvent(nanos: UInt64, count: Int, message: String) -> Bool {
        guard let i = recordedEvents.position(ofNanos: nanos) else { return false }
        let old = watchesEvents ? recordedEvents[i].event : nil
        recordedEvents[i].count = count
        recordedEvents[i].message = message
        recordedEvents[i].lastTimestamp = clock.now
        recordedEvents[i].resourceVersion = nextVersion()
        eventWritten?(.recordRenewed(nanos: nanos, resourceVersion: recordedEvents[i].resourceVersion, at: clock.now))
        if let old { notify(WatchEvent(type: .modified, old: old, object: recordedEvents[i].event)) }
        return true
    }

    /// Deletes the recorded event with stamp `nanos` if it is still at `resourceVersion` (the
    /// TTL's sweep: a later write renewed it).
    func expireRecordedEvent(nanos: UInt64, resourceVersion: Int64) {
        guard let i = recordedEvents.position(ofNanos: nanos), recordedEvents[i].resourceVersion == resourceVersion else { return }
        deleteRecordedEvent(at: i)
    }

    /// Deletes a recorded event: a version, as every delete takes, and a DELETED watch event
    /// if anything watches events (the TTL deletes every one an hour after its last write).
    func deleteRecordedEvent(at index: RecordedEvents.Position) {
        let old = watchesEvents ? recordedEvents[index].event : nil
        recordedEvents.remove(at: index)
        let version = nextVersion()
        guard let old else { return }
        var gone = old
        gone.metadata.resourceVersion = String(version)
        notify(WatchEvent(type: .deleted, old: old, object: gone))
    }

    /// Whether a recorded event is stored under `key` (false for other kinds).
    func hasRecorded<T: APIObject>(_ type: T.Type, _ key: ObjectKey) -> Bool { recordedPosition(type, key) != nil }

    /// Where the recorded event under `key` is (nil for other kinds, at once).
    @inline(__always)
    func recordedPosition<T: APIObject>(_ type: T.Type, _ key: ObjectKey) -> RecordedEvents.Position? {
        guard T.kind == .event, recordedEvents.count > 0 else { return nil }
        return recordedEvents.position(of: key)
    }

    /// The recorded event under `key`, as an object (nil for other kinds).
    @inline(__always)
    func recorded<T: APIObject>(_ type: T.Type, _ key: ObjectKey) -> T? {
        guard let i = recordedPosition(type, key) else { return nil }
        return recordedEvents[i].event as? T
    }

    /// Moves the recorded event under `key` into the table, unchanged (same version, same
    /// expiry), so an API client's write to it goes the way every write goes: the store's
    /// update with its checks, a version, a MODIFIED watch event.
    func takeOutRecordedEvent<T: APIObject>(_ type: T.Type, _ key: ObjectKey) -> ObjectTable<T>.Box? {
        guard let i = recordedPosition(type, key) else { return nil }
        let record = recordedEvents[i]
        recordedEvents.remove(at: i)
        takenOutEventWrittenAt = record.lastTimestamp
        events.insert(record.event, key: key)
        takenOutEventWrittenAt = nil
        return (events as! ObjectTable<T>).box(key)
    }

    /// Every event (stored and recorded) of one namespace or all, in key order.
    func allEvents(in namespace: String?) -> [Event] {
        inKeyOrder(events.all(in: namespace) + recordedEvents.positions(in: namespace).map { recordedEvents[$0].event })
    }

    /// Events in the store's list order (namespace, then name).
    func inKeyOrder(_ events: [Event]) -> [Event] {
        KeyOrder.sorted(events.map(\.key)).map { events[$0] }
    }

    /// The keys of every event (stored and recorded) in one namespace or all, in key order,
    /// without building the events.
    func eventKeys(in namespace: String?) -> [ObjectKey] {
        let keys = events.names.filter { namespace == nil || $0.namespace == namespace }
            + recordedEvents.positions(in: namespace).map { recordedEvents[$0].key }
        return KeyOrder.sorted(keys).map { keys[$0] }
    }

    /// etcd's space quota: a creation past it is refused as etcd refuses it.
    /// No object is larger than `EtcdQuota.largestSize` and deletions only make room, so after a
    /// full check the next (room ÷ largest size) creations need none.
    func checkQuota(storing kind: Kind) throws {
        let etcd = EtcdQuota.etcdIndex(storing: kind)
        if creationsSurelyInQuota[etcd] > 0 {
            creationsSurelyInQuota[etcd] -= 1
            return
        }
        let room = quota.limit(storing: kind) - estimatedBytes(storing: kind)
        if EtcdQuota.estimatedSize(of: kind) > room { throw EtcdQuota.exceeded }
        creationsSurelyInQuota[etcd] = max(0, room / EtcdQuota.largestSize - 1) // after this one
    }
}
