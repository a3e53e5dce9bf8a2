import Testing
@testable import Cluster

/// A DaemonSet as a `kubectl apply -f` of a minimal manifest builds it.
func makeDaemonSet(_ name: String, image: String = "fluent/fluent-bit:3.1", nodeSelector: [String: String] = [:]) -> DaemonSet {
    let labels = ["app": name]
    var spec = PodSpec(containers: [Container(name: name, image: image)])
    spec.nodeSelector = nodeSelector
    return DaemonSet(metadata: ObjectMeta(name: name, labels: labels),
                     spec: DaemonSetSpec(selector: LabelSelector(matchLabels: labels), template: PodTemplate(labels: labels, spec: spec)))
}

@Suite struct DaemonSetControllerTests {
    /// Live daemon pods of `app`, by the node each is bound to.
    func podsByNode(_ cluster: Cluster, app: String) -> [String: [Pod]] {
        Dictionary(grouping: cluster.pods(app: app).filter { !$0.isTerminating }, by: \.spec.nodeName)
    }

    @Test func onePodPerNodeOwnedPinnedAndCounted() throws {
        let cluster = Cluster(seed: 3)
        let ds = try cluster.store.create(makeDaemonSet("agent"))
        #expect(cluster.settle(app: "agent", count: 3))
        let byNode = podsByNode(cluster, app: "agent")
        #expect(byNode.keys.sorted() == ["node-1", "node-2", "node-3"])
        for (node, pods) in byNode {
            #expect(pods.count == 1)
            let pod = pods[0]
            #expect(pod.name.wholeMatch(of: try Regex("agent-\(nameAlphabet){5}")) != nil)
            let owner = try #require(pod.metadata.controllerRef)
            #expect(owner.kind == "DaemonSet" && owner.name == "agent" && owner.uid == ds.metadata.uid && owner.controller)
            // Pinned by node affinity and bound by the scheduler, as upstream since 1.12.
            #expect(pod.spec.nodeAffinity == NodeAffinity.pinned(to: node))
            #expect(cluster.events(reason: "Scheduled").contains { $0.involvedObject.name == pod.name && $0.sourceComponent == "default-scheduler" && $0.message.hasSuffix("to \(node)") })
            #expect(pod.metadata.labels["controller-revision-hash"] == TemplateHash.compute(ds.spec.template))
            #expect(pod.metadata.labels["pod-template-generation"] == "1")
        }
        let created = cluster.events(reason: "SuccessfulCreate").filter { $0.involvedObject.kind == "DaemonSet" }
        #expect(Set(created.map(\.message)) == Set(cluster.pods(app: "agent").map { "Created pod: \($0.name)" }))
        #expect(created.allSatisfy { $0.sourceComponent == "daemonset-controller" })
        cluster.advance(by: .seconds(1))
        let status = cluster.store.get(DaemonSet.self, "agent", namespace: "default")!.status
        #expect(status.desiredNumberScheduled == 3 && status.currentNumberScheduled == 3 && status.numberReady == 3)
        #expect(status.numberAvailable == 3 && status.updatedNumberScheduled == 3 && status.numberMisscheduled == 0)
        #expect(status.numberUnavailable == 0 && status.observedGeneration == 1)
    }

    @Test func daemonPodsCarryUpstreamTolerationsWithoutSeconds() throws {
        let cluster = Cluster(seed: 3)
        try cluster.store.create(makeDaemonSet("agent"))
        #expect(cluster.settle(app: "agent", count: 3))
        let pod = cluster.pods(app: "agent")[0]
        for (key, effect) in [("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"),
                              ("node.kubernetes.io/disk-pressure", "NoSchedule"), ("node.kubernetes.io/memory-pressure", "NoSchedule"),
                              ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule")] {
            let matching = pod.spec.tolerations.filter { $0.key == key && $0.effect == effect }
            #expect(matching.count == 1, "\(key):\(effect)")
            #expect(matching.first?.operator == "Exists" && matching.first?.tolerationSeconds == nil, "\(key):\(effect)")
        }
    }

