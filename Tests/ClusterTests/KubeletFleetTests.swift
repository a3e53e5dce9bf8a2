import Testing
@testable import Cluster

/// Which pod updates wake a kubelet: changes it must act on (config.go's podsDifferSemantically),
/// not status writes, its own coming back included.
@Suite struct KubeletFleetTests {
    @Test func onlySemanticChangesWakeTheKubelet() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        try cluster.store.create(makeDeployment("web"))
        #expect(cluster.advance(until: { cluster.store.list(Pod.self).first?.status.phase == "Running" }, timeout: .seconds(60)))
        let pod = try #require(cluster.store.list(Pod.self).first)

        var status = pod
        status.status.setCondition("Ready", "False", at: cluster.store.now, reason: "Checked")
        #expect(!KubeletFleet.differSemantically(pod, status))

        var labelled = pod
        labelled.metadata.labels["tier"] = "front"
        #expect(KubeletFleet.differSemantically(pod, labelled))

        var deleting = pod
        deleting.metadata.deletionTimestamp = cluster.store.now
        deleting.metadata.deletionGracePeriodSeconds = 30
        #expect(KubeletFleet.differSemantically(pod, deleting))

        var image = pod
        image.spec.containers[0].image = "nginx:1.27"
        #expect(KubeletFleet.differSemantically(pod, image))

        // Through the store: a status write queues no kubelet sync; a label change does.
        #expect(cluster.clock.queueDepths.current["kubelet"] == 0)
        try cluster.store.update(status)
        #expect(cluster.clock.queueDepths.current["kubelet"] == 0)
        try cluster.store.modify(Pod.self, pod.name, namespace: "default") { $0.metadata.labels["tier"] = "front" }
        #expect(cluster.clock.queueDepths.current["kubelet"] == 1)
    }
}
