import Testing
@testable import Cluster
@testable import Commands

/// etcd's space quota: a scale to 2147483647 fills the store to the quota and stops there,
/// further creations are refused with etcd's error in kubectl's words, and deleting frees room.
@Suite struct EtcdQuotaTests {
    @Test func creationsStopAtTheQuotaAndDeletionsMakeRoom() throws {
        let shell = Shell(seed: 1)
        shell.out("create deployment web --image=nginx --replicas=3")
        shell.run("sleep 30s")
        let store = shell.cluster.store
        store.quota.bytes = store.estimatedBytes(storing: .pod) + 40 * EtcdQuota.estimatedSize(of: .pod)

        shell.out("scale deployment web --replicas=2147483647")
        shell.run("sleep 60s")
        // Room for forty more pods, and no more (events are in an etcd of their own).
        #expect(store.count(Pod.self) == 43)
        #expect(store.estimatedBytes(storing: .pod) <= store.quota.bytes)
        // Full: a new deployment is refused as kubectl shows etcd's error, and nothing is written.
        let refused = shell.run("create deployment other --image=nginx")
        #expect(refused.stderr == "error: failed to create deployment: etcdserver: mvcc: database space exceeded\n")
        #expect(store.get(Deployment.self, "other", namespace: "default") == nil)

        // Scaling down is an update, which the quota lets through; the pods deleted make room.
        shell.out("scale deployment web --replicas=1")
        shell.run("sleep 60s")
        #expect(store.count(Pod.self) == 1)
        #expect(shell.run("create deployment other --image=nginx").stdout == "deployment.apps/other created\n")
    }

    /// Creations far from the quota are counted down from the last full sum instead of summing
    /// every kind again; a quota lowered meanwhile still holds for the very next creation, and
    /// the count-down never lets the usage past it.
    @Test func aLoweredQuotaHoldsAtOnceAfterCreationsFarFromIt() throws {
        let shell = Shell(seed: 1)
        shell.out("create deployment web --image=nginx --replicas=20")
        shell.run("sleep 30s")
        let store = shell.cluster.store
        #expect(store.creationsSurelyInQuota[EtcdQuota.etcdIndex(storing: .pod)] > 100_000, "the default quota leaves room for far more than 20 pods")
        store.quota.bytes = store.estimatedBytes(storing: .pod) + 2 * EtcdQuota.estimatedSize(of: .pod)
        shell.out("scale deployment web --replicas=30")
        shell.run("sleep 60s")
        #expect(store.count(Pod.self) == 22)
        #expect(store.estimatedBytes(storing: .pod) <= store.quota.bytes)
    }

    /// Events have an etcd of their own: with it full, events are dropped and pods still made.
    @Test func aFullEventsEtcdDoesNotStopPods() throws {
        let shell = Shell(seed: 1)
        shell.out("create deployment web --image=nginx --replicas=1")
        shell.run("sleep 30s")
        let store = shell.cluster.store
        let events = store.count(Event.self)
        store.quota.eventBytes = store.estimatedBytes(storing: .event)
        shell.out("scale deployment web --replicas=5")
        shell.run("sleep 30s")
        #expect(store.count(Pod.self) == 5)
        #expect(store.count(Event.self) == events)
    }

    @Test func theReplicaSetsEventSaysWhatEtcdSaid() throws {
        let shell = Shell(seed: 1)
        shell.out("create deployment web --image=nginx --replicas=1")
        shell.run("sleep 30s")
        let store = shell.cluster.store
        // Room for events but not for one more pod.
        store.quota.bytes = store.estimatedBytes(storing: .pod) + EtcdQuota.estimatedSize(of: .pod) - 1
        shell.out("scale deployment web --replicas=2")
        shell.run("sleep 5s")
        #expect(store.count(Pod.self) == 1)
        let events = shell.out("get events --field-selector reason=FailedCreate")
        #expect(events.contains("Error creating: etcdserver: mvcc: database space exceeded"), "\(events)")
    }
}
