import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// What `i`, `u`, `p` and `R` do to the cluster, through kubectl's own rollout commands.
@Suite struct RolloutKeyEffectTests {
    static let key = ObjectKey(namespace: "default", name: "hello-kiamol-2")

    func deployment(_ dashboard: Dashboard) throws -> Deployment {
        try #require(dashboard.cluster.store.get(Deployment.self, key: Self.key))
    }

    @Test func setImageRollsOutAndUndoRollsBack() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.press(.character("2"), .character("i"), .control("u"))
        dashboard.type("kiamol/ch03-hello-kiamol")
        dashboard.press(.enter)
        #expect(dashboard.status?.text == "deployment.apps/hello-kiamol-2 image updated")
        #expect(try deployment(dashboard).spec.template.spec.containers[0].image == "kiamol/ch03-hello-kiamol")
        dashboard.tick(realElapsed: .seconds(60))
        #expect(try deployment(dashboard).metadata.annotations["deployment.kubernetes.io/revision"] == "2")
        #expect(dashboard.cluster.store.list(Pod.self, namespace: "default").allSatisfy { $0.spec.containers[0].image == "kiamol/ch03-hello-kiamol" })
        dashboard.press(.character("u"))
        #expect(dashboard.status?.text == "deployment.apps/hello-kiamol-2 rolled back")
        dashboard.tick(realElapsed: .seconds(60))
        let back = try deployment(dashboard)
        #expect(back.spec.template.spec.containers[0].image == "kiamol/ch02-hello-kiamol")
        #expect(back.metadata.annotations["deployment.kubernetes.io/revision"] == "3")
    }

    @Test func pauseHoldsTheRolloutAndResumeLetsItGo() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.press(.character("2"), .enter, .character("p"))
        #expect(dashboard.status?.text == "deployment.apps/hello-kiamol-2 paused")
        #expect(try deployment(dashboard).spec.paused)
        #expect(dashboard.frameText().contains("‖ PAUSED"))
        dashboard.run("kubectl set image deployment/hello-kiamol-2 ch02-hello-kiamol=kiamol/ch03-hello-kiamol")
        dashboard.tick(realElapsed: .seconds(30))
        // Paused: no new ReplicaSet pods.
        #expect(dashboard.cluster.store.list(Pod.self, namespace: "default").allSatisfy { $0.spec.containers[0].image == "kiamol/ch02-hello-kiamol" })
        dashboard.press(.character("p"))
        #expect(dashboard.status?.text == "deployment.apps/hello-kiamol-2 resumed")
        dashboard.tick(realElapsed: .seconds(60))
        #expect(dashboard.rolloutSummary?.phase == .complete)
        #expect(dashboard.rolloutSummary?.new?.image == "kiamol/ch03-hello-kiamol")
    }

    @Test func restartReplacesEveryPod() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let before = Set(dashboard.podNames)
        dashboard.press(.character("2"), .character("R"))
        #expect(dashboard.status?.text == "deployment.apps/hello-kiamol-2 restarted")
        dashboard.tick(realElapsed: .seconds(60))
        let after = Set(dashboard.cluster.store.list(Pod.self, namespace: "default").filter(\.isActive).map(\.name))
        #expect(after.count == 3 && after.isDisjoint(with: before))
        #expect(dashboard.healing.timeline?.steps.first?.text == "restarted: a new restartedAt annotation on the pod template")
    }

    @Test func aMissingImageShowsOnTheMapAndStallsTheView() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.run("sim image kiamol/nope --missing")
        dashboard.press(.character("2"), .enter, .character("i"), .control("u"))
        dashboard.type("kiamol/nope")
        dashboard.press(.enter)
        dashboard.tick(realElapsed: .seconds(30))
        let summary = try #require(dashboard.rolloutSummary)
        let stuck = try #require(summary.new?.pods.first)
        #expect(PodTileState(stuck) == .imagePullFailing)
        #expect(dashboard.frameText().contains("⇣" + stuck.name.suffix(5)))
        // Availability held: maxUnavailable 0.
        #expect(summary.available == 3)
        #expect(dashboard.healing.timeline?.steps.contains { $0.state == .failed && $0.text.contains("cannot be pulled") } == true)
    }
}
