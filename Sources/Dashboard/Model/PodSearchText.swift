import Cluster
import Commands

/// A pod's row as `/` searches it — its cells joined by spaces — made once per change of the
/// pod (the view drops it when the watch says the pod changed), so a filter over 150,000 pods
/// is a byte search instead of formatting every row. AGE follows the clock, so it is left out
/// and put in at each pass (ages repeat: pods are made in batches).
struct PodSearchText {
    /// NAME READY STATUS RESTARTS, then a space.
    private let head: [UInt8]
    /// A space, then NODE (and the note on an orphan).
    private let tail: [UInt8]
    private let created: SimTime
    /// RESTARTS reads "N (5m ago)" after a restart: it follows the clock too, so such a row is
    /// made afresh at each pass.
    private let pod: Pod?

    init(_ pod: Pod) {
        let restarts = PodStatusFormatter.restarts(pod, now: pod.metadata.creationTimestamp)
        let followsClock = restarts.contains(" ")
        head = Array("\(pod.name) \(PodStatusFormatter.ready(pod)) \(PodStatusFormatter.status(pod)) \(restarts) ".utf8)
        let node = pod.spec.nodeName.isEmpty ? "<none>" : pod.spec.nodeName
        tail = Array((" " + node + (ClusterView.isOrphan(pod) ? " " + PaneTable.orphanNote : "")).utf8)
        created = pod.metadata.creationTimestamp
        self.pod = followsClock ? pod : nil
    }

    /// Whether `needle` is in the row as it reads at `now`; `ages` keeps the AGE cells of one pass.
    func contains(_ needle: FilterNeedle, now: SimTime, ages: inout [SimTime: [UInt8]], buffer: inout [UInt8]) -> Bool {
        if let pod {
            let cells = ResourceTables.row(pod, wide: true, now: now)
            let note = ClusterView.isOrphan(pod) ? [PaneTable.orphanNote] : []
            return needle.found(in: ([cells[0], cells[1], cells[2], cells[3], cells[4], cells[6]] + note).joined(separator: " "))
        }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: head)
        if let age = ages[created] {
            buffer.append(contentsOf: age)
        } else {
            let age = Array(ResourceTables.age(created, now: now).utf8)
            ages[created] = age
            buffer.append(contentsOf: age)
        }
        buffer.append(contentsOf: tail)
        return buffer.withUnsafeBufferPointer { needle.found(inBytes: $0) }
    }
}
