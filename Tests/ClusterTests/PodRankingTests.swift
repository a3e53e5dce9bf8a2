import Testing
@testable import Cluster

@Suite struct PodRankingTests {
    func pod(_ name: String, node: String = "node-1", phase: String = "Running", ready: Bool = true,
             readySince: Int64 = 0, created: Int64 = 0, restarts: Int = 0, cost: Int? = nil) -> Pod {
        var meta = ObjectMeta(name: name)
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
        #expect(first(pod("newer", created: 9_000), pod("older", created: 1_000)) == "newer")
    }

    @Test func earlierRulesWinOverLaterOnes() {
        // A not-ready pod goes before a ready one even when the ready one restarted more.
        #expect(first(pod("unready", ready: false), pod("crashy", restarts: 9)) == "unready")
    }
}
