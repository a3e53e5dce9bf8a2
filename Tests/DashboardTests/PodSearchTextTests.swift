import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// What `/` finds in a pod's kept row must be what the Pods table shows: NAME READY STATUS
/// RESTARTS AGE NODE (and the orphan note) joined by spaces, at the pass's time. The kept text
/// is written as bytes and searched in parts, so it is checked against the table's own cells.
@Suite struct PodSearchTextTests {
    static let now = SimTime(milliseconds: 400_000)

    /// Pods in the states whose cells differ: running, restarted (RESTARTS follows the clock),
    /// unscheduled, an orphan, Terminating, evicted, two containers.
    static func pods() -> [Pod] {
        func pod(_ name: String, containers: Int = 1, node: String = "node-7", madeAt seconds: Int64 = 100) -> Pod {
            var pod = Pod(metadata: ObjectMeta(name: name),
                          spec: PodSpec(containers: (1...containers).map { Container(name: "c\($0)", image: "nginx:1.25") }))
            pod.metadata.creationTimestamp = SimTime(milliseconds: seconds * 1000)
            pod.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5d4f8c6b7", uid: "uid-rs")]
            pod.spec.nodeName = node
            pod.status.phase = "Running"
            pod.status.containerStatuses = pod.spec.containers.map {
                var status = ContainerStatus(name: $0.name, image: $0.image, state: .running(startedAt: pod.metadata.creationTimestamp))
                status.ready = true
                return status
            }
            return pod
        }
        var restarted = pod("web-5d4f8c6b7-restarted")
        restarted.status.containerStatuses[0].restartCount = 2
        restarted.status.containerStatuses[0].lastState = ContainerTermination(
            reason: "Error", exitCode: 1, startedAt: SimTime(milliseconds: 120_000), finishedAt: SimTime(milliseconds: 300_000))
        var counted = pod("web-5d4f8c6b7-counted")
        counted.status.containerStatuses[0].restartCount = 12
        var pending = pod("web-5d4f8c6b7-pending", node: "", madeAt: 399)
        pending.status.phase = "Pending"
        pending.status.containerStatuses = []
        var orphan = pod("web-5d4f8c6b7-orphan")
        orphan.metadata.ownerReferences = []
        orphan.metadata.labels = ["pod-template-hash": "5d4f8c6b7"]
        var terminating = pod("web-5d4f8c6b7-terminating", madeAt: 3)
        terminating.metadata.deletionTimestamp = SimTime(milliseconds: 390_000)
        var evicted = pod("web-5d4f8c6b7-evicted")
        evicted.status.phase = "Failed"
        evicted.status.reason = "Evicted"
        evicted.status.containerStatuses = []
        var twoContainers = pod("sidecar-77b9c", containers: 2, node: "node-10")
        twoContainers.status.containerStatuses[1].ready = false
        return [pod("web-5d4f8c6b7-plain"), restarted, counted, pending, orphan, terminating, evicted, twoContainers]
    }

    /// The row as the Pods table shows it, cells joined by spaces.
    static func shownRow(_ pod: Pod) -> String {
        let cells = ResourceTables.row(pod, wide: true, now: now)
        return ([cells[0], cells[1], cells[2], cells[3], cells[4], cells[6]] + (ClusterView.isOrphan(pod) ? [PaneTable.orphanNote] : []))
            .joined(separator: " ")
    }

    static func found(_ needle: String, in pod: Pod) -> Bool {
        var ages = AgeCells(now: now), buffer: [UInt8] = []
        return PodSearchText(pod).contains(FilterNeedle(needle), ages: &ages, buffer: &buffer, pod: { pod })
    }

    /// Every piece of the shown row is found (with or without spaces, across cells, any case).
    @Test(arguments: pods())
    func everyPieceOfTheShownRowIsFound(_ pod: Pod) {
        let row = Array(Self.shownRow(pod))
        for length in 1...row.count {
            for start in 0...(row.count - length) {
                let piece = String(row[start..<(start + length)])
                #expect(Self.found(piece, in: pod), "\(piece) in \(String(row))")
                #expect(Self.found(piece.uppercased(), in: pod), "\(piece.uppercased()) in \(String(row))")
            }
        }
    }

    /// What the row does not show is not found: a cell's neighbours without the space between
    /// them, AGE's place left empty, words from other rows.
    @Test(arguments: pods())
    func whatTheRowDoesNotShowIsNotFound(_ pod: Pod) {
        let cells = ResourceTables.row(pod, wide: true, now: Self.now)
        let row = Self.shownRow(pod)
        for needle in [cells[3] + cells[4], cells[4] + cells[6], cells[3] + "  " + cells[6], cells[0] + cells[1], "Evicted", "node-1 ", "#"]
        where !row.lowercased().contains(needle.lowercased()) {
            #expect(!Self.found(needle, in: pod), "\(needle) in \(row)")
        }
    }
}
