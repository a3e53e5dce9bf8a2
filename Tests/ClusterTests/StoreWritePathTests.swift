import Testing
@testable import Cluster

/// The store's write path works in place where it owns its object: a create inserts without a
/// second lookup, an update writes into the box it found, times are truncated without copying,
/// one-key indexes hold their key without an array, and the indexes by involved object and by
/// label start when first asked.
/// None of it may show to a writer or a reader.
@Suite struct StoreWritePathTests {
    static func pod(_ name: String) -> Pod {
        Pod(metadata: ObjectMeta(name: name, labels: ["app": "web"]),
            spec: PodSpec(containers: [Container(name: "web", image: "nginx:1.27")]))
    }

    static func event(_ name: String, about pod: Pod, at time: SimTime) -> Event {
        let reference = Event.ObjectReference(kind: "Pod", name: pod.name, namespace: "default", uid: pod.metadata.uid,
                                              apiVersion: "v1", fieldPath: "")
        return Event(metadata: ObjectMeta(name: name), involvedObject: reference, reason: "Noted", message: "a note",
                     type: "Normal", sourceComponent: "test", sourceHost: "", count: 1, firstTimestamp: time, lastTimestamp: time)
    }

    @Test func storedTimesAreWholeSecondsAndTheWritersCopyKeepsItsOwn() throws {
        let cluster = Cluster(seed: 1, nodes: 0)
        cluster.clock.advance(to: SimTime(milliseconds: 2_750))
        let created = try cluster.store.create(Self.pod("web-1"))
        #expect(created.metadata.creationTimestamp == SimTime(milliseconds: 2_000))

        var written = created
        written.status.startTime = SimTime(milliseconds: 3_999)
        written.status.setCondition("Initialized", "True", at: SimTime(milliseconds: 3_500))
        let kept = written
        written.metadata.resourceVersion = ""
        let stored = try cluster.store.update(written)
        #expect(stored.status.startTime == SimTime(milliseconds: 3_000))
        #expect(stored.status.condition("Initialized")?.lastTransitionTime == SimTime(milliseconds: 3_000))
        #expect(cluster.store.get(Pod.self, "web-1", namespace: "default") == stored)
        #expect(kept.status.startTime == SimTime(milliseconds: 3_999), "a copy the writer kept is not truncated with it")
        #expect(kept.status.condition("Initialized")?.lastTransitionTime == SimTime(milliseconds: 3_500))

        let note = Self.event("web-1.1", about: created, at: SimTime(milliseconds: 2_750))
        let storedNote = try cluster.store.create(note)
        #expect(storedNote.firstTimestamp == SimTime(milliseconds: 2_000) && storedNote.lastTimestamp == SimTime(milliseconds: 2_000))
        #expect(note.firstTimestamp == SimTime(milliseconds: 2_750), "the caller's event keeps its milliseconds")
        #expect(throws: APIError.self) { try cluster.store.create(note) } // its key is taken: refused, not overwritten
        #expect(cluster.store.count(Event.self) == 1)
    }

    @Test func oneKeyIndexesFollowAPodThroughBindingAdoptionAndDeletion() throws {
        let cluster = Cluster(seed: 1, nodes: 0)
        _ = try cluster.addNode(name: "node-1")
        let pod = try cluster.store.create(Self.pod("web-1"))
        #expect(cluster.store.podsWithoutController().map(\.name) == ["web-1"])
        #expect(cluster.store.pods(onNode: "").isEmpty, "an unscheduled pod is filed under no node")
        #expect(cluster.store.pods(onNode: "node-1").isEmpty)

        try cluster.store.bind(pod: "web-1", namespace: "default", toNode: "node-1")
        #expect(cluster.store.pods(onNode: "node-1").map(\.name) == ["web-1"])
        #expect(cluster.store.pods(onNode: "").isEmpty)

        let owner = OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-abc", uid: "owner-uid")
        try cluster.store.modify(Pod.self, "web-1", namespace: "default") { $0.metadata.ownerReferences = [owner] }
        #expect(cluster.store.pods(ownedBy: "owner-uid").map(\.name) == ["web-1"])
        #expect(cluster.store.podsWithoutController().isEmpty)
        #expect(cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"])).map(\.name) == ["web-1"])

        try cluster.store.delete(Pod.self, "web-1", namespace: "default", gracePeriodSeconds: 0)
        #expect(cluster.store.pods(ownedBy: "owner-uid").isEmpty && cluster.store.pods(onNode: "node-1").isEmpty)
        #expect(cluster.store.get(Pod.self, pod.name, namespace: "default") == nil)
    }

    @Test func anObjectsEventsAreItsOwnInNameOrder() throws {
        let cluster = Cluster(seed: 1, nodes: 0)
        let web = try cluster.store.create(Self.pod("web-1"))
        let db = try cluster.store.create(Self.pod("db-1"))
        for name in ["web-1.3", "web-1.1", "web-1.2"] { try cluster.store.create(Self.event(name, about: web, at: cluster.store.now)) }
        try cluster.store.create(Self.event("db-1.1", about: db, at: cluster.store.now))
        #expect(cluster.store.events(about: web.metadata.uid).map(\.name) == ["web-1.1", "web-1.2", "web-1.3"])
        #expect(cluster.store.events(about: db.metadata.uid).map(\.name) == ["db-1.1"])
        #expect(cluster.store.events(about: "no-such-uid").isEmpty)
        // Asked once, the index is kept from then on: later events and deletions show.
        try cluster.store.create(Self.event("web-1.4", about: web, at: cluster.store.now))
        try cluster.store.delete(Event.self, "web-1.1", namespace: "default")
        #expect(cluster.store.events(about: web.metadata.uid).map(\.name) == ["web-1.2", "web-1.3", "web-1.4"])
    }

