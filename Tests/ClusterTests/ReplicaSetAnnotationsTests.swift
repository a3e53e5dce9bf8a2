import Testing
@testable import Cluster

/// The new ReplicaSet carries the deployment's annotations, except those the controller keeps
/// for itself and kubectl's last-applied-configuration (copyDeploymentAnnotationsToReplicaSet).
@Suite struct ReplicaSetAnnotationsTests {
    @Test func theDeploymentsAnnotationsAreCopiedToItsNewReplicaSet() throws {
        let cluster = Cluster(seed: 4)
        var d = makeDeployment("web", replicas: 1)
        d.metadata.annotations = ["kubernetes.io/change-cause": "first", "kubectl.kubernetes.io/last-applied-configuration": "{}"]
        try cluster.store.create(d)
        #expect(cluster.settle(app: "web", count: 1))
        var rs = try #require(cluster.replicaSet(of: "web"))
        #expect(rs.metadata.annotations == [
            "kubernetes.io/change-cause": "first", "deployment.kubernetes.io/revision": "1",
            "deployment.kubernetes.io/desired-replicas": "1", "deployment.kubernetes.io/max-replicas": "2",
        ])
        // Annotating the deployment later reaches the ReplicaSet on the next sync.
        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.metadata.annotations["kubernetes.io/change-cause"] = "second" }
        cluster.advance(by: .seconds(2))
        rs = try #require(cluster.replicaSet(of: "web"))
        #expect(rs.metadata.annotations["kubernetes.io/change-cause"] == "second")
        #expect(rs.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"] == nil)
    }
}
