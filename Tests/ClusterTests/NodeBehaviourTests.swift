import Testing
@testable import Cluster

/// What a node does as Kubernetes 1.33 does it: readiness, images, pod IPs, schedulability
/// events, the node controller's taints and the API's whole-second times.
@Suite struct NodeBehaviourTests {
    @Test func aContainerWithoutAProbeIsReadyOnItsFirstRunningStatus() throws {
        let cluster = Cluster(seed: 3)
        var runningButNotReady: [String] = []
        cluster.store.watch { event in
            guard event.kind == .pod, let pod = event.object as? Pod, pod.status.phase == "Running" else { return }
            if !pod.status.containerStatuses.allSatisfy(\.ready) || !pod.isReady { runningButNotReady.append(pod.name) }
        }
        try cluster.store.create(makeDeployment("web", image: "nginx:1.27", replicas: 3))
        #expect(cluster.settle(app: "web", count: 3))
        #expect(runningButNotReady.isEmpty)
        let pod = try #require(cluster.pods(app: "web").first)
        // Running and Ready are one status write: the same second.
        guard case .running(let startedAt) = pod.status.containerStatuses[0].state else { Issue.record("not running"); return }
        #expect(pod.status.condition("Ready")?.lastTransitionTime == startedAt)
    }

    /// One node, so the replacement of a deleted pod starts where its image already is.
    private func restartOnOneNode(image: String) throws -> (first: [Event], second: [Event]) {
        let cluster = Cluster(seed: 5, nodes: 1)
        try cluster.store.create(makeDeployment("web", image: image))
        #expect(cluster.settle(app: "web", count: 1))
        let first = try #require(cluster.pods(app: "web").first)
        try cluster.store.delete(Pod.self, first.name, namespace: "default")
        #expect(cluster.advance(until: { cluster.runningReadyPods(app: "web").contains { $0.name != first.name } }, timeout: .seconds(60)))
        let second = try #require(cluster.runningReadyPods(app: "web").first { $0.name != first.name })
        let about = { (pod: Pod) in cluster.store.events(about: pod.metadata.uid).filter { $0.reason.hasPrefix("Pull") }.sorted { $0.name < $1.name } }
        return (about(first), about(second))
    }

    @Test func aTaggedImageIsPulledOncePerNodeThenFoundPresent() throws {
        let (first, second) = try restartOnOneNode(image: "nginx:1.27")
        #expect(first.map(\.reason) == ["Pulling", "Pulled"])
        #expect(first.last?.message.hasPrefix("Successfully pulled image \"nginx:1.27\" in ") == true)
        #expect(second.map(\.reason) == ["Pulled"])
        #expect(second.first?.message == "Container image \"nginx:1.27\" already present on machine")
    }

    @Test func latestAndUntaggedImagesArePulledOnEveryStartAtOneSize() throws {
        for image in ["nginx:latest", "nginx"] {
            let (first, second) = try restartOnOneNode(image: image)
            #expect(first.map(\.reason) == ["Pulling", "Pulled"])
            #expect(second.map(\.reason) == ["Pulling", "Pulled"])
            let sizes = (first + second).filter { $0.reason == "Pulled" }.map { $0.message.split(separator: "Image size: ").last.map(String.init) }
            #expect(sizes.count == 2 && sizes[0] == sizes[1])
            // `Successfully pulled image "X" in D (D including waiting). Image size: N bytes.`
            let message = try #require(second.last?.message)
            let pattern = #/Successfully pulled image "(.+)" in ([0-9.]+m?s) \(([0-9.]+m?s) including waiting\)\. Image size: ([0-9]+) bytes\./#
            let match = try #require(message.wholeMatch(of: pattern))
            #expect(match.1 == image[...] && match.2 == match.3)
        }
    }

    @Test func anImageHasOneSizeInEveryClusterOfTheSameSeed() {
        #expect(ImageRegistry(seed: 1).size(of: "nginx:1.27") == ImageRegistry(seed: 1).size(of: "nginx:1.27"))
        #expect(ImageRegistry(seed: 1).size(of: "nginx:1.27") != ImageRegistry(seed: 1).size(of: "redis:7"))
    }

