/// The events the components record, held as compact records rather than stored objects: a
/// build-up records five a pod (776,500 at 150,000 pods), and as objects each took some 700
/// bytes in five heap blocks (the object, its metadata, its name, its uid, the table's box)
/// besides its table slot — half the memory of a build-up and a quarter of its time. A record
/// holds the fields inline: the name as the nanosecond stamp that follows the object's name,
/// the uid as the two draws it is written from. An `Event` is made from a record only when
/// one is read (a get, a list, a watcher of events).
///
/// Records are kept in the order of their stamps, which only grow (see EventRecorder), so a
/// name is found by binary searches. An event an API client changes leaves for the store's
/// table of events, where its later writes go as any object's do (`Store.takeOutRecordedEvent`).
final class RecordedEvents {
    /// How a record names its writer: type, component and host. One object serves all of a
    /// source's records of one type (`EventCorrelator.recordSource(type:)`), so a record holds
    /// a reference, 8 bytes, where the three strings took 48 — 31 MB of 776,500 records.
    final class Source {
        let type, component, host: String

        init(type: String, component: String, host: String) {
            (self.type, self.component, self.host) = (type, component, host)
        }
    }

    struct Record {
        /// The stamp after the object's name in the event's name (`web-1.17f0a…`).
        let nanos: UInt64
        var uidHigh: UInt64 = 0, uidLow: UInt64 = 0
        let involvedKind: Kind
        let involvedName, involvedNamespace, involvedUID, fieldPath: String
        let reason: String
        let source: Source
        var message: String
        var count: Int
        /// As written, not yet at whole seconds: the last write's time is when the event
        /// expires from (an event an API client takes out of here keeps that expiry).
        var creationTimestamp: SimTime = .zero
        let firstTimestamp: SimTime
        var lastTimestamp: SimTime
        /// 0 once the event is deleted (its record stays until the next compaction).
        var resourceVersion: Int64 = 0

        init(nanos: UInt64, involvedKind: Kind, involvedName: String, involvedNamespace: String, involvedUID: String,
             fieldPath: String, reason: String, source: Source, message: String,
             count: Int, firstTimestamp: SimTime, lastTimestamp: SimTime) {
            self.nanos = nanos
            self.involvedKind = involvedKind
            (self.involvedName, self.involvedNamespace, self.involvedUID, self.fieldPath) = (involvedName, involvedNamespace, involvedUID, fieldPath)
            (self.reason, self.source) = (reason, source)
            self.message = message
            self.count = count
            self.firstTimestamp = firstTimestamp
            self.lastTimestamp = lastTimestamp
        }

        /// An event lives in its object's namespace; events about cluster-scoped objects in `default`.
        var namespace: String { involvedKind.isNamespaced ? involvedNamespace : "default" }
        var name: String { RecordedEvents.name(involvedName, nanos) }
        var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }
        var isLive: Bool { resourceVersion != 0 }
        /// The longest name the API server accepts (a DNS subdomain): a longer one is refused as
        /// a stored event's would be.
        var hasValidName: Bool { involvedName.utf8.count + 1 + RecordedEvents.hexDigits(nanos) <= 253 }

