import Testing
@testable import Cluster

/// Found by SampledPlacementPropertyTests: a scale-down's victims must not depend on the order a set
/// hands the ReplicaSet its pods in (each table has its own), or the same seed and steps end
/// differently in two clusters of one process.
@Suite struct ScaleDownDeterminismTests {
    @Test func theSameStepsLeaveTheSamePodsInEveryCluster() {
        // Six replicas, seven other deployments, then back to one: the six are ready within
        // one log2 bucket, some at the same instant, where the ranking is not a strict order.
        let steps: [(Int, Int, Int, Int)] = [(0, 0, 0, 1), (2, 0, 1, 6)] + Array(repeating: (0, 0, 0, 1), count: 7) + [(2, 0, 1, 1)]
        func survivors() -> [String] {
            let cluster = SampledPlacementPropertyTests.cluster(sampled: false)
            var deployments = 0, nodes = 130
            for step in steps {
                SampledPlacementPropertyTests.apply(step, to: cluster, deployments: &deployments, nodes: &nodes)
                cluster.advance(by: .seconds(2))
            }
            cluster.advance(by: .seconds(40))
            return cluster.store.list(Pod.self).map(\.name).sorted()
        }
        let first = survivors()
        for _ in 0..<4 { #expect(survivors() == first) }
    }
}
