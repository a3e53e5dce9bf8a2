import Testing
@testable import Cluster

@Suite struct ReplicaSetControllerTests {
    @Test func deletedPodIsReplacedWhileItIsStillTerminating() throws {
        let cluster = Cluster(seed: 5)
        try cluster.store.create(makeDeployment("web", replicas: 3))
        #expect(cluster.settle(app: "web", count: 3))
        let before = Set(cluster.pods(app: "web").map(\.name))
        let victim = before.sorted()[0]
        try cluster.store.delete(Pod.self, victim, namespace: "default")
        // Right after the controllers react: the victim is Terminating and a replacement exists.
        cluster.advance(by: .milliseconds(500))
        let terminating = try #require(cluster.store.get(Pod.self, victim, namespace: "default"))
        #expect(terminating.isTerminating)
        let active = cluster.pods(app: "web").filter(\.isActive)
        #expect(active.count == 3)
        #expect(active.contains { !before.contains($0.name) })
        #expect(cluster.events(reason: "Killing").contains { $0.involvedObject.name == victim })
        // Later: exactly three Running pods, one of them new, the victim gone.
        #expect(cluster.settle(app: "web", count: 3))
        let after = Set(cluster.pods(app: "web").map(\.name))
        #expect(!after.contains(victim))
        #expect(after.subtracting(before).count == 1)
    }

    @Test func relabeledPodIsReleasedThenAdoptedBack() throws {
        let cluster = Cluster(seed: 11)
        try cluster.store.create(makeDeployment("web", replicas: 3))
        #expect(cluster.settle(app: "web", count: 3))
        let rs = try #require(cluster.replicaSet(of: "web"))
        let target = cluster.pods(app: "web")[1]

        try cluster.store.modify(Pod.self, target.name, namespace: "default") { $0.metadata.labels["app"] = "web-debug" }
        #expect(cluster.settle(app: "web", count: 3))
        let orphan = try #require(cluster.store.get(Pod.self, target.name, namespace: "default"))
        #expect(orphan.metadata.ownerReferences.isEmpty)
        #expect(orphan.status.phase == "Running" && !orphan.isTerminating)
        #expect(cluster.store.pods(ownedBy: rs.metadata.uid).count == 3)

        // Labels back: the ReplicaSet adopts it, finds 4, and deletes one by rank.
        let beforeAdoption = cluster.store.pods(ownedBy: rs.metadata.uid)
        try cluster.store.modify(Pod.self, target.name, namespace: "default") { $0.metadata.labels["app"] = "web" }
        cluster.advance(by: .milliseconds(300))
        #expect(cluster.store.get(Pod.self, target.name, namespace: "default")?.metadata.controllerRef?.uid == rs.metadata.uid)
        let all = beforeAdoption + [cluster.store.get(Pod.self, target.name, namespace: "default")!]
        let deleted = cluster.events(reason: "SuccessfulDelete").map { String($0.message.dropFirst("Deleted pod: ".count)) }
        #expect(deleted.count == 1)
        // The ranking: among equally ready pods, one on the most crowded node, and of those the
        // one that has been ready for the shortest time.
        var perNode: [String: Int] = [:]
        for p in all { perNode[p.spec.nodeName, default: 0] += 1 }
        let crowded = perNode.values.max()!
        let candidates = all.filter { perNode[$0.spec.nodeName] == crowded }
        let expected = candidates.max { $0.status.condition("Ready")!.lastTransitionTime < $1.status.condition("Ready")!.lastTransitionTime }!
        #expect(deleted.first == expected.name)
        #expect(cluster.settle(app: "web", count: 3))
    }

