import Testing
@testable import Cluster

/// The same seed gives the same cluster at scale. The digest below was taken before the
/// control plane's scale optimisations (issue 12); they must not change a single pod's name,
/// node, address or container id.
@Suite struct ScaleDeterminismTests {
    /// 5,000 nodes, 200 deployments × 100 replicas, realistic pace, run a virtual second at a
    /// time until every pod runs: what `kubesim bench --nodes 5000 --deployments 200` does, so
    /// its `state digest:` line is comparable with this test's.
    static func buildUp(seed: UInt64) -> Cluster {
        let cluster = Cluster(seed: seed, pace: .realistic, nodes: 5000)
        for i in 1...200 {
            _ = try? cluster.store.create(makeDeployment("bench-\(i)", image: "registry.example/bench:1.0", replicas: 100))
        }
        for _ in 0..<3600 where cluster.store.countPods(where: { $0.status.phase == "Running" }) < 20_000 {
            cluster.advance(by: .seconds(1))
        }
        return cluster
    }

    @Test func sameSeedSameDigestAtFiveThousandNodes() {
        let cluster = Self.buildUp(seed: 1)
        #expect(cluster.store.countPods { $0.status.phase == "Running" && $0.isReady } == 20_000)
        #expect(cluster.stateDigest() == "91294d711726cb80")
    }

    @Test func anotherSeedAnotherDigest() {
        let small = { (seed: UInt64) -> String in
            let cluster = Cluster(seed: seed, pace: .realistic, nodes: 50)
            _ = try? cluster.store.create(makeDeployment("web", replicas: 20))
            cluster.advance(by: .seconds(60))
            return cluster.stateDigest()
        }
        #expect(small(7) == small(7))
        #expect(small(7) != small(8))
    }
}
