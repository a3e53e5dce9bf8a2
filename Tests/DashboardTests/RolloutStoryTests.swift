import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The Healing pane tells a rollout step by step, as it tells a kill: what changed, the new
/// ReplicaSet scaled up as the old one is scaled down, new pods Ready, and how it ended.
@Suite struct RolloutStoryTests {
    func tick(_ dashboard: Dashboard, until done: () -> Bool, within seconds: Double) -> Bool {
        var waited = 0.0
        while !done() && waited < seconds {
            dashboard.tick(realElapsed: .seconds(0.5))
            waited += 0.5
        }
        return done()
    }

    @Test func aGoodRolloutIsToldStepByStepToItsEnd() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let oldRS = try #require(dashboard.cluster.store.list(ReplicaSet.self).first).name
        RolloutViewTests.apply(RolloutViewTests.changedDemo(image: "kiamol/ch03-hello-kiamol"), to: dashboard)
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 120))
        let timeline = try #require(dashboard.healing.timeline)
        #expect(timeline.kind == .rollout)
        #expect(timeline.heading == "Rollout: deployment hello-kiamol-2 (RollingUpdate)")
        let texts = timeline.steps.map(\.text)
        #expect(texts.first == "image kiamol/ch02-hello-kiamol → kiamol/ch03-hello-kiamol")
        #expect(timeline.steps.first?.actor == "kubectl (user)")
        let newRS = try #require(dashboard.cluster.store.list(ReplicaSet.self).first { $0.name != oldRS }).name
        #expect(texts[1] == "creates new replicaset \(newRS) (revision 2), 1 replica")
        #expect(texts.last == "rollout complete: 3 of 3 updated and available")
        // maxSurge 1, maxUnavailable 0: the new grows one at a time, the old shrinks to 0 behind it.
        let scales = texts.filter { $0.contains("scales ") }
        #expect(scales.contains("scales up new replicaset \(newRS) 1 → 2"))
        #expect(scales.contains("scales up new replicaset \(newRS) 2 → 3"))
        #expect(scales.contains("scales down old replicaset \(oldRS) 3 → 2"))
        #expect(scales.contains("scales down old replicaset \(oldRS) 1 → 0"))
        #expect(texts.filter { $0.contains(" Ready → ") }.count == 3)
        #expect(texts.contains { $0.hasSuffix("Ready → 3 of 3 new ready") })
        // Each scale-down comes after a new pod became Ready (availability kept).
        let firstDown = try #require(texts.firstIndex { $0.hasPrefix("scales down") })
        let firstReady = try #require(texts.firstIndex { $0.contains(" Ready → ") })
        #expect(firstReady < firstDown)
        // The rendered pane carries the title and the last steps.
        let frame = dashboard.frameText()
        #expect(frame.contains("Rollout: deployment hello-kiamol-2 (RollingUpdate)"))
        #expect(frame.contains("✓ rollout complete: 3 of 3 updated and available"))
    }

    @Test func aStalledRolloutEndsInAFailedStepAndAKillAfterwardsIsToldAgain() throws {
        let dashboard = try demoDashboard(seconds: 20)
        RolloutViewTests.apply(RolloutViewTests.changedDemo(image: "kiamol/ch03-hello-kiamol", cpu: "64", extraSpec: "  progressDeadlineSeconds: 10\n"),
                               to: dashboard)
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.steps.last?.state == .failed }, within: 30))
        let timeline = try #require(dashboard.healing.timeline)
        #expect(timeline.kind == .rollout)
        #expect(timeline.steps.last?.text == "stalled: ProgressDeadlineExceeded after 10s without progress")
        #expect(timeline.steps.last?.actor == "deployment-controller")
        // Nothing scaled the old ReplicaSet down: maxUnavailable 0 held availability.
        #expect(!timeline.steps.contains { $0.text.hasPrefix("scales down") })
        let frame = dashboard.render(width: 120, height: 40)
        let at = try #require(frame.find("✗ stalled: ProgressDeadlineExceeded"))
        #expect(frame[at.x + 2, at.y].style == dashboard.theme[.error])
        // A pod killed later is the latest story.
        dashboard.press(.character("4"), .character("x"))
        #expect(dashboard.healing.timeline?.kind == .healing)
    }

    @Test func aScaleIsNotARollout() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.run("kubectl scale deployment/hello-kiamol-2 --replicas=4")
        dashboard.tick(realElapsed: .seconds(10))
        #expect(dashboard.healing.timeline?.kind == .scaleUp)
    }
}