    @Test func aNodeThatJoinsGetsADaemonPodOnceReady() throws {
        let cluster = Cluster(seed: 5)
        try cluster.store.create(makeDaemonSet("agent"))
        #expect(cluster.settle(app: "agent", count: 3))
        try cluster.addNode(name: "node-4", ready: false)
        // Registering NotReady, it carries not-ready:NoSchedule, which daemon pods do not tolerate.
        cluster.advance(by: .milliseconds(500))
        #expect(podsByNode(cluster, app: "agent")["node-4"] == nil)
        #expect(cluster.settle(app: "agent", count: 4))
        #expect(podsByNode(cluster, app: "agent")["node-4"]?.count == 1)
        cluster.advance(by: .seconds(1))
        #expect(cluster.store.get(DaemonSet.self, "agent", namespace: "default")!.status.desiredNumberScheduled == 4)
    }

    @Test func aFailedNodeKeepsItsDaemonPodWhileOtherPodsAreEvicted() throws {
        let cluster = Cluster(seed: 7)
        try cluster.store.create(makeDaemonSet("agent"))
        try cluster.store.create(makeDeployment("web", replicas: 3))
        #expect(cluster.settle(app: "agent", count: 3))
        #expect(cluster.settle(app: "web", count: 3))
        let daemonPod = try #require(podsByNode(cluster, app: "agent")["node-2"]?.first)
        let webPods = cluster.pods(app: "web").filter { $0.spec.nodeName == "node-2" }

        try cluster.failNode("node-2")
        // Well past the node grace period and the web pods' toleration: they are evicted.
        cluster.advance(by: .seconds(90))
        #expect(webPods.allSatisfy { cluster.store.get(Pod.self, $0.name, namespace: "default")?.isTerminating ?? true })
        let kept = try #require(cluster.store.get(Pod.self, daemonPod.name, namespace: "default"))
        #expect(!kept.isTerminating)
        #expect(kept.spec.nodeName == "node-2")
        #expect(cluster.pods(app: "agent").count == 3)
        // unreachable:NoSchedule is not tolerated: the node no longer counts as desired, and its
        // pod, still running there, counts as misscheduled (updateDaemonSetStatus).
        let status = cluster.store.get(DaemonSet.self, "agent", namespace: "default")!.status
        #expect(status.desiredNumberScheduled == 2)
        #expect(status.numberMisscheduled == 1)
    }

    @Test func aCordonedNodeKeepsItsDaemonPod() throws {
        let cluster = Cluster(seed: 9)
        try cluster.store.create(makeDaemonSet("agent"))
        #expect(cluster.settle(app: "agent", count: 3))
        let before = Set(cluster.pods(app: "agent").map(\.name))
        try cluster.store.modify(Node.self, "node-1") { $0.spec.unschedulable = true }
        cluster.advance(by: .seconds(10))
        #expect(Set(cluster.runningReadyPods(app: "agent").map(\.name)) == before)
        #expect(cluster.store.get(DaemonSet.self, "agent", namespace: "default")!.status.desiredNumberScheduled == 3)
    }

    @Test func nodeSelectorChoosesNodesAndFollowsLabelChanges() throws {
        let cluster = Cluster(seed: 11)
        try cluster.store.modify(Node.self, "node-2") { $0.metadata.labels["disktype"] = "ssd" }
        try cluster.store.create(makeDaemonSet("agent", nodeSelector: ["disktype": "ssd"]))
        #expect(cluster.settle(app: "agent", count: 1))
        #expect(podsByNode(cluster, app: "agent").keys.sorted() == ["node-2"])

        try cluster.store.modify(Node.self, "node-3") { $0.metadata.labels["disktype"] = "ssd" }
        #expect(cluster.settle(app: "agent", count: 2))
        #expect(podsByNode(cluster, app: "agent").keys.sorted() == ["node-2", "node-3"])

        try cluster.store.modify(Node.self, "node-2") { $0.metadata.labels["disktype"] = nil }
        #expect(cluster.settle(app: "agent", count: 1))
        #expect(podsByNode(cluster, app: "agent").keys.sorted() == ["node-3"])
        #expect(cluster.events(reason: "SuccessfulDelete").contains { $0.involvedObject.kind == "DaemonSet" })
    }

    @Test func deletingTheDaemonSetDeletesItsPods() throws {
        let cluster = Cluster(seed: 13)
        try cluster.store.create(makeDaemonSet("agent"))
        #expect(cluster.settle(app: "agent", count: 3))
        try cluster.store.delete(DaemonSet.self, "agent", namespace: "default")
        #expect(cluster.advance(until: { cluster.pods(app: "agent").isEmpty }, timeout: .seconds(60)))
    }

