import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The Events pane over a busy event log: thousands of events, FailedScheduling repeating every
/// few seconds (each repeat moves its event to the top). The pane lists every event newest
/// first, and a selected event stays selected while others arrive above it.
@Suite struct EventsPaneTests {
    /// Too many replicas for three nodes: the scheduler's FailedScheduling events repeat.
    static func busyDashboard() throws -> Dashboard {
        let dashboard = try demoDashboard()
        dashboard.session.execute("kubectl scale deployment/hello-kiamol-2 --replicas=1200")
        dashboard.tick(realElapsed: .seconds(60))
        return dashboard
    }

    @Test func listsEveryEventNewestFirst() throws {
        let dashboard = try Self.busyDashboard()
        let store = dashboard.cluster.store
        let rows = dashboard.rowNames(.events)
        let events = store.list(Event.self, namespace: "default")
        #expect(events.contains { $0.count > 1 }, "some events repeated")
        #expect(rows.count == events.count)
        #expect(Set(rows) == Set(events.map(\.name)))
        let times = rows.compactMap { store.get(Event.self, $0, namespace: "default")?.lastTimestamp }
        #expect(times.count == rows.count)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 >= $1 }, "newest first")
        // The frame shows the top of the list.
        let top = try #require(store.get(Event.self, rows[0], namespace: "default"))
        #expect(dashboard.frameText(200, 60).contains(top.message.prefix(40)))
    }

    /// A client's change to an old event (a label) does not make it the newest.
    @Test func aLabeledEventKeepsItsPlace() throws {
        let dashboard = try demoDashboard()
        let store = dashboard.cluster.store
        _ = dashboard.render(width: 160, height: 45)
        let before = dashboard.rowNames(.events).array
        let old = try #require(before.last)
        try store.modify(Event.self, old, namespace: "default") { $0.metadata.labels = ["seen": "yes"] }
        _ = dashboard.render(width: 160, height: 45)
        #expect(dashboard.rowNames(.events).array == before)
    }

    /// Kills make a dozen events each: the pane keeps showing the newest at the top, focused or
    /// not, as long as its selection is on the top row.
    @Test func theTopRowFollowsTheNewestEvent() throws {
        let dashboard = try demoDashboard()
        let store = dashboard.cluster.store
        for round in 0..<4 {
            dashboard.press(.character(round == 2 ? "5" : "4"))
            if round != 2 { dashboard.press(.character("x")) } else { dashboard.press(.character("g")) }
            dashboard.tick(realElapsed: .seconds(4))
            _ = dashboard.render(width: 160, height: 45)
            let newest = try #require(store.list(Event.self, namespace: "default").max { ($0.lastTimestamp ?? .zero) < ($1.lastTimestamp ?? .zero) })
            let top = try #require(dashboard.rowNames(.events).first)
            let event = try #require(store.get(Event.self, top, namespace: "default"))
            #expect(event.lastTimestamp == newest.lastTimestamp, "round \(round)")
            #expect(dashboard.selectedName(.events) == top, "round \(round)")
            // On screen: the pane's first row is that event.
            let frame = dashboard.frameText(160, 45)
            let firstRow = frame.split(separator: "\n").drop { !$0.contains("5 Events") }.dropFirst(2).first ?? ""
            #expect(firstRow.contains(event.reason) && firstRow.contains("pod/\(event.involvedObject.name)"), "round \(round): \(firstRow)")
        }
    }

    @Test func aSelectedEventStaysSelectedAsNewOnesArrive() throws {
        let dashboard = try Self.busyDashboard()
        let store = dashboard.cluster.store
        // An event that will not repeat: a pod's Scheduled event.
        dashboard.press(.character("5"))
        let rows = dashboard.rowNames(.events)
        let target = try #require(rows.firstIndex { store.get(Event.self, $0, namespace: "default")?.reason == "Scheduled" })
        dashboard.moveSelection(to: target)
        let chosen = try #require(dashboard.selectedName())
        _ = dashboard.render(width: 200, height: 60)
        // More pods, more events above it.
        dashboard.session.execute("kubectl scale deployment/hello-kiamol-2 --replicas=1500")
        dashboard.tick(realElapsed: .seconds(10))
        _ = dashboard.render(width: 200, height: 60)
        let now = dashboard.rowNames(.events)
        #expect(dashboard.selectedName() == chosen)
        #expect(now.firstIndex(of: chosen).map { $0 > target } == true, "pushed down by newer events")
    }
}
