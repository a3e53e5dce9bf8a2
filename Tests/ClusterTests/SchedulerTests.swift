import Testing
@testable import Cluster

@Suite struct SchedulerTests {
    @Test func spreadsAnOwnersPodsAcrossNodes() throws {
        let cluster = Cluster(seed: 8)
        try cluster.store.create(makeDeployment("web", replicas: 3))
        #expect(cluster.settle(app: "web", count: 3))
        #expect(Set(cluster.pods(app: "web").map(\.spec.nodeName)) == ["node-1", "node-2", "node-3"])
        #expect(cluster.events(reason: "Scheduled").allSatisfy { $0.message.hasPrefix("Successfully assigned default/web-") })
    }

    /// A running pod holds its requests on its node (its Pending-to-Running write changes
    /// nothing there); once it has finished (Succeeded), it is out of the scheduler's view and
    /// its room goes to the next pod.
    @Test func aRunningPodHoldsItsRoomAndAFinishedOneGivesItBack() throws {
        let cluster = Cluster(seed: 2, nodes: 1)
        func pod(_ name: String) -> Pod { makeBarePod(name, image: "nginx", restartPolicy: "Never") { $0.requests = ResourceAmounts(cpuMillis: 3000) } }
        try cluster.store.create(pod("first"))
        cluster.advance(by: .seconds(10))
        #expect(cluster.store.get(Pod.self, "first", namespace: "default")?.status.phase == "Running")
        try cluster.store.create(pod("second"))
        cluster.advance(by: .seconds(10))
        #expect(cluster.store.get(Pod.self, "second", namespace: "default")?.isScheduled == false)
        #expect(cluster.events(reason: "FailedScheduling").first?.message.contains("Insufficient cpu") == true)
        _ = try cluster.store.modify(Pod.self, "first", namespace: "default") { $0.status.phase = "Succeeded" }
        cluster.advance(by: .seconds(360))
        #expect(cluster.store.get(Pod.self, "second", namespace: "default")?.spec.nodeName == "node-1")
    }

    @Test func cordonedNodeGetsNoNewPods() throws {
        let cluster = Cluster(seed: 4)
        try cluster.store.modify(Node.self, "node-2") { $0.spec.unschedulable = true }
        try cluster.store.create(makeDeployment("web", replicas: 6))
        #expect(cluster.settle(app: "web", count: 6))
        #expect(!cluster.pods(app: "web").contains { $0.spec.nodeName == "node-2" })
        // The node lifecycle controller mirrors the cordon as a taint.
        #expect(cluster.store.get(Node.self, "node-2")!.spec.taints.contains { $0.key == Taint.unschedulableKey })
    }