    @Test func listsByLabelStartTheirIndexOnTheFirstAskAndFollowEveryWriteAfter() throws {
        let cluster = Cluster(seed: 1, nodes: 0)
        let store = cluster.store
        for name in ["web-2", "web-1"] { try store.create(Self.pod(name)) }
        try store.create(Pod(metadata: ObjectMeta(name: "db-1", labels: ["app": "db"]),
                             spec: PodSpec(containers: [Container(name: "db", image: "postgres:16")])))
        let web = LabelSelector(matchLabels: ["app": "web"])
        #expect(!store.pods.hasIndex(IndexName.label), "nothing has listed by label yet")
        #expect(store.list(Pod.self, selector: web).map(\.name) == ["web-1", "web-2"])
        #expect(store.pods.hasIndex(IndexName.label))
        // Kept from then on: a relabel, a new pod and a deletion all show.
        try store.modify(Pod.self, "web-2", namespace: "default") { $0.metadata.labels["app"] = "db" }
        try store.create(Self.pod("web-3"))
        try store.delete(Pod.self, "web-1", namespace: "default", gracePeriodSeconds: 0)
        #expect(store.list(Pod.self, selector: web).map(\.name) == ["web-3"])
        #expect(store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "db"])).map(\.name) == ["db-1", "web-2"])
    }

    @Test func aStatusWriteLeavesThePodsMetadataSharedAndAnyMetadataWriteDoesNot() throws {
        let cluster = Cluster(seed: 1, nodes: 0)
        let store = cluster.store
        let created = try store.create(Self.pod("web-1"))
        let running = try store.modify(Pod.self, "web-1", namespace: "default") { $0.status.phase = "Running" }
        #expect(running.metadata.resourceVersion != created.metadata.resourceVersion)
        #expect(running.metadata.sharesFields(with: created.metadata), "only the resourceVersion moved")
        #expect(!ReplicaSetController.mattersToReplicaSets(running, running))
        let relabelled = try store.modify(Pod.self, "web-1", namespace: "default") { $0.metadata.labels["tier"] = "front" }
        #expect(!relabelled.metadata.sharesFields(with: running.metadata))
        #expect(ReplicaSetController.mattersToReplicaSets(running, relabelled))
        #expect(KubeletFleet.differSemantically(running, relabelled))
        // A write of equal values in another box still compares field by field.
        var rebuilt = relabelled
        rebuilt.metadata.labels = ["app": "web", "tier": "front"]
        #expect(!rebuilt.metadata.sharesFields(with: relabelled.metadata) && rebuilt.metadata == relabelled.metadata)
        #expect(!ReplicaSetController.mattersToReplicaSets(relabelled, rebuilt) && !KubeletFleet.differSemantically(relabelled, rebuilt))
    }

    @Test func aPodIsMatchedToServicesOnlyWhileSomeServiceSelects() throws {
        let cluster = Cluster(seed: 1, nodes: 0)
        let web = try cluster.store.create(Self.pod("web-1"))
        #expect(cluster.store.services(selecting: web).isEmpty, "the kubernetes service selects nothing")
        let service = try cluster.store.create(Service(metadata: ObjectMeta(name: "web"),
                                                       spec: ServiceSpec(selector: ["app": "web"], ports: [ServicePort(port: 80)])))
        #expect(cluster.store.services(selecting: web).map(\.name) == ["web"])
        var manual = service
        manual.spec.selector = nil
        manual.metadata.resourceVersion = ""
        try cluster.store.update(manual)
        #expect(cluster.store.services(selecting: web).isEmpty, "a service whose selector is removed stops selecting")
        try cluster.store.modify(Service.self, "web", namespace: "default") { $0.spec.selector = ["app": "web"] }
        #expect(cluster.store.services(selecting: web).map(\.name) == ["web"])
        try cluster.store.delete(Service.self, "web", namespace: "default")
        #expect(cluster.store.services(selecting: web).isEmpty && cluster.store.selectingServices == 0)
    }

    @Test func podConditionsKeepTheKubeletsOrderWhateverOrderTheyAreSetIn() {
        var status = PodStatus()
        for type in ["PodScheduled", "Custom", "Ready", "Initialized", "Another", "PodReadyToStartContainers", "ContainersReady"] {
            status.setCondition(type, "True", at: .zero)
        }
        #expect(status.conditions.map(\.type) == ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                                                   "PodScheduled", "Custom", "Another"])
        status.setCondition("Ready", "False", at: SimTime(milliseconds: 5_000))
        #expect(status.conditions.map(\.type)[2] == "Ready" && status.condition("Ready")?.status == "False")
    }
}
