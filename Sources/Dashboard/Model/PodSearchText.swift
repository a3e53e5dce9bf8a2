import Cluster
import Commands

/// A pod's row as `/` searches it — its cells joined by spaces — made once per change of the
/// pod (the view drops it when the watch says the pod changed), so a filter over 150,000 pods
/// is a byte search instead of formatting every row. AGE follows the clock, so it is left out
/// and put in at each pass (ages repeat: pods are made in batches).
/// Small (one array), as the view keeps one per pod of the shown namespace.
struct PodSearchText {
    /// NAME READY STATUS RESTARTS, a space, then (from `ageAt`) a space and NODE, and the note on an orphan.
    private let text: [UInt8]
    private let ageAt: Int
    private let created: SimTime
    /// RESTARTS reads "N (5m ago)" after a restart: it follows the clock too, so such a row is
    /// made afresh from the pod at each pass.
    private let followsClock: Bool

    init(_ pod: Pod) {
        // Written as bytes: the first `/` over 150,000 pods makes one a pod, so the string
        // interpolation and the formatter's strings it replaces cost a frame's worth of time.
        let node = pod.spec.nodeName.isEmpty ? "<none>" : pod.spec.nodeName
        var text: [UInt8] = []
        text.reserveCapacity(pod.name.utf8.count + node.utf8.count + 40)
        text.append(contentsOf: pod.name.utf8)
        text.append(Self.space)
        Self.appendNumber(PodStatusFormatter.readyContainers(pod), to: &text)
        text.append(UInt8(ascii: "/"))
        Self.appendNumber(pod.spec.containers.count, to: &text)
        text.append(Self.space)
        text.append(contentsOf: PodStatusFormatter.status(pod).utf8)
        text.append(Self.space)
        // RESTARTS as PodStatusFormatter.restarts reads it: the count, with how long ago once a
        // container has restarted (that row is made from the pod at each pass instead).
        let restarts = pod.restartCount
        followsClock = restarts > 0 && pod.status.containerStatuses.contains { $0.lastTerminationFinishedAt != nil }
        Self.appendNumber(restarts, to: &text)
        text.append(Self.space)
        ageAt = text.count
        text.append(Self.space)
        text.append(contentsOf: node.utf8)
        if ClusterView.isOrphan(pod) {
            text.append(Self.space)
            text.append(contentsOf: PaneTable.orphanNote.utf8)
        }
        self.text = text
        created = pod.metadata.creationTimestamp
    }

    private static let space = UInt8(ascii: " ")

    /// A count in decimal, as the JSON writer writes numbers.
    private static func appendNumber(_ value: Int, to bytes: inout [UInt8]) { JSONValue.int(Int64(value)).writeCompactJSON(into: &bytes) }

    /// Whether `needle` is in the row as it reads at `ages.now`; `ages` keeps the AGE cells of
    /// one pass; `pod` looks the pod up when its row follows the clock.
    func contains(_ needle: FilterNeedle, ages: inout AgeCells, buffer: inout [UInt8], pod: () -> Pod?) -> Bool {
        if followsClock {
            guard let pod = pod() else { return false }
            let cells = ResourceTables.row(pod, wide: true, now: ages.now)
            let note = ClusterView.isOrphan(pod) ? [PaneTable.orphanNote] : []
            return needle.found(in: ([cells[0], cells[1], cells[2], cells[3], cells[4], cells[6]] + note).joined(separator: " "))
        }
        // A needle without a space cannot run from one cell into the next, and AGE sits between
        // spaces: the kept text and the AGE cell are searched where they are, not joined first.
        if !needle.spansCells {
            return text.withUnsafeBufferPointer { needle.found(inBytes: $0) } || ages.cell(created, contains: needle)
        }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: text[..<ageAt])
        ages.append(created, to: &buffer)
        buffer.append(contentsOf: text[ageAt...])
        return buffer.withUnsafeBufferPointer { needle.found(inBytes: $0) }
    }
}

/// The AGE cells of one pass over the pods, at `now`, by creation time: pods are made in
/// batches, so most rows repeat the cell of the row before.
struct AgeCells {
    let now: SimTime
    private var made: [SimTime: [UInt8]] = [:]
    private var last: (created: SimTime, cell: [UInt8])?
    private var matches: [SimTime: Bool] = [:]
    private var lastMatch: (created: SimTime, found: Bool)?

    init(now: SimTime) { self.now = now }

    /// Whether the AGE cell of a pod made at `created` holds `needle` (one needle a pass).
    mutating func cell(_ created: SimTime, contains needle: FilterNeedle) -> Bool {
        if let lastMatch, lastMatch.created == created { return lastMatch.found }
        let found = matches[created] ?? needle.found(in: ResourceTables.age(created, now: now))
        matches[created] = found
        lastMatch = (created, found)
        return found
    }

    mutating func append(_ created: SimTime, to buffer: inout [UInt8]) {
        if let last, last.created == created { return buffer.append(contentsOf: last.cell) }
        let cell = made[created] ?? Array(ResourceTables.age(created, now: now).utf8)
        made[created] = cell
        last = (created, cell)
        buffer.append(contentsOf: cell)
    }
}