    @Test func allNodesCordonedMeansFailedSchedulingAndPending() throws {
        let cluster = Cluster(seed: 4)
        for node in ["node-1", "node-2", "node-3"] {
            try cluster.store.modify(Node.self, node) { $0.spec.unschedulable = true }
        }
        try cluster.store.create(makeDeployment("web", replicas: 2))
        cluster.advance(by: .seconds(20))
        let pods = cluster.pods(app: "web")
        #expect(pods.count == 2)
        #expect(pods.allSatisfy { $0.status.phase == "Pending" && !$0.isScheduled })
        let failed = cluster.events(reason: "FailedScheduling")
        #expect(failed.count == 2)
        #expect(failed.allSatisfy {
            $0.type == "Warning" && $0.message == "0/3 nodes are available: 3 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
        })
        #expect(pods.allSatisfy { $0.status.condition("PodScheduled")?.reason == "Unschedulable" })
        // Uncordoning one node lets them schedule there.
        try cluster.store.modify(Node.self, "node-3") { $0.spec.unschedulable = false }
        #expect(cluster.settle(app: "web", count: 2))
        #expect(cluster.pods(app: "web").allSatisfy { $0.spec.nodeName == "node-3" })
    }

    /// Every change of a node retries a Pending pod at once, and each failure parks it for the
    /// periodic flush (5 min at realistic pace); once the cluster stops changing, the pod is
    /// retried once per interval, not once for every failure it had before.
    @Test func aPendingPodIsFlushedOncePerIntervalHoweverOftenItWasRetried() throws {
        let cluster = Cluster(seed: 4, pace: .realistic)
        for node in ["node-1", "node-2", "node-3"] {
            try cluster.store.modify(Node.self, node) { $0.spec.unschedulable = true }
        }
        try cluster.store.create(makeDeployment("web", replicas: 1))
        cluster.advance(by: .seconds(1))
        for i in 1...4 {
            cluster.advance(by: .seconds(20))
            try cluster.store.modify(Node.self, "node-1") { $0.spec.taints.append(Taint(key: "example.com/change-\(i)", effect: "NoSchedule")) }
        }
        cluster.advance(by: .seconds(1))
        let afterChanges = try #require(cluster.events(reason: "FailedScheduling").first).count
        #expect(afterChanges == 5)
        cluster.advance(by: .seconds(29 * 60))
        #expect(cluster.events(reason: "FailedScheduling").first?.count == afterChanges + 5)
    }

    @Test func insufficientResourcesAreCountedPerReason() throws {
        let cluster = Cluster(seed: 4)
        try cluster.store.modify(Node.self, "node-1") { $0.spec.unschedulable = true }
        var d = makeDeployment("big", replicas: 1)
        d.spec.template.spec.containers[0].requests = ResourceAmounts(cpuMillis: 6000)
        try cluster.store.create(d)
        cluster.advance(by: .seconds(5))
        let message = try #require(cluster.events(reason: "FailedScheduling").first?.message)
        #expect(message == "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.")
    }

    /// Default topology spreading counts only pods that are not terminating (podtopologyspread
    /// countPodsMatchSelector), so a killed pod's replacement goes back to the node it left.
    @Test func killedPodsReplacementLandsOnTheFreedNode() throws {
        for seed in UInt64(1)...20 {
            let cluster = Cluster(seed: seed)
            try cluster.store.create(makeDeployment("web", replicas: 3))
            #expect(cluster.settle(app: "web", count: 3), "seed \(seed)")
            let before = cluster.pods(app: "web").sorted { $0.name < $1.name }
            #expect(Set(before.map(\.spec.nodeName)).count == 3, "seed \(seed): one pod per node")
            let victim = before[Int(seed) % 3]
            try cluster.store.delete(Pod.self, victim.name, namespace: "default")
            let placed = cluster.advance(until: {
                cluster.pods(app: "web").contains { !before.map(\.name).contains($0.name) && $0.isScheduled }
            }, timeout: .seconds(30))
            #expect(placed, "seed \(seed)")
            // The victim is still Terminating on its node while the replacement is placed.
            #expect(cluster.store.get(Pod.self, victim.name, namespace: "default")?.isTerminating == true, "seed \(seed)")
            let replacement = try #require(cluster.pods(app: "web").first { !before.map(\.name).contains($0.name) })
            #expect(replacement.spec.nodeName == victim.spec.nodeName, "seed \(seed)")
        }
    }

    /// The second default constraint spreads over zones (maxSkew 5): with three nodes in one zone
    /// and one in another, two replicas land in different zones, whichever node the first takes.
    @Test func replicasSpreadOverZonesToo() throws {
        for seed in UInt64(1)...10 {
            let cluster = Cluster(seed: seed, nodes: 4)
            for (node, zone) in [("node-1", "a"), ("node-2", "a"), ("node-3", "a"), ("node-4", "b")] {
                try cluster.store.modify(Node.self, node) { $0.metadata.labels["topology.kubernetes.io/zone"] = zone }
            }
            try cluster.store.create(makeDeployment("web", replicas: 2))
            #expect(cluster.settle(app: "web", count: 2), "seed \(seed)")
            let nodes = Set(cluster.pods(app: "web").map(\.spec.nodeName))
            #expect(nodes.count == 2 && nodes.contains("node-4"), "seed \(seed): \(nodes.sorted())")
        }
    }

    /// Filters run in the default plugin order (NodeUnschedulable, NodeName, TaintToleration,
    /// NodeAffinity, NodePorts, NodeResourcesFit) and a node is counted under the first one
    /// that rejects it; the reasons are sorted as strings (FitError.Error, sort.Strings).
    @Test func eachNodeCountsUnderTheFirstFilterInPluginOrder() throws {
        let cluster = Cluster(seed: 4)
        // node-1: cordoned, and too small. node-2: tainted, and without the label the pod selects
        // (TaintToleration runs before NodeAffinity). node-3: only too small.
        try cluster.store.modify(Node.self, "node-1") { $0.spec.unschedulable = true; $0.metadata.labels["disk"] = "ssd" }
        try cluster.store.modify(Node.self, "node-2") { $0.spec.taints.append(Taint(key: "dedicated", value: "gpu", effect: "NoSchedule")) }
        try cluster.store.modify(Node.self, "node-3") { $0.metadata.labels["disk"] = "ssd" }
        var d = makeDeployment("big", replicas: 1)
        d.spec.template.spec.containers[0].requests = ResourceAmounts(cpuMillis: 6000)
        d.spec.template.spec.nodeSelector = ["disk": "ssd"]
        try cluster.store.create(d)
        cluster.advance(by: .seconds(5))
        let message = try #require(cluster.events(reason: "FailedScheduling").first?.message)
        #expect(message == "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.")
    }

    /// Labelling a node is a node update that can make a Pending pod fit: the scheduler tries
    /// its unschedulable pods again at once, not at the next periodic flush.
    @Test func labellingANodeSchedulesThePodWaitingForTheLabel() throws {
        let cluster = Cluster(seed: 4)
        var d = makeDeployment("fast", replicas: 1)
        d.spec.template.spec.nodeSelector = ["disk": "nvme"]
        try cluster.store.create(d)
        cluster.advance(by: .seconds(5))
        #expect(cluster.pods(app: "fast").allSatisfy { !$0.isScheduled })
        #expect(cluster.events(reason: "FailedScheduling").count == 1)
        // A write that changes nothing a pod could fit by (an annotation): no retry, no second failure.
        try cluster.store.modify(Node.self, "node-2") { $0.metadata.annotations["note"] = "seen" }
        cluster.advance(by: .seconds(1))
        #expect(cluster.pods(app: "fast").allSatisfy { !$0.isScheduled })
        #expect(cluster.events(reason: "FailedScheduling").first?.count == 1)
        try cluster.store.modify(Node.self, "node-2") { $0.metadata.labels["disk"] = "nvme" }
        cluster.advance(by: .seconds(1))
        #expect(cluster.pods(app: "fast").map(\.spec.nodeName) == ["node-2"])
    }

    @Test func eachPodIsScoredAgainstTheSampleNotEveryNodeAndPodsStillSpread() {
        let large = Cluster(seed: 1, pace: .realistic, nodes: 1000)
        _ = try? large.store.create(makeDeployment("web", replicas: 60))
        large.advance(by: .seconds(5))
        let scheduled = large.store.list(Pod.self).filter(\.isScheduled)
        #expect(scheduled.count == 60)
        #expect(large.scheduling.cycles == 60)
        // 1,000 nodes: 50% less 1% per 125 nodes = 42%, so 420 nodes scored for each pod.
        #expect(large.scheduling.nodesScored == 60 * 420)
        #expect(Set(scheduled.map(\.spec.nodeName)).count == 60, "one pod a node while nodes are empty")

        let small = Cluster(seed: 1, pace: .realistic, nodes: 50)
        _ = try? small.store.create(makeDeployment("web", replicas: 10))
        small.advance(by: .seconds(5))
        #expect(small.scheduling.nodesScored == 10 * 50, "under 100 nodes every node is scored")
    }

    @Test func feasibleNodeSamplingFollowsTheScheduler() {
        #expect(KubeScheduler.feasibleNodesToFind(50) == 50)
        #expect(KubeScheduler.feasibleNodesToFind(1000) == 420)
        #expect(KubeScheduler.feasibleNodesToFind(5000) == 500)
        #expect(KubeScheduler.feasibleNodesToFind(150) == 100)
    }

    /// NodeResourcesFit's LeastAllocated and NodeResourcesBalancedAllocation as upstream scores
    /// them: LeastAllocated from the non-zero requests, BalancedAllocation from the real ones
    /// (skipped for a pod that asks for neither CPU nor memory); an over-full node's fraction
    /// counts as 1, and a resource the node offers none of is left out of both plugins.
    @Test func resourceScoresFollowUpstreamsTwoPlugins() {
        let gi: Int64 = 1 << 30
        func node(cpu: Int64, memory: Int64, usedCPU: Int64, usedMemory: Int64, realCPU: Int64? = nil, realMemory: Int64? = nil) -> SchedulerCache.Amounts {
            var amounts = SchedulerCache.Amounts()
            amounts.allocatable = ResourceAmounts(cpuMillis: cpu, memoryBytes: memory)
            amounts.add(ResourceAmounts(cpuMillis: realCPU ?? usedCPU, memoryBytes: realMemory ?? usedMemory),
                        scoring: ResourceAmounts(cpuMillis: usedCPU, memoryBytes: usedMemory))
            return amounts
        }
        let asked = ResourceAmounts(cpuMillis: 100, memoryBytes: gi / 4)
        let want = ResourceScores.Want(nonZero: asked, requested: asked)
        // Half of each in use with the pod: free 50 and 50, fractions equal.
        #expect(ResourceScores.compute(want, node(cpu: 1000, memory: gi, usedCPU: 400, usedMemory: gi / 4)) == 50 + 100)
        // CPU three times over: no CPU free, its fraction 1 against memory's 0.5 → 100 × (1 − 0.25).
        #expect(ResourceScores.compute(want, node(cpu: 1000, memory: gi, usedCPU: 2900, usedMemory: gi / 4)) == 25 + 75)
        // No CPU to offer: memory alone, half free, and no deviation.
        #expect(ResourceScores.compute(want, node(cpu: 0, memory: gi, usedCPU: 0, usedMemory: gi / 4)) == 50 + 100)
        // Neither: nothing free counts, nothing deviates.
        #expect(ResourceScores.compute(want, node(cpu: 0, memory: 0, usedCPU: 0, usedMemory: 0)) == 0 + 100)
        // The balance reads the real requests: the node's pods ask for 400m and no memory, so
        // with this pod CPU is at half and memory at a quarter → 100 × (1 − 0.125), truncated.
        #expect(ResourceScores.compute(want, node(cpu: 1000, memory: gi, usedCPU: 400, usedMemory: gi / 4, realMemory: 0)) == 50 + 87)
        // A pod that asks for nothing: LeastAllocated counts its defaults, the balance is skipped.
        let bestEffort = ResourceScores.Want(nonZero: asked, requested: ResourceAmounts(pods: 1))
        #expect(ResourceScores.compute(bestEffort, node(cpu: 1000, memory: gi, usedCPU: 400, usedMemory: gi / 4)) == 50)
    }

    /// Requests past Int64's range saturate a node's sums; taking the pods out again must bring
    /// them back to what is left, not below zero, or the next pod's scores overflow.
    @Test func aNodesSumsComeBackExactlyAfterPodsPastTheRangeLeave() throws {
        let huge = ResourceAmounts(cpuMillis: 5_000_000_000_000_000_000, pods: 1)
        var amounts = SchedulerCache.Amounts()
        amounts.add(huge, scoring: huge)
        amounts.add(huge, scoring: huge)
        #expect(amounts.requested.cpuMillis == .max && amounts.scoringRequested.cpuMillis == .max)
        amounts.subtract(huge, scoring: huge)
        #expect(amounts.requested == huge && amounts.scoringRequested == huge)
        amounts.subtract(huge, scoring: huge)
        #expect(amounts.requested == ResourceAmounts() && amounts.scoringRequested == ResourceAmounts())

        // The same through the cluster: two such pods bound to the node and deleted, then a plain one.
        let cluster = Cluster(seed: 3, nodes: 1)
        for name in ["big-1", "big-2"] {
            var pod = makeBarePod(name, image: "nginx", restartPolicy: "Never") { $0.requests = ResourceAmounts(cpuMillis: huge.cpuMillis) }
            pod.spec.nodeName = "node-1"
            try cluster.store.create(pod)
        }
        cluster.advance(by: .seconds(5))
        for name in ["big-1", "big-2"] { try cluster.store.delete(Pod.self, name, namespace: "default", gracePeriodSeconds: 0) }
        cluster.advance(by: .seconds(5))
        try cluster.store.create(makeBarePod("plain", image: "nginx", restartPolicy: "Never"))
        cluster.advance(by: .seconds(10))
        #expect(cluster.store.get(Pod.self, "plain", namespace: "default")?.spec.nodeName == "node-1")
    }
}
