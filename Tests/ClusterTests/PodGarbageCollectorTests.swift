import Testing
@testable import Cluster

/// A Node deleted for good takes its pods with it (podgc's gcOrphaned): after the 40 s
/// quarantine each is marked Failed, DisruptionTarget DeletionByPodGC, and force deleted, and
/// its ReplicaSet replaces it on a node that exists. A node back within the quarantine keeps
/// its pods.
@Suite struct PodGarbageCollectorTests {
    @Test func podsOfADeletedNodeGoAfterTheQuarantineAndAreReplaced() throws {
        let cluster = Cluster(seed: 2)
        try cluster.store.create(makeDeployment("web", image: "nginx:1.27", replicas: 3))
        #expect(cluster.settle(app: "web", count: 3))
        let orphan = try #require(cluster.pods(app: "web").first)
        var lastWrite: Pod?
        cluster.store.watch([.pod]) { event in
            if event.type == .modified, event.name == orphan.name { lastWrite = event.object as? Pod }
        }
        try cluster.store.delete(Node.self, orphan.spec.nodeName)
        cluster.advance(by: .seconds(39))
        #expect(cluster.store.get(Pod.self, orphan.name, namespace: "default")?.status.phase == "Running")
        cluster.advance(by: .seconds(2))
        #expect(cluster.store.get(Pod.self, orphan.name, namespace: "default") == nil)
        #expect(lastWrite?.status.phase == "Failed")
        let condition = try #require(lastWrite?.status.condition("DisruptionTarget"))
        #expect(condition.reason == "DeletionByPodGC" && condition.message == "PodGC: node no longer exists")
        #expect(cluster.settle(app: "web", count: 3))
        #expect(cluster.pods(app: "web").allSatisfy { $0.spec.nodeName != orphan.spec.nodeName })
    }

    @Test func aNodeBackWithinTheQuarantineKeepsItsPods() throws {
        let cluster = Cluster(seed: 2)
        try cluster.store.create(makeDeployment("web", image: "nginx:1.27", replicas: 3))
        #expect(cluster.settle(app: "web", count: 3))
        let pod = try #require(cluster.pods(app: "web").first)
        let node = try #require(cluster.store.get(Node.self, pod.spec.nodeName))
        try cluster.store.delete(Node.self, node.name)
        cluster.advance(by: .seconds(10))
        var again = node
        again.metadata.resourceVersion = ""
        again.metadata.uid = ""
        try cluster.store.create(again)
        cluster.advance(by: .seconds(60))
        #expect(cluster.store.get(Pod.self, pod.name, namespace: "default")?.metadata.uid == pod.metadata.uid)
    }
}
