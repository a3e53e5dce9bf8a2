import Testing
@testable import Cluster
@testable import Commands

/// A rolling update watched at every timer step of the virtual clock: the counts stay inside
/// what upstream's deployment controller guarantees, and the rollout ends all-new.
@Suite struct RollingUpdateBoundsTests {
    /// Replicas, maxSurge and maxUnavailable as written, and what upstream resolves them to
    /// (surge rounds up, unavailable down; both 0 makes unavailable 1).
    struct Case: Sendable, CustomStringConvertible {
        var replicas: Int, surge: String, unavailable: String
        var resolvedSurge: Int, resolvedUnavailable: Int
        var description: String { "\(replicas)/\(surge)/\(unavailable)" }
    }

    static let cases: [Case] = [
        Case(replicas: 10, surge: "25%", unavailable: "25%", resolvedSurge: 3, resolvedUnavailable: 2),
        Case(replicas: 4, surge: "1", unavailable: "0", resolvedSurge: 1, resolvedUnavailable: 0),
        Case(replicas: 3, surge: "0", unavailable: "1", resolvedSurge: 0, resolvedUnavailable: 1),
        Case(replicas: 1, surge: "25%", unavailable: "25%", resolvedSurge: 1, resolvedUnavailable: 0),
        Case(replicas: 5, surge: "100%", unavailable: "0", resolvedSurge: 5, resolvedUnavailable: 0),
    ]

    /// The deployment's pods that are not being deleted, split by whether they run the new image.
    static func pods(_ cluster: Cluster, image: String) -> (new: [Pod], old: [Pod]) {
        let live = cluster.store.list(Pod.self, namespace: "default").filter { !$0.isTerminating && $0.metadata.labels["app"] == "web" }
        return (live.filter { $0.spec.containers[0].image == image }, live.filter { $0.spec.containers[0].image != image })
    }

    @Test(arguments: cases) func rollingUpdateStaysWithinSurgeAndUnavailable(_ c: Case) throws {
        let shell = Shell(seed: 7)
        #expect(!shell.run("create deployment web --image=nginx:1.26 --replicas=\(c.replicas)").failed)
        try shell.cluster.store.modify(Deployment.self, "web", namespace: "default") {
            $0.spec.strategy.maxSurge = c.surge
            $0.spec.strategy.maxUnavailable = c.unavailable
        }
        #expect(shell.run("rollout status deployment/web").stdout.hasSuffix("deployment \"web\" successfully rolled out\n"))
        let d = try #require(shell.cluster.store.get(Deployment.self, "web", namespace: "default"))
        let limits = RolloutMath.surgeAndUnavailable(d)
        #expect(limits.surge == c.resolvedSurge && limits.unavailable == c.resolvedUnavailable)

        #expect(shell.out("set image deployment/web nginx=nginx:1.27") == "deployment.apps/web image updated\n")
        // RS sizes are checked after every timer; pod counts once each instant has settled,
        // since two controllers acting at the same instant leave a zero-length state between them.
        var steps = 0, worstDesired = 0, worstTotal = 0, worstAvailable = Int.max, sawBothImages = false
        var instant: SimTime?
        var settled: (total: Int, available: Int)?
        func commit() {
            guard let settled else { return }
            worstTotal = max(worstTotal, settled.total)
            worstAvailable = min(worstAvailable, settled.available)
        }
        let cluster = shell.cluster
        let done = cluster.advance(until: {
            steps += 1
            if cluster.now != instant { commit(); instant = cluster.now }
            let (new, old) = Self.pods(cluster, image: "nginx:1.27")
            let desired = cluster.store.list(ReplicaSet.self, namespace: "default").reduce(0) { $0 + $1.spec.replicas }
            worstDesired = max(worstDesired, desired)
            settled = (new.count + old.count, (new + old).filter(\.isReady).count)
            if !new.isEmpty && !old.isEmpty { sawBothImages = true }
            return new.count == c.replicas && old.isEmpty && new.allSatisfy(\.isReady)
                && cluster.store.get(Deployment.self, "web", namespace: "default")?.status.availableReplicas == c.replicas
        }, timeout: .seconds(600))
        commit()
        #expect(done, "the rollout converges to all-new pods")
        #expect(steps > 5, "the rollout was watched step by step")
        #expect(worstDesired <= c.replicas + c.resolvedSurge)
        #expect(worstTotal <= c.replicas + c.resolvedSurge)
        #expect(worstAvailable >= c.replicas - c.resolvedUnavailable)
        // With room to surge or to lose a pod, old and new pods run side by side for a while.
        #expect(sawBothImages == (c.replicas > 1 || c.resolvedSurge > 0))
        let sets = shell.cluster.store.list(ReplicaSet.self, namespace: "default")
        #expect(sets.count == 2)
        #expect(sets.map(\.spec.replicas).sorted() == [0, c.replicas])
    }

