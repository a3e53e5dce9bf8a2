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
}
