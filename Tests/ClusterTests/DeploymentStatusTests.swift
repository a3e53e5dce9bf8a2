import Testing
@testable import Cluster

/// Deployment status as the deployment controller's sync.go writes it.
@Suite struct DeploymentStatusTests {
    func deployment(_ cluster: Cluster, _ name: String = "web") throws -> Deployment {
        try #require(cluster.store.get(Deployment.self, name, namespace: "default"))
    }

    /// Advances until the deployment's rollout is complete and its status has caught up.
    @discardableResult
    func settleRollout(_ cluster: Cluster, _ name: String = "web", replicas: Int) -> Bool {
        cluster.advance(until: {
            guard let d = cluster.store.get(Deployment.self, name, namespace: "default") else { return false }
            let owned = cluster.store.replicaSets(ownedBy: d.metadata.uid)
            return d.status.observedGeneration == d.metadata.generation && d.status.availableReplicas == replicas
                && d.status.updatedReplicas == replicas && d.status.replicas == replicas
                && owned.filter { $0.spec.replicas > 0 }.count == 1
        }, timeout: .seconds(120))
    }

    /// A complete rollout that lost a pod it cannot place again never times out
    /// (NewReplicaSetAvailable), so nothing is left to check: the deployment controller goes idle
    /// until something changes, however long the pod stays Pending, past the progress deadline too.
    @Test func aCompleteRolloutMissingAPodLeavesTheControllerIdle() throws {
        let cluster = Cluster(seed: 3, pace: .realistic)
        try cluster.store.create(makeDeployment("web", replicas: 3))
        #expect(settleRollout(cluster, replicas: 3))
        let d0 = try deployment(cluster)
        for node in ["node-1", "node-2", "node-3"] {
            try cluster.store.modify(Node.self, node) { $0.spec.unschedulable = true }
        }
        let victim = try #require(cluster.pods(app: "web").first)
        try cluster.store.delete(Pod.self, victim.name, namespace: "default", gracePeriodSeconds: 0)
        cluster.advance(by: .seconds(d0.spec.progressDeadlineSeconds + 60))
        let d = try deployment(cluster)
        #expect(d.status.availableReplicas == 2 && d.status.condition("Progressing")?.reason == "NewReplicaSetAvailable")
        #expect(cluster.pods(app: "web").filter { !$0.isScheduled }.count == 1)
        #expect(cluster.clock.queueDepths.current["deployment", default: 0] == 0)
    }