    @Test func scaleUpInSlowStartThenDownByRank() throws {
        let cluster = Cluster(seed: 3)
        try cluster.store.create(makeDeployment("web", replicas: 1))
        #expect(cluster.settle(app: "web", count: 1))
        let original = cluster.pods(app: "web")[0].name
        let rsName = try #require(cluster.replicaSet(of: "web")).name

        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.replicas = 10 }
        cluster.advance(by: .milliseconds(300))
        #expect(cluster.events(reason: "SuccessfulCreate").count == 10)
        // Before the new pods are ready, scale down to 2: the unready new pods go first,
        // the original (scheduled, running, ready) stays.
        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.replicas = 2 }
        #expect(cluster.settle(app: "web", count: 2))
        let survivors = cluster.pods(app: "web").map(\.name)
        #expect(survivors.contains(original))
        #expect(cluster.events(reason: "SuccessfulDelete").count == 8)

        let scaling = cluster.events(reason: "ScalingReplicaSet").map(\.message)
        #expect(scaling == [
            "Scaled up replica set \(rsName) from 0 to 1",
            "Scaled up replica set \(rsName) from 1 to 10",
            "Scaled down replica set \(rsName) from 10 to 2",
        ])
    }

    @Test func slowStartBatchesDoubleAndStopAfterAFailure() {
        var calls = 0
        let created = SlowStart.run(count: 10) { calls += 1; return true }
        #expect(created == 10 && calls == 10)
        // Batches 1, 2, 4, …: the 5th call fails, inside the third batch (calls 4-7); the batch
        // finishes, the fourth never starts.
        calls = 0
        let partial = SlowStart.run(count: 20) { calls += 1; return calls != 5 }
        #expect(calls == 7)
        #expect(partial == 6)
    }

    @Test func deletingADeploymentCascadesToItsReplicaSetAndPods() throws {
        let cluster = Cluster(seed: 2)
        try cluster.store.create(makeDeployment("web", replicas: 2))
        #expect(cluster.settle(app: "web", count: 2))
        try cluster.store.delete(Deployment.self, "web", namespace: "default")
        #expect(cluster.advance(until: { cluster.store.count(ReplicaSet.self) == 0 && cluster.pods(app: "web").isEmpty }, timeout: .seconds(60)))
    }
}

/// A pod removed without ever being Terminating (grace 0, or still Pending) is replaced too.
@Suite struct ImmediateDeletionTests {
    @Test func podDeletedWithGraceZeroIsReplacedAndStatusCatchesUp() throws {
        let cluster = Cluster(seed: 5)
        try cluster.store.create(makeDeployment("web", replicas: 3))
        #expect(cluster.settle(app: "web", count: 3))
        // Quiet first: no sync still queued that would mask a dropped deletion.
        cluster.advance(by: .seconds(5))
        #expect(cluster.store.get(Deployment.self, "web", namespace: "default")!.status.readyReplicas == 3)
        let victim = cluster.pods(app: "web")[0].name
        try cluster.store.delete(Pod.self, victim, namespace: "default", gracePeriodSeconds: 0)
        #expect(cluster.store.get(Pod.self, victim, namespace: "default") == nil)
        // Within the controllers' reaction time the ReplicaSet has noticed and replaced it.
        cluster.advance(by: cluster.pace.controllerReaction + cluster.pace.controllerReaction)
        #expect(cluster.pods(app: "web").filter(\.isActive).count == 3)
        #expect(cluster.events(reason: "SuccessfulCreate").count == 4)
        #expect(cluster.replicaSet(of: "web")!.status.readyReplicas == 2)
        #expect(cluster.store.get(Deployment.self, "web", namespace: "default")!.status.readyReplicas == 2)
        #expect(cluster.settle(app: "web", count: 3))
        #expect(cluster.advance(until: { cluster.store.get(Deployment.self, "web", namespace: "default")!.status.readyReplicas == 3 }, timeout: .seconds(1)))
    }

    @Test func pendingPodDeletedIsReplaced() throws {
        let cluster = Cluster(seed: 5)
        for node in cluster.store.list(Node.self) { try cluster.store.modify(Node.self, node.name) { $0.spec.unschedulable = true } }
        try cluster.store.create(makeDeployment("web", replicas: 2))
        cluster.advance(by: .seconds(5))
        let pending = cluster.pods(app: "web")
        #expect(pending.count == 2 && pending.allSatisfy { !$0.isScheduled })
        try cluster.store.delete(Pod.self, pending[0].name, namespace: "default")
        #expect(cluster.store.get(Pod.self, pending[0].name, namespace: "default") == nil)
        cluster.advance(by: .seconds(1))
        #expect(cluster.pods(app: "web").count == 2)
        #expect(cluster.replicaSet(of: "web")!.status.replicas == 2)
        for node in cluster.store.list(Node.self) { try cluster.store.modify(Node.self, node.name) { $0.spec.unschedulable = false } }
        #expect(cluster.settle(app: "web", count: 2))
    }
}
