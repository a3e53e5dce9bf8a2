import Testing
@testable import Cluster

/// The disruption controller's arithmetic and status (pkg/controller/disruption) and the
/// eviction API's budget check (pkg/registry/core/pod/storage/eviction.go).
@Suite struct DisruptionBudgetTests {
    static func budget(_ name: String = "web", min: String? = nil, max: String? = nil, app: String = "web") -> PodDisruptionBudget {
        PodDisruptionBudget(metadata: ObjectMeta(name: name),
                            spec: PodDisruptionBudgetSpec(minAvailable: min, maxUnavailable: max, selector: LabelSelector(matchLabels: ["app": app])))
    }

    static func pod(_ name: String, owner: String?) -> Pod {
        var pod = Pod(metadata: ObjectMeta(name: name, labels: ["app": "web"]), spec: PodSpec(containers: [Container(name: "c", image: "nginx")]))
        if let owner { pod.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: owner)] }
        return pod
    }

    /// Rules from getExpectedPodCount: an integer minAvailable counts the matching pods; a
    /// percentage, and maxUnavailable, are of the controllers' replicas, rounded up.
    @Test(arguments: [
        // (minAvailable, maxUnavailable, pods, controller replicas, expectedPods, desiredHealthy)
        ("2", nil, 3, 3, 3, 2),
        ("2", nil, 3, 7, 3, 2),          // integer: the pods found, not the scale
        ("50%", nil, 3, 5, 5, 3),        // 2.5 rounds up
        ("100%", nil, 2, 4, 4, 4),
        (nil, "1", 3, 4, 4, 3),
        (nil, "30%", 5, 5, 5, 3),        // 1.5 unavailable rounds up to 2
        (nil, "25%", 10, 10, 10, 7),     // 2.5 → 3
        (nil, "10", 4, 4, 4, 0),         // never below 0
        (nil, "0%", 4, 4, 4, 4),
    ] as [(String?, String?, Int, Int, Int, Int)])
    func expectedAndDesired(_ min: String?, _ max: String?, pods: Int, replicas: Int, expected: Int, desired: Int) throws {
        let members = (0..<pods).map { Self.pod("p\($0)", owner: "rs") }
        let result = try BudgetMath.expected(Self.budget(min: min, max: max), pods: members) { ref, _ in (ref.uid, replicas) }
        #expect(result.expectedPods == expected)
        #expect(result.desiredHealthy == desired)
        #expect(result.unmanagedPods.isEmpty)
    }

    @Test func eachControllerCountsOnceAndBarePodsAreLeftOut() throws {
        let members = [Self.pod("a", owner: "rs1"), Self.pod("b", owner: "rs1"), Self.pod("c", owner: "rs2"), Self.pod("bare", owner: nil)]
        let scales = ["rs1": 4, "rs2": 3]
        let result = try BudgetMath.expected(Self.budget(min: "50%"), pods: members) { ref, _ in (ref.uid, scales[ref.uid]!) }
        #expect(result.expectedPods == 7)
        #expect(result.desiredHealthy == 4)
        #expect(result.unmanagedPods == ["bare"])
        #expect(throws: BudgetMath.SyncError.self) {
            _ = try BudgetMath.expected(Self.budget(max: "1"), pods: members) { _, _ in nil }
        }
    }

    static func cluster(replicas: Int, nodes: Int = 3) -> Cluster {
        let cluster = Cluster(seed: 7, nodes: nodes)
        _ = try? cluster.store.create(makeDeployment("web", replicas: replicas))
        cluster.settle(app: "web", count: replicas)
        return cluster
    }

    static func status(_ cluster: Cluster, _ name: String = "web") -> PodDisruptionBudgetStatus {
        cluster.store.get(PodDisruptionBudget.self, name, namespace: "default")!.status
    }

    @Test func statusFollowsThePodsAndTheScale() throws {
        let cluster = Self.cluster(replicas: 4)
        try cluster.store.create(Self.budget(min: "50%"))
        cluster.advance(by: .seconds(1))
        var s = Self.status(cluster)
        #expect((s.expectedPods, s.desiredHealthy, s.currentHealthy, s.disruptionsAllowed, s.observedGeneration) == (4, 2, 4, 2, 1))
        #expect(s.condition("DisruptionAllowed").map { "\($0.status) \($0.reason)" } == "True SufficientPods")

        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.replicas = 2 }
        cluster.settle(app: "web", count: 2)
        cluster.advance(by: .seconds(1))
        s = Self.status(cluster)
        #expect((s.expectedPods, s.desiredHealthy, s.currentHealthy, s.disruptionsAllowed) == (2, 1, 2, 1))

        // A spec change is observed: the new generation, and no disruption left.
        try cluster.store.modify(PodDisruptionBudget.self, "web", namespace: "default") { $0.spec.minAvailable = "100%" }
        cluster.advance(by: .seconds(1))
        s = Self.status(cluster)
        #expect((s.desiredHealthy, s.disruptionsAllowed, s.observedGeneration) == (2, 0, 2))
        #expect(s.condition("DisruptionAllowed").map { "\($0.status) \($0.reason) \($0.observedGeneration)" } == "False InsufficientPods 2")
    }

    @Test func aBudgetOverDaemonPodsByPercentageFailsSafe() throws {
        let cluster = Cluster(seed: 7)
        try SystemComponents.install(into: cluster)
        cluster.advance(by: .seconds(10))
        try cluster.store.create(PodDisruptionBudget(metadata: ObjectMeta(name: "proxy", namespace: "kube-system"),
            spec: PodDisruptionBudgetSpec(maxUnavailable: "10%", selector: LabelSelector(matchLabels: ["k8s-app": "kube-proxy"]))))
        cluster.advance(by: .seconds(1))
        let s = cluster.store.get(PodDisruptionBudget.self, "proxy", namespace: "kube-system")!.status
        #expect(s.disruptionsAllowed == 0)
        #expect(s.condition("DisruptionAllowed").map { "\($0.status) \($0.reason): \($0.message)" }
                == "False SyncFailed: daemonsets.apps does not implement the scale subresource")
    }

    @Test func anEvictionTakesADisruptionAndTheControllerForgetsItOnceThePodIsGone() throws {
        let cluster = Self.cluster(replicas: 3)
        try cluster.store.create(Self.budget(min: "2"))
        cluster.advance(by: .seconds(1))
        let pods = cluster.runningReadyPods(app: "web").map(\.name)
        try cluster.store.evict(pod: pods[0], namespace: "default")
        var s = Self.status(cluster)
        #expect(s.disruptionsAllowed == 0)
        #expect(s.disruptedPods.keys.sorted() == [pods[0]])
        #expect(s.condition("DisruptionAllowed")?.reason == "InsufficientPods")

        // The second eviction would leave one healthy pod: 429 with the DisruptionBudget cause,
        // which quotes the status as last written (the controller has not yet recounted).
        func refusal() -> APIError? {
            do { try cluster.store.evict(pod: pods[1], namespace: "default") } catch let error as APIError { return error } catch { return nil }
            return nil
        }
        let refused = refusal()
        #expect(refused?.reason == .tooManyRequests)
        #expect(refused?.message == "Cannot evict pod as it would violate the pod's disruption budget.")
        #expect(refused?.statusCauses == [APIError.Cause(type: "DisruptionBudget", message: "The disruption budget web needs 2 healthy pods and has 3 currently")])
        cluster.advance(by: .milliseconds(500))
        #expect(refusal()?.statusCauses.first?.message == "The disruption budget web needs 2 healthy pods and has 2 currently")
        #expect(cluster.store.get(Pod.self, pods[1], namespace: "default")?.isTerminating == false)

        // The evicted pod terminates, its replacement becomes ready: one disruption again, the record gone.
        cluster.advance(until: { cluster.store.get(Pod.self, pods[0], namespace: "default") == nil && cluster.runningReadyPods(app: "web").count == 3 },
                        timeout: .seconds(120))
        cluster.advance(by: .seconds(1))
        s = Self.status(cluster)
        #expect(s.disruptedPods.isEmpty)
        #expect((s.currentHealthy, s.disruptionsAllowed) == (3, 1))
    }

    @Test func aPodUnderTwoBudgetsCannotBeEvicted() throws {
        let cluster = Self.cluster(replicas: 2)
        try cluster.store.create(Self.budget("a", min: "1"))
        try cluster.store.create(Self.budget("b", max: "1"))
        cluster.advance(by: .seconds(1))
        let pod = cluster.runningReadyPods(app: "web")[0].name
        do {
            try cluster.store.evict(pod: pod, namespace: "default")
            Issue.record("evicted a pod under two budgets")
        } catch let error as APIError {
            #expect(error.reason == .unknown && error.code == 500)
            #expect(error.description == "Error from server: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
        }
    }

    @Test func anUnreadyPodGoesWithoutUsingTheBudgetWhileTheApplicationIsHealthy() throws {
        let cluster = Self.cluster(replicas: 3)
        try cluster.store.create(Self.budget(min: "2"))
        cluster.advance(by: .seconds(1))
        let pods = cluster.runningReadyPods(app: "web").map(\.name)
        // The pod reports not ready; the budget still has 2 healthy of 2 desired.
        let now = cluster.now
        try cluster.store.modify(Pod.self, pods[0], namespace: "default") { $0.status.setCondition("Ready", "False", at: now) }
        cluster.advance(by: .seconds(1))
        #expect(Self.status(cluster).disruptionsAllowed == 0)
        try cluster.store.evict(pod: pods[0], namespace: "default")
        #expect(cluster.store.get(Pod.self, pods[0], namespace: "default")?.isTerminating == true)
        #expect(Self.status(cluster).disruptedPods.isEmpty)
    }

    @Test func validationRefusesBothBoundsAndBadPercentages() {
        let cluster = Cluster(seed: 1)
        for (spec, cause) in [
            (PodDisruptionBudgetSpec(minAvailable: "1", maxUnavailable: "1", selector: LabelSelector()), "minAvailable and maxUnavailable cannot be both set"),
            (PodDisruptionBudgetSpec(minAvailable: "-1", selector: LabelSelector()), "spec.minAvailable: Invalid value: -1: must be greater than or equal to 0"),
            (PodDisruptionBudgetSpec(maxUnavailable: "120%", selector: LabelSelector()), "spec.maxUnavailable: Invalid value: 120%: must not be greater than 100%"),
            (PodDisruptionBudgetSpec(minAvailable: "x%", selector: LabelSelector()), "spec.minAvailable: Invalid value: x%: a valid percent string"),
        ] {
            do {
                try cluster.store.create(PodDisruptionBudget(metadata: ObjectMeta(name: "bad"), spec: spec))
                Issue.record("accepted \(spec)")
            } catch let error as APIError {
                #expect(error.reason == .invalid)
                #expect(error.message.contains(cause))
                #expect(error.message.hasPrefix("PodDisruptionBudget.policy \"bad\" is invalid: "))
            } catch { Issue.record("\(error)") }
        }
    }
}
