import Testing
@testable import Cluster

@Suite struct StoreTests {
    @Test func watchSeesAddedModifiedDeletedInOrder() throws {
        let cluster = Cluster(seed: 1, nodes: 0)
        var seen: [String] = []
        cluster.store.watch { event in
            if event.kind == .deployment { seen.append("\(event.type.rawValue) \(event.name)") }
        }
        try cluster.store.create(makeDeployment("web"))
        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.replicas = 2 }
        try cluster.store.delete(Deployment.self, "web", namespace: "default")
        #expect(seen.prefix(2) == ["ADDED web", "MODIFIED web"])
        #expect(seen.last == "DELETED web")
    }

    /// A watcher that names kinds hears only changes to them, in order; one that names none hears all.
    @Test func aWatcherHearsOnlyTheKindsItAskedFor() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        var workloads: [String] = [], everything: Set<Kind> = []
        cluster.store.watch([.deployment, .replicaSet]) { workloads.append("\($0.kind.rawValue) \($0.type.rawValue)") }
        cluster.store.watch { everything.insert($0.kind) }
        try cluster.store.create(makeDeployment("web"))
        cluster.advance(by: .seconds(10))
        #expect(workloads.first == "Deployment ADDED")
        #expect(workloads.contains("ReplicaSet ADDED"))
        #expect(Set(workloads.map { $0.split(separator: " ")[0] }) == ["Deployment", "ReplicaSet"])
        #expect(everything.isSuperset(of: [.deployment, .replicaSet, .pod, .event]))
        #expect(KindSet.all.contains(.endpoints) && !KindSet([.pod]).contains(.event))
    }

    @Test func staleResourceVersionIsAConflict() throws {
        let cluster = Cluster(seed: 1, nodes: 0)
        let created = try cluster.store.create(makeDeployment("web"))
        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.replicas = 2 }
        var stale = created
        stale.spec.replicas = 5
        #expect(throws: APIError.conflict(.deployment, "web")) { try cluster.store.update(stale) }
        #expect(cluster.store.get(Deployment.self, "web", namespace: "default")?.spec.replicas == 2)
    }

    @Test func generationBumpsOnSpecChangesOnly() throws {
        let cluster = Cluster(seed: 1, nodes: 0)
        try cluster.store.create(makeDeployment("web"))
        let a = try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.replicas = 2 }
        let b = try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.metadata.labels["x"] = "y" }
        #expect(a.metadata.generation == 2)
        #expect(b.metadata.generation == 2)
        #expect(Int(b.metadata.resourceVersion)! > Int(a.metadata.resourceVersion)!)
    }

    @Test func invalidObjectsAreRejectedWithKubernetesWording() throws {
        let cluster = Cluster(seed: 1, nodes: 0)
        var bad = makeDeployment("Bad_Name")
        bad.spec.replicas = -1
        do {
            try cluster.store.create(bad)
            Issue.record("expected Invalid")
        } catch let error as APIError {
            #expect(error.reason == .invalid)
            #expect(error.message.hasPrefix("Deployment.apps \"Bad_Name\" is invalid: [metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"))
            #expect(error.message.hasSuffix(", spec.replicas: Invalid value: -1: must be greater than or equal to 0]"))
        }
        #expect(cluster.store.count(Deployment.self) == 0)
        #expect(throws: APIError.alreadyExists(.deployment, "web")) {
            try cluster.store.create(makeDeployment("web"))
            try cluster.store.create(makeDeployment("web"))
        }
    }

    @Test func podsGetDefaultTolerationsAndQoSAtAdmission() throws {
        let cluster = Cluster(seed: 1, pace: .realistic)
        let pod = try cluster.store.create(Pod(metadata: ObjectMeta(name: "bare"), spec: PodSpec(containers: [Container(name: "c", image: "nginx")])))
        #expect(pod.spec.tolerations.map(\.key) == [Taint.notReadyKey, Taint.unreachableKey])
        #expect(pod.spec.tolerations.allSatisfy { $0.tolerationSeconds == 300 && $0.effect == "NoExecute" })
        #expect(pod.status.qosClass == "BestEffort")
    }

    /// The defaults join what a pod asks for and never replace it; pods given the same two
    /// defaults stay independent (changing one pod's tolerations leaves the others').
    @Test func defaultTolerationsJoinThePodsOwn() throws {
        let cluster = Cluster(seed: 1, pace: .realistic)
        func create(_ name: String, _ tolerations: [Toleration]) throws -> Pod {
            var spec = PodSpec(containers: [Container(name: "c", image: "nginx")])
            spec.tolerations = tolerations
            return try cluster.store.create(Pod(metadata: ObjectMeta(name: name), spec: spec))
        }
        let dedicated = Toleration(key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule")
        let own = try create("own", [dedicated])
        #expect(own.spec.tolerations.map(\.key) == ["dedicated", Taint.notReadyKey, Taint.unreachableKey])
        let patient = Toleration(key: Taint.notReadyKey, operator: "Exists", effect: "NoExecute", tolerationSeconds: 60)
        let half = try create("half", [patient])
        #expect(half.spec.tolerations.map(\.key) == [Taint.notReadyKey, Taint.unreachableKey])
        #expect(half.spec.tolerations[0].tolerationSeconds == 60)

        let first = try create("first", []), second = try create("second", [])
        #expect(first.spec.tolerations == second.spec.tolerations)
        _ = try cluster.store.modify(Pod.self, "first", namespace: "default") { $0.spec.tolerations.append(dedicated) }
        #expect(cluster.store.get(Pod.self, "first", namespace: "default")?.spec.tolerations.count == 3)
        #expect(cluster.store.get(Pod.self, "second", namespace: "default")?.spec.tolerations.map(\.key) == [Taint.notReadyKey, Taint.unreachableKey])
    }

    @Test func evictionMarksTheDisruptionTargetThenDeletesGracefully() throws {
        let cluster = Cluster(seed: 1)
        try cluster.store.create(makeDeployment("web", replicas: 1))
        cluster.settle(app: "web", count: 1)
        let pod = cluster.pods(app: "web")[0]
        try cluster.store.evict(pod: pod.name, namespace: "default")
        let evicted = try #require(cluster.store.get(Pod.self, pod.name, namespace: "default"))
        #expect(evicted.isTerminating)
        let condition = try #require(evicted.status.condition("DisruptionTarget"))
        #expect(condition.status == "True" && condition.reason == "EvictionByEvictionAPI" && condition.message == "Eviction API: evicting")
        #expect(throws: APIError.notFound(.pod, "nope")) { try cluster.store.evict(pod: "nope", namespace: "default") }
    }

    @Test func eventsAggregateRepeats() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        let node = cluster.store.get(Node.self, "node-1")!
        cluster.recorder.record(node, reason: "Test", message: "same", component: "tester")
        cluster.advance(by: .seconds(3))
        cluster.recorder.record(node, reason: "Test", message: "same", component: "tester")
        let events = cluster.store.list(Event.self).filter { $0.reason == "Test" }
        #expect(events.count == 1)
        #expect(events[0].count == 2)
        #expect(events[0].lastTimestamp! - events[0].firstTimestamp! == .seconds(3))
    }
}
