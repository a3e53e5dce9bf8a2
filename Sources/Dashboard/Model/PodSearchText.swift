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
        let restarts = PodStatusFormatter.restarts(pod, now: pod.metadata.creationTimestamp)
        followsClock = restarts.contains(" ")
        let head = "\(pod.name) \(PodStatusFormatter.ready(pod)) \(PodStatusFormatter.status(pod)) \(restarts) "
        let node = pod.spec.nodeName.isEmpty ? "<none>" : pod.spec.nodeName
        text = Array((head + " " + node + (ClusterView.isOrphan(pod) ? " " + PaneTable.orphanNote : "")).utf8)
        ageAt = head.utf8.count
        created = pod.metadata.creationTimestamp
    }

    /// Whether `needle` is in the row as it reads at `ages.now`; `ages` keeps the AGE cells of
    /// one pass; `pod` looks the pod up when its row follows the clock.
    func contains(_ needle: FilterNeedle, ages: inout AgeCells, buffer: inout [UInt8], pod: () -> Pod?) -> Bool {
        if followsClock {
            guard let pod = pod() else { return false }
            let cells = ResourceTables.row(pod, wide: true, now: ages.now)
            let note = ClusterView.isOrphan(pod) ? [PaneTable.orphanNote] : []
            return needle.found(in: ([cells[0], cells[1], cells[2], cells[3], cells[4], cells[6]] + note).joined(separator: " "))
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

    init(now: SimTime) { self.now = now }

    mutating func append(_ created: SimTime, to buffer: inout [UInt8]) {
        if let last, last.created == created { return buffer.append(contentsOf: last.cell) }
        let cell = made[created] ?? Array(ResourceTables.age(created, now: now).utf8)
        made[created] = cell
        last = (created, cell)
        buffer.append(contentsOf: cell)
    }
}