    @Test func podIPsComeInTurnFromTheNodesPodCIDRAndSkipAddressesInUse() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        let cidr = try #require(cluster.store.get(Node.self, "node-1")?.spec.podCIDR)
        #expect(cidr == "10.244.1.0/24")
        func startPod(_ name: String) throws -> String {
            var pod = Pod(metadata: ObjectMeta(name: name), spec: PodSpec(containers: [Container(name: "c", image: "nginx:1.27")]))
            pod.spec.nodeName = "node-1"
            try cluster.store.create(pod)
            #expect(cluster.advance(until: { !(cluster.store.get(Pod.self, name, namespace: "default")?.status.podIP.isEmpty ?? true) }, timeout: .seconds(10)))
            return cluster.store.get(Pod.self, name, namespace: "default")!.status.podIP
        }
        #expect(try startPod("keeper") == "10.244.1.2")
        #expect(try startPod("p0") == "10.244.1.3")
        try cluster.store.delete(Pod.self, "p0", namespace: "default", gracePeriodSeconds: 0)
        // A freed address is not handed out again at once: allocation goes on after the last one.
        #expect(try startPod("p1") == "10.244.1.4")
        // Round the range: .2 is still the keeper's, so the allocator wraps to .3.
        var last = ""
        for i in 2...252 {
            try cluster.store.delete(Pod.self, "p\(i - 1)", namespace: "default", gracePeriodSeconds: 0)
            last = try startPod("p\(i)")
        }
        #expect(last == "10.244.1.3")
        #expect(cluster.store.get(Pod.self, "keeper", namespace: "default")?.status.podIP == "10.244.1.2")
    }

    @Test func theKubeletRecordsCordonAndUncordonAsSchedulability() throws {
        let cluster = Cluster(seed: 1)
        try cluster.store.modify(Node.self, "node-1") { $0.spec.unschedulable = true }
        cluster.advance(by: cluster.pace.leaseRenewInterval + .seconds(1))
        let cordoned = cluster.events(reason: "NodeNotSchedulable")
        #expect(cordoned.map(\.message) == ["Node node-1 status is now: NodeNotSchedulable"])
        #expect(cordoned.first?.source == "kubelet, node-1")
        try cluster.store.modify(Node.self, "node-1") { $0.spec.unschedulable = false }
        cluster.advance(by: cluster.pace.leaseRenewInterval + .seconds(1))
        #expect(cluster.events(reason: "NodeSchedulable").map(\.message) == ["Node node-1 status is now: NodeSchedulable"])
        // A failed node's kubelet records nothing.
        try cluster.failNode("node-2")
        try cluster.store.modify(Node.self, "node-2") { $0.spec.unschedulable = true }
        cluster.advance(by: cluster.pace.leaseRenewInterval * 2)
        #expect(!cluster.events(reason: "NodeNotSchedulable").contains { $0.involvedObject.name == "node-2" })
    }

    @Test func theNodeControllerStampsItsTaintsWithTheSecondItAddedThem() throws {
        let cluster = Cluster(seed: 1)
        try cluster.failNode("node-2")
        #expect(cluster.advance(until: { !cluster.store.get(Node.self, "node-2")!.isReady }, timeout: .seconds(30)))
        let taints = cluster.store.get(Node.self, "node-2")!.spec.taints
        #expect(taints.map(\.description) == ["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"])
        #expect(taints.allSatisfy { $0.timeAdded == cluster.now.wholeSecond })
    }

    @Test func apiTimesAreWholeSecondsSoObjectsOfOneSecondShareTheirAge() throws {
        let cluster = Cluster(seed: 1)
        cluster.advance(by: .milliseconds(100))
        try cluster.store.create(makeDeployment("a"))
        cluster.advance(by: .milliseconds(800))
        try cluster.store.create(makeDeployment("b"))
        let a = cluster.store.get(Deployment.self, "a", namespace: "default")!, b = cluster.store.get(Deployment.self, "b", namespace: "default")!
        #expect(a.metadata.creationTimestamp == SimTime.zero && b.metadata.creationTimestamp == SimTime.zero)
        #expect(cluster.settle(app: "a", count: 1) && cluster.settle(app: "b", count: 1))
        let pod = try #require(cluster.pods(app: "a").first)
        var times = [pod.metadata.creationTimestamp] + pod.status.conditions.map(\.lastTransitionTime)
        times += cluster.store.list(Event.self).flatMap { [$0.firstTimestamp!, $0.lastTimestamp!, $0.metadata.creationTimestamp] }
        #expect(times.allSatisfy { $0.milliseconds % 1000 == 0 })
    }
}