    @Test func aTemplateChangeRollsOnePodAtATime() throws {
        let cluster = Cluster(seed: 15)
        try cluster.store.create(makeDaemonSet("agent", image: "fluent/fluent-bit:3.1"))
        #expect(cluster.settle(app: "agent", count: 3))
        try cluster.store.modify(DaemonSet.self, "agent", namespace: "default") { $0.spec.template.spec.containers[0].image = "fluent/fluent-bit:3.2" }
        #expect(cluster.store.get(DaemonSet.self, "agent", namespace: "default")!.metadata.annotations["deprecated.daemonset.template.generation"] == "2")
        var mostTerminating = 0
        let done = cluster.advance(until: {
            mostTerminating = max(mostTerminating, cluster.pods(app: "agent").filter(\.isTerminating).count)
            let live = cluster.runningReadyPods(app: "agent")
            return cluster.pods(app: "agent").count == 3 && live.count == 3 && live.allSatisfy { $0.spec.containers[0].image == "fluent/fluent-bit:3.2" }
        }, timeout: .seconds(180))
        #expect(done)
        // maxUnavailable 1: never more than one old pod going at once.
        #expect(mostTerminating == 1)
        #expect(cluster.pods(app: "agent").allSatisfy { $0.metadata.labels["pod-template-generation"] == "2" })
        cluster.advance(by: .seconds(1))
        let status = cluster.store.get(DaemonSet.self, "agent", namespace: "default")!.status
        #expect(status.updatedNumberScheduled == 3 && status.observedGeneration == 2)
    }

    @Test func systemComponentsRunKubeProxyOnEveryNodeAndTwoCoreDNSPods() throws {
        let cluster = Cluster(seed: 17)
        try SystemComponents.install(into: cluster)
        let proxies = { cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["k8s-app": "kube-proxy"])) }
        let dns = { cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"])) }
        #expect(cluster.advance(until: {
            proxies().filter(\.isReady).count == 3 && dns().filter(\.isReady).count == 2
        }, timeout: .seconds(120)))
        #expect(Set(proxies().map(\.spec.nodeName)) == ["node-1", "node-2", "node-3"])
        #expect((proxies() + dns()).allSatisfy { $0.metadata.namespace == "kube-system" })
        #expect(proxies().allSatisfy { $0.spec.containers[0].image == "registry.k8s.io/kube-proxy:v1.33.0" })
        #expect(dns().allSatisfy { $0.spec.containers[0].image == "registry.k8s.io/coredns/coredns:v1.12.0" })
        #expect(dns().allSatisfy { $0.spec.containers[0].requests == ResourceAmounts(cpuMillis: 100, memoryBytes: 70 << 20) })
        #expect(dns().allSatisfy { $0.status.qosClass == "Burstable" })

        // kube-proxy tolerates everything, so a joining node gets one before it is Ready.
        try cluster.addNode(name: "node-4", ready: false)
        #expect(cluster.advance(until: { proxies().contains { $0.spec.nodeName == "node-4" } }, timeout: .seconds(1)))
        #expect(cluster.store.get(Node.self, "node-4")?.isReady == false)
    }

    @Test func aFailedDaemonPodIsDeletedAndReplacedOnItsNode() throws {
        let cluster = Cluster(seed: 19)
        try cluster.store.create(makeDaemonSet("agent"))
        #expect(cluster.settle(app: "agent", count: 3))
        let failed = try #require(podsByNode(cluster, app: "agent")["node-1"]?.first)
        try cluster.store.modify(Pod.self, failed.name, namespace: "default") { $0.status.phase = "Failed" }
        #expect(cluster.advance(until: {
            let onNode = self.podsByNode(cluster, app: "agent")["node-1"] ?? []
            return onNode.count == 1 && onNode[0].name != failed.name && onNode[0].isReady
        }, timeout: .seconds(60)))
        let warning = try #require(cluster.events(reason: "FailedDaemonPod").first)
        #expect(warning.type == "Warning")
        #expect(warning.message == "Found failed daemon pod default/\(failed.name) on node node-1, will try to kill it")
    }
}