        /// The event as the API serves it: what `Store.create` would have stored.
        var event: Event {
            var metadata = ObjectMeta(name: name, namespace: namespace)
            metadata.uid = Store.uid(high: uidHigh, low: uidLow)
            metadata.resourceVersion = String(resourceVersion)
            metadata.creationTimestamp = creationTimestamp.wholeSecond
            let involved = Event.ObjectReference(kind: involvedKind.rawValue, name: involvedName, namespace: involvedNamespace,
                                                 uid: involvedUID, apiVersion: involvedKind.apiVersion, fieldPath: fieldPath)
            return Event(metadata: metadata, involvedObject: involved, reason: reason, message: message, type: source.type,
                         sourceComponent: source.component, sourceHost: source.host, count: count,
                         firstTimestamp: firstTimestamp.wholeSecond, lastTimestamp: lastTimestamp.wholeSecond)
        }
    }

    /// Where a record is: its chunk and its place there. Good until the next removal.
    struct Position { fileprivate var chunk: Int, offset: Int }

    /// Records in stamp order, in chunks of a fixed capacity: one array of 155,000 records
    /// doubled its capacity as it grew (copying every record, then holding up to twice the
    /// room it used); a chunk is allocated once, at its full size, and freed once its events are
    /// all deleted (the TTL deletes in write order, so old chunks empty out).
    private var chunks: [[Record]] = []
    /// Deleted records still in each chunk.
    private var deletedInChunk: [Int] = []
    private static let chunkCapacity = 4096
    private(set) var count = 0

    /// The stamp a new record must exceed to keep the order.
    private(set) var lastNanos: UInt64 = 0

    func append(_ record: Record) {
        precondition(record.nanos > lastNanos, "recorded events are kept in stamp order")
        lastNanos = record.nanos
        if chunks.last.map({ $0.count == Self.chunkCapacity }) ?? true {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkCapacity)
            deletedInChunk.append(0)
        }
        chunks[chunks.count - 1].append(record)
        count += 1
    }

    subscript(position: Position) -> Record {
        _read { yield chunks[position.chunk][position.offset] }
        _modify { yield &chunks[position.chunk][position.offset] }
    }

    /// Marks a record deleted. A chunk whose records are all deleted is freed; one more than
    /// half deleted is copied without them (the last chunk, still being filled, is left).
    func remove(at position: Position) {
        let c = position.chunk
        chunks[c][position.offset].resourceVersion = 0
        deletedInChunk[c] += 1
        count -= 1
        if deletedInChunk[c] == chunks[c].count {
            chunks.remove(at: c)
            deletedInChunk.remove(at: c)
        } else if c < chunks.count - 1 && deletedInChunk[c] * 2 >= chunks[c].count {
            chunks[c] = chunks[c].filter(\.isLive)
            deletedInChunk[c] = 0
        }
    }

    /// Where the first record with a stamp at or past `nanos` (past it, without `including`) is
    /// or would be: the chunk whose stamps reach it, then the place in that chunk, by halving.
    private func boundary(_ nanos: UInt64, including: Bool) -> (chunk: Int, offset: Int) {
        func before(_ stamp: UInt64) -> Bool { including ? stamp < nanos : stamp <= nanos }
        var low = 0, high = chunks.count
        while low < high {
            let mid = (low + high) / 2
            if before(chunks[mid].last!.nanos) { low = mid + 1 } else { high = mid }
        }
        guard low < chunks.count else { return (low, 0) }
        var first = 0, last = chunks[low].count
        while first < last {
            let mid = (first + last) / 2
            if before(chunks[low][mid].nanos) { first = mid + 1 } else { last = mid }
        }
        return (low, first)
    }

    /// The live record with this stamp.
    func position(ofNanos nanos: UInt64) -> Position? {
        let (c, offset) = boundary(nanos, including: true)
        guard c < chunks.count, offset < chunks[c].count, chunks[c][offset].nanos == nanos, chunks[c][offset].isLive else { return nil }
        return Position(chunk: c, offset: offset)
    }

    /// The first live record with a stamp after `nanos` (the oldest when 0), if any.
    func firstLivePosition(after nanos: UInt64) -> Position? {
        var (c, offset) = boundary(nanos, including: false)
        while c < chunks.count {
            while offset < chunks[c].count {
                if chunks[c][offset].isLive { return Position(chunk: c, offset: offset) }
                offset += 1
            }
            c += 1
            offset = 0
        }
        return nil
    }

    /// The live record stored under `key`: its name's stamp found, then its object's name and
    /// namespace compared.
    func position(of key: ObjectKey) -> Position? {
        guard let (objectName, nanos) = Self.parse(key.name), let p = position(ofNanos: nanos),
              self[p].involvedName == objectName, self[p].namespace == key.namespace else { return nil }
        return p
    }

    /// Live records satisfying `predicate`, in stamp order.
    func positions(where predicate: (Record) -> Bool) -> [Position] {
        var found: [Position] = []
        for (c, chunk) in chunks.enumerated() {
            for (offset, record) in chunk.enumerated() where record.isLive && predicate(record) {
                found.append(Position(chunk: c, offset: offset))
            }
        }
        return found
    }

    /// Live records, in one namespace or all.
    func positions(in namespace: String? = nil) -> [Position] {
        positions { namespace == nil || $0.namespace == namespace }
    }

    /// Live records about the object with `uid` (what describe lists under Events).
    func positions(about uid: String) -> [Position] { positions { $0.involvedUID == uid } }

    // MARK: names

    /// `<object>.<hex nanoseconds>`, written in place (one allocation).
    static func name(_ objectName: String, _ nanos: UInt64) -> String {
        let digits = hexDigits(nanos)
        return String(unsafeUninitializedCapacity: objectName.utf8.count + 1 + digits) { out in
            let at = out.copyUTF8(of: objectName, at: 0)
            out[at] = UInt8(ascii: ".")
            return HexDigits.write(nanos, count: digits, into: out, at: at + 1)
        }
    }

    static func hexDigits(_ nanos: UInt64) -> Int { max(1, (UInt64.bitWidth - nanos.leadingZeroBitCount + 3) / 4) }

    /// The object's name and stamp of a name `name(_:_:)` writes; nil for any other name
    /// (no dot, not lowercase hex, a leading zero), so each stamp has exactly one name.
    static func parse(_ name: String) -> (objectName: Substring, nanos: UInt64)? {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let digits = name.utf8[name.utf8.index(after: dot)...]
        guard (1...16).contains(digits.count), digits.first != UInt8(ascii: "0") else { return nil }
        var nanos: UInt64 = 0
        for byte in digits {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nanos = nanos << 4 | UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nanos = nanos << 4 | UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return (Substring(name.utf8[..<dot]), nanos)
    }
}
