import Testing
@testable import Cluster

@Suite struct PodRankingTests {
    func pod(_ name: String, node: String = "node-1", phase: String = "Running", ready: Bool = true,
             readySince: Int64 = 0, created: Int64 = 0, restarts: Int = 0, cost: Int? = nil, uid: String? = nil) -> Pod {
        var meta = ObjectMeta(name: name)
        meta.uid = uid ?? "uid-\(name)"
        meta.creationTimestamp = SimTime(milliseconds: created)
        if let cost { meta.annotations["controller.kubernetes.io/pod-deletion-cost"] = String(cost) }
        var p = Pod(metadata: meta, spec: PodSpec(containers: [Container(name: "c", image: "i")]))
        p.spec.nodeName = node
        p.status.phase = phase
        p.status.setCondition("Ready", ready ? "True" : "False", at: SimTime(milliseconds: readySince))
        var cs = ContainerStatus(name: "c", image: "i", state: .running(startedAt: .zero))
        cs.restartCount = restarts
        p.status.containerStatuses = [cs]
        return p
    }

    func first(_ a: Pod, _ b: Pod, related: [Pod]? = nil) -> String {
        PodRanking.deletionOrder([b, a], related: related ?? [a, b], now: SimTime(milliseconds: 100_000))[0].name
    }

    @Test func eachRuleInOrder() {
        #expect(first(pod("unscheduled", node: ""), pod("scheduled")) == "unscheduled")
        #expect(first(pod("pending", phase: "Pending"), pod("running")) == "pending")
        #expect(first(pod("unknown", phase: "Unknown"), pod("running")) == "unknown")
        #expect(first(pod("unready", ready: false), pod("ready")) == "unready")
        #expect(first(pod("cheap", cost: -5), pod("dear", cost: 10)) == "cheap")
        let crowded = [pod("a", node: "node-1"), pod("b", node: "node-1"), pod("c", node: "node-2")]
        #expect(PodRanking.deletionOrder([crowded[2], crowded[0]], related: crowded, now: .zero)[0].name == "a")
        #expect(first(pod("recent", readySince: 50_000), pod("long", readySince: 1_000)) == "recent")
        #expect(first(pod("crashy", restarts: 3), pod("steady", restarts: 0)) == "crashy")
        #expect(first(pod("newer", created: 60_000), pod("older", created: 1_000)) == "newer")
    }

