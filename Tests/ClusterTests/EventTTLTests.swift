import Testing
@testable import Cluster

/// Every Event lives an hour after its last write (the API server's --event-ttl), on the
/// virtual clock: those the components record and those API clients write.
@Suite struct EventTTLTests {
    private func events(_ cluster: Cluster, reason: String) -> [Event] {
        cluster.store.list(Event.self).filter { $0.reason == reason }
    }

    /// The expiry's watch once kept the store (and with it the clock and every object) alive
    /// after its cluster was dropped: each `apply -f`, which checks objects on a scratch
    /// cluster, leaked one (found by kubesim fuzz manifest-yaml, 1.3 GB over 10⁵ files).
    @Test func aDroppedClusterFreesItsStoreAndClock() throws {
        weak var store: Store?
        weak var clock: VirtualClock?
        do {
            let cluster = Cluster(seed: 3, nodes: 1)
            cluster.recorder.record(try #require(cluster.store.list(Node.self).first), reason: "Tested", message: "an event, so the expiry watches", component: "test")
            store = cluster.store
            clock = cluster.clock
        }
        #expect(store == nil)
        #expect(clock == nil)
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

    /// Recorded events expire in the order of their first writes, walked from the oldest; one
    /// renewed since stays its hour more without holding back those written after it.
    @Test func aRenewedOldEventDoesNotHoldBackNewerOnes() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        let node = try #require(cluster.store.get(Node.self, "node-1"))
        cluster.recorder.record(node, reason: "Old", message: "first", component: "test")
        cluster.advance(by: .seconds(600))
        cluster.recorder.record(node, reason: "Newer", message: "second", component: "test")
        cluster.advance(by: .seconds(2400))
        cluster.recorder.record(node, reason: "Old", message: "first", component: "test")
        #expect(cluster.recorder.expiry.pendingWrites == 1, "the renewal's entry")
        cluster.advance(by: .seconds(1200)) // 70 minutes in
        #expect(events(cluster, reason: "Newer").isEmpty)
        #expect(events(cluster, reason: "Old").map(\.count) == [2])
        cluster.advance(by: .seconds(2399)) // a second before an hour after the renewal
        #expect(events(cluster, reason: "Old").count == 1)
        cluster.advance(by: .seconds(1))
        #expect(events(cluster, reason: "Old").isEmpty)
        #expect(cluster.recorder.expiry.pendingWrites == 0)
    }

    /// What `kubectl create -f event.yaml` or a POST to /api/v1/namespaces/default/events stores.
    private func clientEvent(_ name: String, at now: SimTime) -> Event {
        Event(metadata: ObjectMeta(name: name, namespace: "default"),
              involvedObject: Event.ObjectReference(kind: "Pod", name: "somewhere", namespace: "default", uid: "", apiVersion: "v1"),
              reason: "FromClient", message: "written by a client", type: "Normal", sourceComponent: "my-operator",
              sourceHost: "", count: 1, firstTimestamp: now, lastTimestamp: now)
    }

    @Test func eventsWrittenByClientsExpireToo() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        try cluster.store.create(clientEvent("kept", at: cluster.now))
        try cluster.store.create(clientEvent("left", at: cluster.now))
        cluster.advance(by: .seconds(1800))
        // An update renews the lease, whatever it changes.
        try cluster.store.modify(Event.self, "kept", namespace: "default") { $0.count = 2 }
        cluster.advance(by: .seconds(1800))
        #expect(events(cluster, reason: "FromClient").map(\.name) == ["kept"])
        cluster.advance(by: .seconds(1800))
        #expect(events(cluster, reason: "FromClient").isEmpty)
    }

    @Test func theRecordersMemoryFollowsRecentEventsNotHistory() {
        let cluster = Cluster(seed: 1, nodes: 3)
        #expect(cluster.recorder.trackedSourceObjects > 0)
        #expect(!cluster.store.list(Event.self).isEmpty)
        // A recorded event's first write keeps no entry in the expiry: the records' order serves.
        #expect(cluster.recorder.expiry.pendingWrites == 0)
        // Three hours of a quiet cluster: the start-up events expire, the budgets refill, and
        // nothing is remembered about them.
        cluster.advance(by: .seconds(3 * 3600))
        #expect(cluster.store.list(Event.self).isEmpty)
        #expect(cluster.recorder.trackedSourceObjects == 0)
        #expect(cluster.recorder.expiry.pendingWrites == 0)
    }
}
