/// What client-go's EventCorrelator knows about one source's events on one object, and its
/// three steps in upstream's order: the aggregator (similar events past ten distinct messages
/// become one combined event), the logger (a repeat counts on the event seen before) and the
/// spam filter (each write takes a token from the source and object's bucket).
struct EventCorrelation {
    /// An event the logger has seen (written, or dropped by the spam filter): what a repeat patches.
    struct LoggedEvent {
        let type, reason, fieldPath: String
        /// nil for the combined event of its type and reason (whose message follows the latest).
        let message: String?
        /// The stamp its name ends with (the name is the object's and this, see RecordedEvents).
        let nanos: UInt64
        var count: Int
        let firstSeen: SimTime
        var lastSeen: SimTime

        /// After the TTL the event is gone and a repeat starts a new one (upstream's bounded
        /// cache has forgotten it by then in a busy component).
        func isExpired(now: SimTime) -> Bool { lastSeen + EventExpiry.ttl <= now }
    }

    /// Pulling, Pulled, Created, Started: what a kubelet usually says about one pod. Room for
    /// them is made at the second reason, unless the source's objects usually have that many
    /// (`room`): then at the first, one heap block a list, not two.
    private static let usualReasons = 4

    private var spam: EventSpamBucket
    private var similar: [SimilarEvents] = []
    private var logged: [LoggedEvent] = []

    init(now: SimTime) { spam = EventSpamBucket(now: now) }

    /// Entries of the aggregator's and the logger's caches this object holds (see `EventCorrelator`).
    var aggregateRecords: Int { similar.count }
    var loggedEvents: Int { logged.count }

    /// Runs one event through the three steps: the event to write (with its count and whether
    /// it is the combined one), or nil when the spam filter drops the write. `room`: how many
    /// entries the source's objects usually come to (room made at the first).
    mutating func observe(type: String, reason: String, message: String, fieldPath: String, now: SimTime,
                          room: Int = 1, newStamp: () -> UInt64) -> LoggedEvent? {
        let s = similar.firstIndex { $0.type == type && $0.reason == reason } ?? {
            if similar.isEmpty { similar.reserveCapacity(room) } else if similar.count == 1 { similar.reserveCapacity(Self.usualReasons) }
            similar.append(SimilarEvents(type: type, reason: reason, now: now))
            return similar.count - 1
        }()
        let combined = similar[s].combines(message, now: now)
        // The combined event is logged under the aggregate key: no message, no field path.
        let loggedMessage: String? = combined ? nil : message
        let loggedPath = combined ? "" : fieldPath
        let entry: LoggedEvent
        if let l = logged.firstIndex(where: { $0.type == type && $0.reason == reason && $0.fieldPath == loggedPath && $0.message == loggedMessage }),
           !logged[l].isExpired(now: now) {
            logged[l].count += 1
            logged[l].lastSeen = now
            entry = logged[l]
        } else {
            // Looked for first: removing none still rebuilt the list's tail on every new event.
            if logged.contains(where: { $0.isExpired(now: now) }) { logged.removeAll { $0.isExpired(now: now) } }
            if logged.isEmpty { logged.reserveCapacity(room) } else if logged.count == 1 { logged.reserveCapacity(Self.usualReasons) }
            entry = LoggedEvent(type: type, reason: reason, fieldPath: loggedPath, message: loggedMessage,
                                nanos: newStamp(), count: 1, firstSeen: now, lastSeen: now)
            logged.append(entry)
        }
        return spam.tryAccept(now: now) ? entry : nil
    }

    /// Drops what no longer changes an outcome: closed aggregation windows and expired events.
    mutating func prune(now: SimTime) {
        similar.removeAll { $0.isStale(now: now) }
        logged.removeAll { $0.isExpired(now: now) }
    }

    /// Nothing left that a fresh correlation would not also say.
    func isForgettable(now: SimTime) -> Bool { similar.isEmpty && logged.isEmpty && spam.isFull(now: now) }
}
