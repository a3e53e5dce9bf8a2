import Testing
@testable import Cluster

/// Events live an hour after their last write (the API server's --event-ttl), on the virtual clock.
@Suite struct EventTTLTests {
    private func events(_ cluster: Cluster, reason: String) -> [Event] {
        cluster.store.list(Event.self).filter { $0.reason == reason }
    }

    @Test func anEventGoesAnHourAfterItsLastWriteAndARepeatRenewsIt() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        let node = try #require(cluster.store.get(Node.self, "node-1"))
        cluster.recorder.record(node, reason: "Once", message: "only once", component: "test")
        cluster.recorder.record(node, reason: "Again", message: "twice", component: "test")
        cluster.advance(by: .seconds(1800))
        cluster.recorder.record(node, reason: "Again", message: "twice", component: "test")
        #expect(events(cluster, reason: "Again").first?.count == 2)
        // An hour after the first write: the single event is gone, the repeated one renewed.
        cluster.advance(by: .seconds(1799))
        #expect(events(cluster, reason: "Once").count == 1)
        cluster.advance(by: .seconds(1))
        #expect(events(cluster, reason: "Once").isEmpty)
        #expect(events(cluster, reason: "Again").count == 1)
        cluster.advance(by: .seconds(1800))
        #expect(events(cluster, reason: "Again").isEmpty)
        // Recorded again after expiry, it starts over as a new event.
        cluster.recorder.record(node, reason: "Again", message: "twice", component: "test")
        #expect(events(cluster, reason: "Again").map(\.count) == [1])
    }

    @Test func theRecordersMemoryFollowsLiveEventsNotHistory() {
        let cluster = Cluster(seed: 1, nodes: 3)
        let before = cluster.recorder.liveEventCount
        #expect(before > 0)
        // Two hours of a quiet cluster: the start-up events expire and nothing piles up.
        cluster.advance(by: .seconds(7200))
        #expect(cluster.store.list(Event.self).count == cluster.recorder.liveEventCount)
        #expect(cluster.recorder.liveEventCount < before)
    }
}