    @Test func recreateStartsNoNewPodUntilEveryOldPodIsGone() throws {
        let shell = Shell(seed: 8)
        #expect(!shell.run("create deployment web --image=nginx:1.26 --replicas=4").failed)
        try shell.cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.strategy.type = .recreate }
        #expect(!shell.run("rollout status deployment/web").failed)
        #expect(!shell.run("set image deployment/web nginx=nginx:1.27").failed)
        let cluster = shell.cluster
        var overlap = false, sawGap = false
        let done = cluster.advance(until: {
            // Every pod the store still holds, terminating ones included.
            let all = cluster.store.list(Pod.self, namespace: "default").filter { $0.metadata.labels["app"] == "web" }
            let new = all.filter { $0.spec.containers[0].image == "nginx:1.27" }
            let old = all.filter { $0.spec.containers[0].image == "nginx:1.26" }
            if !new.isEmpty && !old.isEmpty { overlap = true }
            if new.isEmpty && old.isEmpty { sawGap = true }
            return new.count == 4 && new.allSatisfy(\.isReady)
        }, timeout: .seconds(600))
        #expect(done)
        #expect(!overlap, "no new pod exists while an old one does")
        #expect(sawGap, "there is a moment with no pods at all")
        let messages = shell.cluster.store.list(Event.self, namespace: "default").filter { $0.involvedObject.kind == "Deployment" }.map(\.message)
        #expect(messages.contains { $0.hasPrefix("Scaled down replica set web-") && $0.hasSuffix(" from 4 to 0") })
        #expect(messages.contains { $0.hasPrefix("Scaled up replica set web-") && $0.hasSuffix(" from 0 to 4") })
    }

    @Test func minReadySecondsHoldsAvailabilityBack() throws {
        let shell = Shell(seed: 9)
        #expect(!shell.run("create deployment web --image=nginx:1.26 --replicas=1").failed)
        try shell.cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.minReadySeconds = 20 }
        #expect(!shell.run("rollout status deployment/web").failed)
        #expect(!shell.run("set image deployment/web nginx=nginx:1.27").failed)
        let cluster = shell.cluster
        // Until the new pod is ready.
        #expect(cluster.advance(until: { Self.pods(cluster, image: "nginx:1.27").new.first?.isReady == true }, timeout: .seconds(120)))
        // Availability counts from the Ready condition's transition (IsPodAvailable).
        let readyAt = try #require(Self.pods(cluster, image: "nginx:1.27").new.first?.status.condition("Ready")?.lastTransitionTime)
        func newSetAvailable() -> Int {
            let d = cluster.store.get(Deployment.self, "web", namespace: "default")!
            return DeploymentReplicaSets(d, store: cluster.store).new?.status.availableReplicas ?? -1
        }
        cluster.advance(by: readyAt + .seconds(19) - cluster.now)
        #expect(newSetAvailable() == 0, "ready for less than minReadySeconds is not available")
        #expect(Self.pods(cluster, image: "nginx:1.27").old.count == 1, "the old pod stays while the new one is not available")
        #expect(cluster.advance(until: { newSetAvailable() == 1 }, timeout: .seconds(10)))
        #expect(cluster.now - readyAt >= .seconds(20))
        #expect(cluster.advance(until: { Self.pods(cluster, image: "nginx:1.27").old.isEmpty }, timeout: .seconds(30)))
    }
}