    /// Once a rollout is complete, Progressing stays True/NewReplicaSetAvailable through pod
    /// deletions and scales (isCompleteDeployment skips progress estimation); Available flips
    /// and, as SetDeploymentCondition removes and appends a changed condition, moves last.
    @Test func completeRolloutStaysCompleteThroughDeletionsAndScales() throws {
        let cluster = Cluster(seed: 3)
        try cluster.store.create(makeDeployment("web", replicas: 3))
        #expect(settleRollout(cluster, replicas: 3))
        var d = try deployment(cluster)
        #expect(d.status.conditions.map(\.type) == ["Available", "Progressing"])
        #expect(d.status.condition("Progressing")?.reason == "NewReplicaSetAvailable")
        let completedAt = try #require(d.status.condition("Progressing")?.lastUpdateTime)

        var progressing: [String] = []
        var available: [String] = []
        cluster.store.watch { event in
            guard event.kind == .deployment, let d = event.object as? Deployment else { return }
            if let c = d.status.condition("Progressing"), progressing.last != c.reason { progressing.append(c.reason) }
            if let c = d.status.condition("Available"), available.last != c.status { available.append(c.status) }
        }
        let victim = try #require(cluster.pods(app: "web").first)
        try cluster.store.delete(Pod.self, victim.name, namespace: "default")
        #expect(cluster.settle(app: "web", count: 3))
        #expect(settleRollout(cluster, replicas: 3))
        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.replicas = 5 }
        #expect(settleRollout(cluster, replicas: 5))
        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.replicas = 2 }
        #expect(settleRollout(cluster, replicas: 2))

        #expect(progressing == ["NewReplicaSetAvailable"])
        // Below minimum availability twice: one pod of 3 down (maxUnavailable 0), and 3 of 5
        // available after the scale-up (maxUnavailable 1).
        #expect(available == ["False", "True", "False", "True"])
        d = try deployment(cluster)
        #expect(d.status.conditions.map(\.type) == ["Progressing", "Available"])
        // An unchanged condition is not rewritten.
        #expect(d.status.condition("Progressing")?.lastUpdateTime == completedAt)
    }

    /// unavailableReplicas = Σ ReplicaSets' spec.replicas − available, never negative
    /// (calculateStatus): during a surge it counts the new ReplicaSet's pods not yet available.
    @Test func unavailableReplicasSumsTheReplicaSetsSpecs() throws {
        let cluster = Cluster(seed: 7)
        try cluster.store.create(makeDeployment("web", image: "nginx:1.26", replicas: 3))
        #expect(settleRollout(cluster, replicas: 3))

        var writes = 0, surgeWrites = 0, mismatches: [String] = []
        cluster.store.watch { event in
            // Status computed by a sync (calculateStatus); creating the new ReplicaSet first
            // writes only its condition onto the status the deployment had.
            guard event.kind == .deployment, event.type == .modified, let d = event.object as? Deployment,
                  (event.old as? Deployment)?.status != d.status, d.status.observedGeneration == d.metadata.generation else { return }
            let owned = cluster.store.replicaSets(ownedBy: d.metadata.uid)
            let specs = owned.reduce(0) { $0 + $1.spec.replicas }
            let expected = max(0, specs - owned.reduce(0) { $0 + $1.status.availableReplicas })
            writes += 1
            if specs > d.spec.replicas && expected > 0 { surgeWrites += 1 }
            if d.status.unavailableReplicas != expected { mismatches.append("\(d.status.unavailableReplicas) ≠ \(expected)") }
        }
        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.template.spec.containers[0].image = "nginx:1.27" }
        #expect(settleRollout(cluster, replicas: 3))
        #expect(writes > 0)
        #expect(surgeWrites > 0, "the rollout surged above spec.replicas while new pods were unavailable")
        #expect(mismatches.isEmpty)
    }

    /// A rollout that makes no progress for progressDeadlineSeconds is marked as timed out
    /// (DeploymentTimedOut), by a check the controller queues for the deadline itself.
    @Test func aStuckRolloutTimesOutAtItsDeadline() throws {
        let cluster = Cluster(seed: 5)
        for node in ["node-1", "node-2", "node-3"] {
            try cluster.store.modify(Node.self, node) { $0.spec.unschedulable = true }
        }
        var d = makeDeployment("web", replicas: 2)
        d.spec.progressDeadlineSeconds = 120
        try cluster.store.create(d)
        cluster.advance(by: .seconds(100))
        var progressing = try #require(try deployment(cluster).status.condition("Progressing"))
        #expect(progressing.status == "True")
        let lastProgress = progressing.lastUpdateTime
        let timedOut = cluster.advance(until: {
            (try? self.deployment(cluster))?.status.condition("Progressing")?.reason == "ProgressDeadlineExceeded"
        }, timeout: .seconds(60))
        #expect(timedOut)
        #expect(cluster.now > lastProgress + .seconds(120))
        #expect(cluster.now <= lastProgress + .seconds(122))
        progressing = try #require(try deployment(cluster).status.condition("Progressing"))
        let rs = try #require(cluster.replicaSet(of: "web"))
        #expect(progressing.status == "False")
        #expect(progressing.message == "ReplicaSet \"\(rs.name)\" has timed out progressing.")
        #expect(try deployment(cluster).status.conditions.map(\.type) == ["Available", "Progressing"])
    }
}
