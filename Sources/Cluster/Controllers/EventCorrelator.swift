/// One source's correlator (client-go's EventCorrelator, one per recorder): what it knows about
/// each object it has reported on, bounded as upstream bounds it. Its three caches — similar
/// events, logged events, spam buckets — hold 4,096 entries each (maxLruCacheEntries) and forget
/// the least recently used first. Here an object's entries are kept together, so the least
/// recently used object is forgotten whole until all three counts are within the bound: a
/// scheduler that placed 150,000 pods remembers the last 4,096 of them, not every one of the hour.
/// A forgotten object starts over — a full budget, and a repeat becomes a new event — as it
/// does upstream once its keys fall out of the caches.
final class EventCorrelator {
    static let capacity = 4096

    /// Whose correlator it is: what its records name as their writer.
    let source: EventSource

    init(source: EventSource) {
        self.source = source
        room = source.component == Kubelet.component ? 4 : 1
    }

    private struct Tracked {
        var correlation: EventCorrelation
        /// The use (see `uses`) that last touched it.
        var lastUse: UInt64
    }

    private var objects: [ObjectInstance: Tracked] = [:]
    /// The similar-events records and logged events of all objects (the other two caches' sizes).
    private var aggregateRecords = 0
    private var loggedEvents = 0
    private var uses: UInt64 = 0
    /// Objects in the order of their uses, oldest first, kept only while the correlator is near
    /// its bound (a kubelet's, with a node's pods, never is): an entry whose object was used
    /// again since is stale and skipped. Built from `lastUse` when first needed.
    private var recency: [(object: ObjectInstance, use: UInt64)]?
    private var recencyStart = 0

    /// What its records name as their writer, one per event type (see `RecordedEvents.Source`):
    /// Normal, nearly every event's, held apart so finding it reads no array of this
    /// correlator's (a kubelet's is cold by its next pod's event).
    private var normalSource: RecordedEvents.Source?
    private var otherSources: [RecordedEvents.Source] = []

    /// Room an object's lists get at its first event: a kubelet says four things of each pod it
    /// starts (Pulling, Pulled, Created, Started), so a pod's lists are made that long at once,
    /// one heap block each, not two (its node, with two events, gets the same room, harmlessly);
    /// other sources mostly say one.
    private let room: Int

    var trackedObjects: Int { objects.count }
    var isEmpty: Bool { objects.isEmpty }

    /// Runs one event about `object` through the correlation (see `EventCorrelation.observe`).
    func observe(_ object: ObjectInstance, type: String, reason: String, message: String, fieldPath: String, now: SimTime,
                 newStamp: () -> UInt64) -> EventCorrelation.LoggedEvent? {
        uses += 1
        let use = uses
        var added = (aggregates: 0, logged: 0)
        let observed: EventCorrelation.LoggedEvent? = {
            // In place: the table's entry is not copied out and back.
            func run(_ tracked: inout Tracked) -> EventCorrelation.LoggedEvent? {
                let before = (tracked.correlation.aggregateRecords, tracked.correlation.loggedEvents)
                let result = tracked.correlation.observe(type: type, reason: reason, message: message, fieldPath: fieldPath,
                                                         now: now, room: room, newStamp: newStamp)
                added = (tracked.correlation.aggregateRecords - before.0, tracked.correlation.loggedEvents - before.1)
                tracked.lastUse = use
                return result
            }
            return run(&objects[object, default: Tracked(correlation: EventCorrelation(now: now), lastUse: use)])
        }()
        aggregateRecords += added.aggregates
        loggedEvents += added.logged
        recency?.append((object, use))
        forgetBeyondCapacity(keeping: object)
        return observed
    }

    /// Drops what no longer changes an outcome (see `EventCorrelation.prune`) and the objects
    /// left with nothing.
    func prune(now: SimTime) {
        for object in Array(objects.keys) {
            objects[object]?.correlation.prune(now: now)
            if objects[object]?.correlation.isForgettable(now: now) == true { objects[object] = nil }
        }
        aggregateRecords = objects.values.reduce(0) { $0 + $1.correlation.aggregateRecords }
        loggedEvents = objects.values.reduce(0) { $0 + $1.correlation.loggedEvents }
        if objects.count < Self.capacity / 2 { (recency, recencyStart) = (nil, 0) }
    }

    private var isOverCapacity: Bool {
        objects.count > Self.capacity || aggregateRecords > Self.capacity || loggedEvents > Self.capacity
    }

    /// Forgets the least recently used objects until the three counts are within the bound;
    /// never `current`, the object just used (whose last use is the newest of all).
    private func forgetBeyondCapacity(keeping current: ObjectInstance) {
        guard isOverCapacity else { return compactRecency() }
        if recency == nil {
            recency = objects.map { ($0.key, $0.value.lastUse) }.sorted { $0.use < $1.use }
            recencyStart = 0
        }
        while isOverCapacity, let order = recency, recencyStart < order.count {
            let oldest = order[recencyStart]
            // One lookup: the entry is read and removed through its index.
            guard let index = objects.index(forKey: oldest.object), objects.values[index].lastUse == oldest.use else {
                recencyStart += 1 // used again since, or forgotten
                continue
            }
            if oldest.object == current { break } // nothing older is left
            recencyStart += 1
            let forgotten = objects.remove(at: index).value.correlation
            aggregateRecords -= forgotten.aggregateRecords
            loggedEvents -= forgotten.loggedEvents
        }
        compactRecency()
    }

    /// Drops the entries read past and the stale ones once the order holds more than twice the
    /// objects it orders, so it costs no more than that however long the source runs.
    private func compactRecency() {
        guard let order = recency, order.count > 2 * objects.count + 64 else { return }
        recency = order[recencyStart...].filter { objects[$0.object]?.lastUse == $0.use }
        recencyStart = 0
    }

    /// The shared writer of this source's records of `type` (Normal, or Warning: a short scan).
    func recordSource(type: String) -> RecordedEvents.Source {
        if let normalSource, normalSource.type == type { return normalSource }
        if let known = otherSources.first(where: { $0.type == type }) { return known }
        let made = RecordedEvents.Source(type: type, component: source.component, host: source.host)
        if type == "Normal" && normalSource == nil { normalSource = made } else { otherSources.append(made) }
        return made
    }

    /// Entries in the order of uses, read or not (its memory, for bound checks).
    var recencyLength: Int { recency?.count ?? 0 }

    func isTracking(_ object: ObjectInstance) -> Bool { objects[object] != nil }
}
