import PropertyBased
import Testing
@testable import Cluster

/// maxSurge and maxUnavailable (deployment/util ResolveFenceposts) and the new ReplicaSet's
/// size over generated deployments: percentages round surge up and unavailability down, a
/// rollout can always move, and nothing grows past replicas + surge.
@Suite struct RolloutMathPropertyTests {
    /// An int-or-percent as written in a manifest: `3` or `25%`.
    static let intOrPercent = zip(Gen.int(in: 0...150), Gen.bool).map { value, percent in percent ? "\(value)%" : "\(value)" }

    static func deployment(replicas: Int, surge: String, unavailable: String) -> Deployment {
        var d = makeDeployment("web", replicas: replicas)
        d.spec.strategy.maxSurge = surge
        d.spec.strategy.maxUnavailable = unavailable
        return d
    }

    @Test func percentagesRoundSurgeUpAndUnavailabilityDown() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 0...100), Gen.int(in: 0...100_000)) { percent, total in
            let exact = Double(percent) * Double(total) / 100
            let up = RolloutMath.resolve("\(percent)%", total: total, roundUp: true)
            let down = RolloutMath.resolve("\(percent)%", total: total, roundUp: false)
            #expect(Double(up) >= exact && Double(up) < exact + 1)
            #expect(Double(down) <= exact && Double(down) > exact - 1)
            #expect(0 <= down && down <= up && up <= total)
        }
    }

    @Test func aRollingUpdateCanAlwaysMoveAndStaysInItsBounds() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 0...1000), Self.intOrPercent, Self.intOrPercent) { replicas, surge, unavailable in
            let d = Self.deployment(replicas: replicas, surge: surge, unavailable: unavailable)
            let (maxSurge, maxUnavailable) = RolloutMath.surgeAndUnavailable(d)
            #expect(maxSurge >= 0 && maxUnavailable >= 0 && maxUnavailable <= replicas)
            // Both zero would leave a rollout stuck: unavailability becomes 1 (when there are pods).
            if replicas > 0 { #expect(maxSurge + maxUnavailable >= 1, "\(replicas) \(surge) \(unavailable)") }
        }
    }

    @Test func theNewReplicaSetGrowsWithinReplicasAndSurge() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 0...500), Self.intOrPercent, Gen.int(in: 0...500), Gen.int(in: 0...1000)) {
            replicas, surge, newReplicas, oldReplicas in
            let d = Self.deployment(replicas: replicas, surge: surge, unavailable: "25%")
            let newReplicas = min(newReplicas, replicas)
            let all = newReplicas + oldReplicas
            let size = RolloutMath.newReplicaSetReplicas(d, allReplicas: all, newReplicas: newReplicas)
            let maxTotal = replicas + RolloutMath.surgeAndUnavailable(d).surge
            #expect(size >= newReplicas && size <= replicas)
            // Only room under replicas + surge is used: a full rollout waits.
            if all >= maxTotal { #expect(size == newReplicas) } else { #expect(all - newReplicas + size <= maxTotal) }
        }
    }
}
