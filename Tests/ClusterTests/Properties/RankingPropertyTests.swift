import PropertyBased
import Testing
@testable import Cluster

/// The ReplicaSet's deletion ranking (ActivePodsWithRanks.Less) over generated pods must be a
/// strict order: never a pod before itself, never both a before b and b before a, and
/// transitive, or sorting would depend on the input's order.
///
/// Upstream's own order is not transitive in one corner, which the ranking keeps: two pods
/// Ready at the very same instant skip the ready-time step and are told apart by restarts,
/// while a third Ready in the same logarithmic bucket is told apart from each by uid, so the
/// three can form a cycle. Generated pods therefore never share an instant (nor a uid, which
/// real pods never do); ties of bucket, phase, readiness, cost and restarts stay common.
@Suite struct RankingPropertyTests {
    /// A pod whose every ranked fact comes from one seed: node, phase, readiness and since when,
    /// deletion cost, restarts, creation time and uid (small ranges, so ties are common).
    static func pod(_ seed: UInt64, index: Int) -> Pod {
        var random = SeededRandom(seed: seed)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        var meta = ObjectMeta(name: "web-\(index)")
        meta.uid = "uid-\(pick(4))-\(index)"
        meta.creationTimestamp = SimTime(milliseconds: Int64(pick(6)) * 7_000 + Int64(index))
        if pick(3) == 0 { meta.annotations["controller.kubernetes.io/pod-deletion-cost"] = String(pick(5) - 2) }
        var p = Pod(metadata: meta, spec: PodSpec(containers: [Container(name: "c", image: "i")]))
        p.spec.nodeName = ["", "node-1", "node-2"][pick(3)]
        p.status.phase = ["Pending", "Unknown", "Running"][pick(3)]
        p.status.setCondition("Ready", pick(2) == 0 ? "True" : "False", at: SimTime(milliseconds: Int64(pick(6)) * 5_000 + Int64(index)))
        var status = ContainerStatus(name: "c", image: "i", state: .running(startedAt: .zero))
        status.restartCount = pick(3)
        p.status.containerStatuses = [status]
        return p
    }

    @Test func deletionRankingIsAStrictOrder() async {
        await propertyCheck(count: 1000, input: Gen.uint64(), Gen.uint64(), Gen.uint64()) { a, b, c in
            let pods = [Self.pod(a, index: 0), Self.pod(b, index: 1), Self.pod(c, index: 2)]
            var perNode: [String: Int] = [:]
            for p in pods where p.isScheduled && p.isActive { perNode[p.spec.nodeName, default: 0] += 1 }
            let now = SimTime(milliseconds: 60_000)
            func first(_ x: Int, _ y: Int) -> Bool { PodRanking.deleteFirst(pods[x], pods[y], perNode: perNode, now: now) }
            for x in 0..<3 {
                #expect(!first(x, x))
                for y in 0..<3 where x != y {
                    #expect(!(first(x, y) && first(y, x)))
                    for z in 0..<3 where z != x && z != y && first(x, y) && first(y, z) { #expect(first(x, z)) }
                }
            }
            // And the order a sort gives does not depend on the order the pods came in.
            let forward = PodRanking.deletionOrder(pods, related: pods, now: now).map(\.name)
            let backward = PodRanking.deletionOrder(pods.reversed(), related: pods, now: now).map(\.name)
            #expect(forward == backward)
        }
    }
}
