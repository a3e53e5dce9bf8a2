import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The header's `pods READY/DESIRED Ready` counts every workload's pods: a ReplicaSet left
/// without its Deployment, and the system's DaemonSet, are not pods counted by no one.
@Suite struct HeaderCountsTests {
    func header(_ dashboard: Dashboard) -> String {
        String(dashboard.frameText(160, 48).split(separator: "\n")[0])
    }

    @Test func aReplicaSetOrphanedFromItsDeploymentStillCountsItsPods() throws {
        let dashboard = try demoDashboard(seconds: 20)
        #expect(header(dashboard).contains("pods 3/3 Ready ─"))
        #expect(!dashboard.run("kubectl delete deployment hello-kiamol-2 --cascade=orphan").failed)
        dashboard.tick(realElapsed: .seconds(2))
        #expect(dashboard.cluster.store.list(Deployment.self, namespace: "default").isEmpty)
        // Three pods run, kept by their ReplicaSet: neither 0/0 nor orphans.
        #expect(header(dashboard).contains("pods 3/3 Ready ─"), "\(header(dashboard))")
        // Scaled by hand, the ReplicaSet's count is the header's.
        let rs = try #require(dashboard.cluster.store.list(ReplicaSet.self, namespace: "default").first)
        #expect(!dashboard.run("kubectl scale rs \(rs.name) --replicas=4").failed)
        dashboard.tick(realElapsed: .seconds(0.5))
        #expect(header(dashboard).contains("pods 3/4 Ready ─"), "\(header(dashboard))")
    }

    @Test func kubeSystemCountsItsDaemonSetWithItsDeployment() throws {
        let session = Session(cluster: Cluster(seed: 1))
        try SystemComponents.install(into: session.cluster)
        let dashboard = Dashboard(session: session, theme: try themeLibrary.load("default"), themes: themeLibrary)
        dashboard.tick(realElapsed: .seconds(30))
        dashboard.press(.character(":"))
        dashboard.type("ns kube-system")
        dashboard.press(.enter)
        // coredns's 2 and kube-proxy's one a node on the demo's 3 nodes.
        #expect(header(dashboard).contains("pods 5/5 Ready ─"), "\(header(dashboard))")
    }
}
