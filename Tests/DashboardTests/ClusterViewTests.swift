import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The dashboard's view of the store keeps names sorted and events in order of their last
/// change as objects come and go, without re-reading the store each frame.
@Suite struct ClusterViewTests {
    @Test func namesFollowCreatesAndDeletesBetweenReads() throws {
        let cluster = Cluster(seed: 11)
        let view = ClusterView(cluster: cluster)
        let session = Session(cluster: cluster)
        func storeNames() -> [String] { cluster.store.list(Pod.self).map(\.name) }
        #expect(view.names(.pod) == [])
        session.execute("kubectl create deployment web --image=nginx --replicas=40")
        cluster.advance(by: .seconds(1))
        #expect(view.names(.pod) == storeNames())
        #expect(view.names(.pod).count == 40)
        // Deleted, then created again under the same name before the next read.
        let reused = view.names(.pod)[7]
        let pod = try #require(cluster.store.get(Pod.self, reused, namespace: "default"))
        try cluster.store.delete(Pod.self, reused, namespace: "default", gracePeriodSeconds: 0)
        var again = Pod(metadata: ObjectMeta(name: reused, labels: ["app": "other"]), spec: pod.spec)
        again.spec.nodeName = ""
        try cluster.store.create(again)
        session.execute("kubectl scale deployment web --replicas=25")
        cluster.advance(by: .seconds(30))
        #expect(view.names(.pod) == storeNames())
        session.execute("kubectl scale deployment web --replicas=60")
        cluster.advance(by: .milliseconds(300))
        #expect(view.names(.pod) == storeNames())
        cluster.advance(by: .seconds(30))
        #expect(view.names(.pod) == storeNames())
        #expect(view.names(.node) == ["node-1", "node-2", "node-3"])
    }

    @Test func eventsAreOrderedByTheirLastChange() throws {
        // Too many pods for three nodes: FailedScheduling repeats move events to the end.
        let cluster = Cluster(seed: 12)
        let view = ClusterView(cluster: cluster)
        Session(cluster: cluster).execute("kubectl create deployment web --image=nginx --replicas=1200")
        cluster.advance(by: .seconds(90))
        let order = view.eventOrder
        let events = cluster.store.list(Event.self)
        #expect(events.contains { $0.count > 1 }, "some events repeated")
        #expect(order.count == events.count)
        #expect(Set(order) == Set(events.map(\.name)))
        let times = order.compactMap { cluster.store.get(Event.self, $0, namespace: "default")?.lastTimestamp }
        #expect(times == times.sorted())
    }
}
