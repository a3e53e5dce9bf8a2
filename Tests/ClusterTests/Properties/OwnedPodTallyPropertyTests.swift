import PropertyBased
import Testing
@testable import Cluster

/// The ReplicaSet controller skips its pod tally for writes that do not matter to ReplicaSets:
/// that is right only if such a write leaves every count the tally keeps where it was.
@Suite struct OwnedPodTallyPropertyTests {
    /// A pod from a few choices for each thing the tally or the ReplicaSets look at.
    static let pod = zip(Gen.int(in: 0...2), Gen.int(in: 0...1), Gen.int(in: 0...2), Gen.bool, Gen.bool, Gen.int(in: 0...1))
        .map { owner, labels, phase, deleting, ready, readySince -> Pod in
            var meta = ObjectMeta(name: "web-1", namespace: "default", labels: [["app": "web"], ["app": "debug"]][labels])
            if owner > 0 {
                meta.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-\(owner)", uid: "rs-\(owner)")]
            }
            if deleting { meta.deletionTimestamp = .zero }
            var pod = Pod(metadata: meta, spec: PodSpec(containers: [Container(name: "app", image: "app:1")]))
            pod.status.phase = ["Pending", "Running", "Failed"][phase]
            pod.status.setCondition("Ready", ready ? "True" : "False", at: SimTime(milliseconds: Int64(readySince) * 1_000))
            return pod
        }

    @Test func aWriteThatDoesNotMatterLeavesTheTallyAlone() async {
        await propertyCheck(count: 500, input: Self.pod, Self.pod) { old, new in
            guard !ReplicaSetController.mattersToReplicaSets(old, new) else { return }
            #expect(OwnedPodTally.contribution(old) == OwnedPodTally.contribution(new))
            #expect(old.metadata.controllerUID == new.metadata.controllerUID)
            #expect(old.metadata.labels == new.metadata.labels)
        }
    }

    /// Whatever sequence of creations, changes (owner, labels, phase, deletion, readiness) and
    /// deletions the watch delivers, the tally's groups are what counting the pods left gives.
    @Test func theTallyIsACountOfThePodsLeftAfterAnySequenceOfChanges() async {
        let step = zip(Gen.int(in: 0...4), Self.pod, Gen.int(in: 0...3))
        await propertyCheck(count: 300, input: step.array(of: 1...40)) { steps in
            let tally = OwnedPodTally()
            var pods: [Int: Pod] = [:]
            for (slot, pod, action) in steps {
                let old = pods[slot]
                let new: Pod? = action == 0 ? nil : pod // one step in four deletes the slot's pod
                tally.replace(old, with: new)
                pods[slot] = new
            }
            var expected: [String: [[String: String]: OwnedPodTally.Counts]] = [:]
            for pod in pods.values {
                guard let owner = pod.metadata.controllerUID else { continue }
                let c = OwnedPodTally.contribution(pod)
                var counts = expected[owner, default: [:]][pod.metadata.labels, default: .init()]
                counts.pods += c.pods
                counts.notTerminating += c.notTerminating
                counts.active += c.active
                counts.activeReady += c.activeReady
                expected[owner, default: [:]][pod.metadata.labels] = counts
            }
            for owner in ["rs-1", "rs-2"] {
                let groups = tally.groups(ownedBy: owner)
                #expect(Set(groups.map(\.labels)).count == groups.count, "a label set is listed once")
                #expect(Dictionary(uniqueKeysWithValues: groups.map { ($0.labels, $0.counts) }) == expected[owner, default: [:]])
            }
        }
    }
}
