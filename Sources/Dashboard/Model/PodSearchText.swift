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

    /// Whether `needle` is in the row as it reads at `now`; `ages` keeps the AGE cells of one
    /// pass; `pod` looks the pod up when its row follows the clock.
    func contains(_ needle: FilterNeedle, now: SimTime, ages: inout [SimTime: [UInt8]], buffer: inout [UInt8], pod: () -> Pod?) -> Bool {
        if followsClock {
            guard let pod = pod() else { return false }
            let cells = ResourceTables.row(pod, wide: true, now: now)
            let note = ClusterView.isOrphan(pod) ? [PaneTable.orphanNote] : []
            return needle.found(in: ([cells[0], cells[1], cells[2], cells[3], cells[4], cells[6]] + note).joined(separator: " "))
        }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: text[..<ageAt])
        if let age = ages[created] {
            buffer.append(contentsOf: age)
        } else {
            let age = Array(ResourceTables.age(created, now: now).utf8)
            ages[created] = age
            buffer.append(contentsOf: age)
        }
        buffer.append(contentsOf: text[ageAt...])
        return buffer.withUnsafeBufferPointer { needle.found(inBytes: $0) }
    }
}
