import Testing
@testable import Cluster

@Suite struct OwnedPodTallyTests {
    private func pod(_ name: String, owner: String, labels: [String: String] = ["app": "web"], ready: Bool = false, deleting: Bool = false) -> Pod {
        var meta = ObjectMeta(name: name, namespace: "default", labels: labels)
        meta.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-1", uid: owner)]
        if deleting { meta.deletionTimestamp = .zero }
        var pod = Pod(metadata: meta, spec: PodSpec(containers: [Container(name: "app", image: "app:1")]))
        if ready { pod.status.setCondition("Ready", "True", at: .zero) }
        return pod
    }

    /// The owner's groups as labels → counts (each label set listed once).
    private func groups(_ tally: OwnedPodTally, _ uid: String) -> [[String: String]: OwnedPodTally.Counts] {
        Dictionary(uniqueKeysWithValues: tally.groups(ownedBy: uid).map { ($0.labels, $0.counts) })
    }

    @Test func countsFollowEachPodThroughItsChanges() {
        let tally = OwnedPodTally()
        let a = pod("a", owner: "rs-1"), b = pod("b", owner: "rs-1")
        tally.replace(nil, with: a)
        tally.replace(nil, with: b)
        tally.replace(nil, with: pod("c", owner: "rs-2"))
        let readyA = pod("a", owner: "rs-1", ready: true)
        tally.replace(a, with: readyA)
        #expect(groups(tally, "rs-1") == [["app": "web"]: .init(pods: 2, notTerminating: 2, active: 2, activeReady: 1)])

        // A relabel moves the pod to another group; deleting starts, then the pod goes.
        let relabeled = pod("b", owner: "rs-1", labels: ["app": "debug"])
        tally.replace(b, with: relabeled)
        let deleting = pod("a", owner: "rs-1", ready: true, deleting: true)
        tally.replace(readyA, with: deleting)
        #expect(groups(tally, "rs-1") == [
            ["app": "web"]: .init(pods: 1, notTerminating: 0, active: 0, activeReady: 0),
            ["app": "debug"]: .init(pods: 1, notTerminating: 1, active: 1, activeReady: 0),
        ])
        tally.replace(deleting, with: nil)
        tally.replace(relabeled, with: nil)
        #expect(tally.groups(ownedBy: "rs-1").isEmpty)
        #expect(groups(tally, "rs-2")[["app": "web"]]?.pods == 1)
    }

    @Test func replicaSetStatusMatchesItsPodsAfterEveryChange() throws {
        let cluster = Cluster(seed: 3)
        try cluster.store.create(makeDeployment("web", replicas: 4))
        #expect(cluster.settle(app: "web", count: 4))
        cluster.advance(by: .seconds(2)) // the ReplicaSet reacts to the last pod's readiness
        let rs = try #require(cluster.replicaSet(of: "web"))
        func expectStatusCountsPods() {
            let current = cluster.store.get(ReplicaSet.self, key: rs.key)!
            let active = cluster.store.pods(ownedBy: rs.metadata.uid).filter { $0.isActive && rs.spec.selector.matches($0.metadata.labels) }
            #expect(current.status.replicas == active.count)
            #expect(current.status.readyReplicas == active.filter(\.isReady).count)
            #expect(current.status.availableReplicas == active.filter(\.isReady).count)
            #expect(current.status.fullyLabeledReplicas == active.filter { p in rs.spec.template.labels.allSatisfy { p.metadata.labels[$0.key] == $0.value } }.count)
        }
        expectStatusCountsPods()
        #expect(cluster.store.get(ReplicaSet.self, key: rs.key)!.status.readyReplicas == 4)

        // An extra label the selector does not look at keeps the pod counted, still fully labelled.
        let first = cluster.pods(app: "web")[0]
        try cluster.store.modify(Pod.self, key: first.key) { $0.metadata.labels["extra"] = "yes" }
        cluster.advance(by: .seconds(2))
        expectStatusCountsPods()

        // A deleted pod is replaced; the counts dip and recover.
        try cluster.store.delete(Pod.self, key: cluster.pods(app: "web")[1].key)
        cluster.advance(by: .milliseconds(500))
        expectStatusCountsPods()
        #expect(cluster.settle(app: "web", count: 4))
        cluster.advance(by: .seconds(2))
        expectStatusCountsPods()
        #expect(cluster.store.get(ReplicaSet.self, key: rs.key)!.status.readyReplicas == 4)
    }
}
