import Testing
@testable import Cluster

/// The dashboard runs the cluster in slices between frames; slicing must not change what happens.
@Suite struct SlicedAdvanceTests {
    /// Pods (name, uid, node, phase) and events (name, times, count, reason, message): what a
    /// run produced, down to the names and uids drawn from the seeded generator.
    static func outcome(_ cluster: Cluster) -> [String] {
        cluster.store.list(Pod.self).map { "\($0.name) \($0.metadata.uid) \($0.spec.nodeName) \($0.status.phase)" }
            + cluster.store.list(Event.self).map {
                "\($0.name) \($0.firstTimestamp) \($0.lastTimestamp) \($0.count) \($0.reason) \($0.message)"
            }
    }

    /// A cluster scaled from 3 to `replicas` at t=10s (three nodes: most pods stay Pending).
    static func scaling(to replicas: Int) throws -> Cluster {
        let cluster = Cluster(seed: 7)
        try cluster.store.create(makeDeployment("web", replicas: 3))
        cluster.advance(by: .seconds(10))
        try cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.replicas = replicas }
        return cluster
    }

    @Test func slicesFireTheSameTimersInTheSameOrderAsOneAdvance() throws {
        let whole = try Self.scaling(to: 600)
        let target = whole.now + .seconds(20)
        whole.advance(by: .seconds(20))

        let sliced = try Self.scaling(to: 600)
        var slices = 0
        var reached = false
        while !reached {
            var fired = 1
            reached = sliced.advance(toward: target) { fired += 1; return fired <= 5 }
            slices += 1
            #expect(sliced.now <= target)
        }
        #expect(slices > 100, "the work was cut into slices of five timers")
        #expect(sliced.now == target)
        #expect(Self.outcome(sliced) == Self.outcome(whole))
        #expect(whole.store.count(Pod.self) == 600)
    }

    @Test func aStoppedSliceLeavesTheClockAtTheLastTimerFired() throws {
        let cluster = try Self.scaling(to: 600)
        let start = cluster.now
        let target = start + .seconds(20)
        let reached = cluster.advance(toward: target) { false }
        #expect(!reached)
        #expect(cluster.now < target)
        // One timer fired (the ReplicaSet's sync is due after the controller's reaction time).
        #expect(cluster.now >= start)
        let next = try #require(cluster.clock.nextFireTime)
        #expect(next <= target)
    }
}
