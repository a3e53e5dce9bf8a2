import Testing
@testable import Cluster

@Suite struct NodeLifecycleTests {
    @Test func failedNodeGoesNotReadyAndItsPodsAreReplacedAfterTheToleration() throws {
        let pace = Pace.demo
        let cluster = Cluster(seed: 21, pace: pace)
        try cluster.store.create(makeDeployment("web", replicas: 3))
        #expect(cluster.settle(app: "web", count: 3))
        let lost = cluster.pods(app: "web").filter { $0.spec.nodeName == "node-2" }
        #expect(lost.count == 1)

        try cluster.failNode("node-2")
        let failedAt = cluster.now
        // Still Ready inside the grace period.
        cluster.advance(by: .seconds(pace.nodeMonitorGracePeriod.seconds - 2))
        #expect(cluster.store.get(Node.self, "node-2")!.isReady)
        // NotReady (Unknown) once the lease is older than the grace period.
        #expect(cluster.advance(until: { !cluster.store.get(Node.self, "node-2")!.isReady }, timeout: .seconds(10)))
        let node = cluster.store.get(Node.self, "node-2")!
        #expect(node.status.condition("Ready")?.status == "Unknown")
        #expect(node.spec.taints.contains { $0.key == Taint.unreachableKey && $0.effect == "NoExecute" })
        let notReadyAt = cluster.now
        // The grace period counts from the last lease renewal, which came before the failure.
        let lastRenewal = cluster.store.get(Lease.self, "node-2", namespace: "kube-node-lease")!.renewTime
        #expect(lastRenewal <= failedAt)
        #expect(notReadyAt - lastRenewal >= pace.nodeMonitorGracePeriod)
        #expect(notReadyAt - lastRenewal <= pace.nodeMonitorGracePeriod + pace.nodeMonitorPeriod)
        #expect(cluster.store.get(Pod.self, lost[0].name, namespace: "default")?.isReady == false)

        // After the toleration the pod is evicted and replaced on another node.
        #expect(cluster.advance(until: { cluster.runningReadyPods(app: "web").filter { $0.spec.nodeName != "node-2" }.count == 3 }, timeout: .seconds(60)))
        let evicted = try #require(cluster.store.get(Pod.self, lost[0].name, namespace: "default"))
        #expect(evicted.isTerminating)
        #expect(evicted.status.reason.isEmpty) // nothing in 1.33 sets NodeLost
        #expect(evicted.status.condition("DisruptionTarget")?.reason == "DeletionByTaintManager")
        let eviction = try #require(cluster.events(reason: "TaintManagerEviction").first)
        #expect(eviction.message == "Marking for deletion Pod default/\(lost[0].name)")
        #expect(eviction.firstTimestamp! - notReadyAt >= .seconds(Double(pace.defaultTolerationSeconds)))

        // The chain happens in order: node lost → eviction → replacement created → scheduled → started.
        let nodeNotReady = cluster.events(reason: "NodeNotReady").first { $0.involvedObject.kind == "Node" }!
        let replacement = cluster.events(reason: "SuccessfulCreate").last!
        let newPod = String(replacement.message.dropFirst("Created pod: ".count))
        let scheduled = cluster.events(reason: "Scheduled").first { $0.involvedObject.name == newPod }!
        let started = cluster.events(reason: "Started").first { $0.involvedObject.name == newPod }!
        #expect(nodeNotReady.firstTimestamp! < eviction.firstTimestamp!)
        #expect(eviction.firstTimestamp! <= replacement.firstTimestamp!)
        // Event times are whole seconds, so steps within one second share a timestamp.
        #expect(replacement.firstTimestamp! <= scheduled.firstTimestamp!)
        #expect(scheduled.firstTimestamp! <= started.firstTimestamp!)
        #expect(!scheduled.message.hasSuffix("node-2"))

        // Recovery: Ready again, taints lifted, the evicted pod finally goes.
        try cluster.recoverNode("node-2")
        #expect(cluster.advance(until: { cluster.store.get(Node.self, "node-2")!.isReady }, timeout: .seconds(10)))
        #expect(cluster.store.get(Node.self, "node-2")!.spec.taints.isEmpty)
        #expect(cluster.advance(until: { cluster.store.get(Pod.self, lost[0].name, namespace: "default") == nil }, timeout: .seconds(30)))
        #expect(cluster.events(reason: "NodeReady").contains { $0.involvedObject.name == "node-2" })
    }

    /// A DaemonSet pod tolerates an unreachable node and stays bound to it; the node lifecycle
    /// controller marks it not ready while the node is gone. When the node answers again its
    /// kubelet puts Ready back (its containers never stopped), as the status manager does.
    @Test func podsMarkedNotReadyOnAFailedNodeAreReadyAgainWhenItReturns() throws {
        let cluster = Cluster(seed: 1)
        try SystemComponents.install(into: cluster)
        func proxy() -> Pod? { cluster.store.list(Pod.self, namespace: "kube-system").first { $0.spec.nodeName == "node-1" && $0.name.hasPrefix("kube-proxy-") } }
        #expect(cluster.advance(until: { proxy()?.isReady == true }, timeout: .seconds(60)))
        let name = try #require(proxy()?.name)
        try cluster.failNode("node-1")
        #expect(cluster.advance(until: { proxy()?.isReady == false }, timeout: .seconds(120)))
        cluster.advance(by: .seconds(100))
        #expect(proxy()?.name == name, "the pod stays on its node")
        try cluster.recoverNode("node-1")
        #expect(cluster.advance(until: { proxy()?.isReady == true }, timeout: .seconds(30)))
        let pod = try #require(proxy())
        #expect(pod.name == name)
        #expect(pod.status.condition("Ready")?.status == "True" && pod.status.condition("ContainersReady")?.status == "True")
    }

    @Test func kubeletRepostsNodeStatusSoHeartbeatsAdvance() throws {
        let cluster = Cluster(seed: 1, pace: .realistic)
        let start = cluster.store.get(Node.self, "node-1")!.status.condition("Ready")!
        cluster.advance(by: .seconds(301))
        let later = cluster.store.get(Node.self, "node-1")!.status.condition("Ready")!
        #expect(later.lastHeartbeatTime == SimTime(milliseconds: 300_000))
        #expect(later.lastTransitionTime == start.lastTransitionTime)
        // A failed node stops reporting; its heartbeat stays where it was.
        try cluster.failNode("node-2")
        cluster.advance(by: .seconds(600))
        let lost = cluster.store.get(Node.self, "node-2")!.status.condition("Ready")!
        #expect(lost.status == "Unknown")
        #expect(lost.lastHeartbeatTime == SimTime(milliseconds: 300_000))
    }

    @Test func realisticPaceUsesKubernetesDefaults() throws {
        let cluster = Cluster(seed: 1, pace: .realistic)
        try cluster.failNode("node-1")
        cluster.advance(by: .seconds(45))
        #expect(cluster.store.get(Node.self, "node-1")!.isReady)
        cluster.advance(by: .seconds(20))
        #expect(!cluster.store.get(Node.self, "node-1")!.isReady)
    }

    @Test func addedNodeRegistersNotReadyThenBecomesReady() throws {
        let cluster = Cluster(seed: 1)
        let node = try cluster.addNode(capacity: ResourceAmounts(cpuMillis: 2000, memoryBytes: 4 << 30, pods: 110))
        #expect(node.name == "node-4")
        #expect(!node.isReady)
        #expect(cluster.advance(until: { cluster.store.get(Node.self, "node-4")!.isReady }, timeout: .seconds(10)))
    }
}