    /// LogarithmicScaleDown (on since 1.31): ready times, and creation times, are compared in
    /// buckets of ⌊log2(nanoseconds since then)⌋; within one bucket the lower UID goes first, and
    /// the comparison ends there (ActivePodsWithRanks.Less, logarithmicRankDiff).
    @Test func timesAreComparedInLogBucketsWithTiesBrokenByUID() {
        let now = SimTime(milliseconds: 1_000_000)
        func first(_ a: Pod, _ b: Pod) -> String {
            PodRanking.deletionOrder([b, a], related: [a, b], now: now)[0].name
        }
        // 40 s and 50 s ago: both in bucket 35 (2³⁵ ns ≈ 34.4 s, 2³⁶ ns ≈ 68.7 s). The UID decides,
        // not which became ready later, and restarts are never looked at.
        let recent = pod("recent", readySince: 960_000, restarts: 5, uid: "b")
        let earlier = pod("earlier", readySince: 950_000, uid: "a")
        #expect(first(recent, earlier) == "earlier")
        #expect(first(pod("recent", readySince: 960_000, uid: "a"), pod("earlier", readySince: 950_000, uid: "b")) == "recent")
        // 30 s ago is bucket 34: ready for less time, whatever the UIDs.
        #expect(first(pod("fresh", readySince: 970_000, uid: "z"), pod("older", readySince: 950_000, uid: "a")) == "fresh")
        // Creation times of pods not ready: the same buckets, the same tie-break.
        #expect(first(pod("newer", ready: false, created: 960_000, uid: "b"), pod("older", ready: false, created: 950_000, uid: "a")) == "older")
        #expect(first(pod("newer", ready: false, created: 970_000, uid: "b"), pod("older", ready: false, created: 950_000, uid: "a")) == "newer")
        // Restarts count the container that restarted most, not the sum over containers.
        var twoContainers = pod("sum4", ready: false, uid: "a")
        twoContainers.status.containerStatuses.append(twoContainers.status.containerStatuses[0])
        twoContainers.status.containerStatuses[0].restartCount = 2
        twoContainers.status.containerStatuses[1].restartCount = 2
        #expect(first(twoContainers, pod("max3", ready: false, restarts: 3, uid: "b")) == "max3")
        // whyFirst says the same.
        #expect(PodRanking.whyFirst(earlier, among: [recent, earlier], now: now) == "ready as long (same log2 bucket), lower UID")
        #expect(PodRanking.whyFirst(pod("older", ready: false, created: 950_000, uid: "a"),
                                    among: [pod("newer", ready: false, created: 960_000, uid: "b"), pod("older", ready: false, created: 950_000, uid: "a")],
                                    now: now) == "as old (same log2 bucket), lower UID")
    }

    /// Crowding counts the pods of every ReplicaSet of the same Deployment
    /// (getIndirectlyRelatedPods): mid-rollout, old and new pods on one node count together.
    @Test func crowdingCountsTheSiblingReplicaSetsPods() throws {
        let cluster = Cluster(seed: 9)
        try cluster.store.create(makeDeployment("web", image: "nginx:1.26", replicas: 3))
        #expect(cluster.settle(app: "web", count: 3))
        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.template.spec.containers[0].image = "nginx:1.27" }
        let uid = try #require(cluster.store.get(Deployment.self, "web", namespace: "default")).metadata.uid
        let midRollout = cluster.advance(until: {
            cluster.store.replicaSets(ownedBy: uid).allSatisfy { !cluster.store.pods(ownedBy: $0.metadata.uid).isEmpty }
                && cluster.store.replicaSets(ownedBy: uid).count == 2
        }, timeout: .seconds(60))
        #expect(midRollout)
        let replicaSets = cluster.store.replicaSets(ownedBy: uid)
        let everyPod = Set(replicaSets.flatMap { cluster.store.pods(ownedBy: $0.metadata.uid).map(\.name) })
        for rs in replicaSets {
            #expect(Set(PodRanking.relatedPods(of: rs, in: cluster.store).map(\.name)) == everyPod)
        }
        // A ReplicaSet no controller owns is ranked without crowding.
        var bare = replicaSets[0]
        bare.metadata.ownerReferences = []
        #expect(PodRanking.relatedPods(of: bare, in: cluster.store).isEmpty)
    }

    /// The rule named is the one that set the victim apart from the pod that would go next.
    @Test func whyFirstNamesTheDecidingRule() {
        let now = SimTime(milliseconds: 100_000)
        func why(_ victim: Pod, _ others: Pod...) -> String { PodRanking.whyFirst(victim, among: [victim] + others, now: now) }
        #expect(why(pod("u", node: ""), pod("s")) == "not scheduled")
        #expect(why(pod("p", phase: "Pending"), pod("r")) == "Pending")
        #expect(why(pod("n", ready: false), pod("r")) == "not ready")
        #expect(why(pod("c", cost: -5), pod("d", cost: 10)) == "lower pod-deletion-cost")
        // Doubled up with a pod that would go next: the crowded node, then what split the two.
        #expect(why(pod("a", node: "node-1", readySince: 50_000), pod("b", node: "node-1", readySince: 1_000), pod("c", node: "node-2"))
                == "2 pods on node-1; ready for the shortest time")
        #expect(why(pod("a", node: "node-1"), pod("b", node: "node-1"), pod("c", node: "node-2")) == "2 pods on node-1; a tie, broken by UID")
        #expect(why(pod("recent", readySince: 50_000), pod("long", readySince: 1_000)) == "ready for the shortest time")
        #expect(why(pod("crashy", restarts: 3), pod("steady")) == "most restarts")
        #expect(why(pod("newer", created: 60_000), pod("older", created: 1_000)) == "newest")
        // Compared with the pod that would go next: Pending beats not ready, which beats the rest.
        #expect(why(pod("p", phase: "Pending"), pod("n", ready: false), pod("r")) == "Pending")
        #expect(why(pod("alone")) == "the only pod")
    }

    @Test func earlierRulesWinOverLaterOnes() {
        // A not-ready pod goes before a ready one even when the ready one restarted more.
        #expect(first(pod("unready", ready: false), pod("crashy", restarts: 9)) == "unready")
    }
}
