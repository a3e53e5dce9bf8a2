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

    @Test func goingBackToAnEarlierTemplateReusesItsReplicaSet() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let oldRS = try #require(dashboard.cluster.store.list(ReplicaSet.self).first).name
        RolloutViewTests.apply(RolloutViewTests.changedDemo(image: "kiamol/ch03-hello-kiamol"), to: dashboard)
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 120))
        RolloutViewTests.apply(DemoDeployment.manifest, to: dashboard)
        #expect(tick(dashboard, until: { dashboard.healing.timeline?.isComplete == true }, within: 120))
        let texts = try #require(dashboard.healing.timeline).steps.map(\.text)
        #expect(texts.first == "back to the pod template of revision 1")
        // No ReplicaSet is created: the first one scales up again.
        #expect(!texts.contains { $0.hasPrefix("creates") })
        #expect(texts.contains("scales up new replicaset \(oldRS) 0 → 1"))
        #expect(texts.last == "rollout complete: 3 of 3 updated and available")
    }

    @Test func pauseResumeAndAFailingNewPodAreSteps() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let key = ObjectKey(namespace: "default", name: "hello-kiamol-2")
        RolloutViewTests.apply(RolloutViewTests.changedDemo(image: "kiamol/ch03-hello-kiamol"), to: dashboard)
        dashboard.tick(realElapsed: .seconds(0.5))
        _ = try dashboard.cluster.store.modify(Deployment.self, key: key) { $0.spec.paused = true }
        let store = dashboard.cluster.store
        let newRS = try #require(store.list(ReplicaSet.self).first { $0.metadata.annotations["deployment.kubernetes.io/revision"] == "2" })
        let pod = try #require(store.pods(ownedBy: newRS.metadata.uid).first)
        // As the kubelet writes it when the image cannot be pulled.
        _ = try store.modify(Pod.self, key: pod.key) { $0.status.containerStatuses = [ContainerStatus(name: "ch02-hello-kiamol", image: "kiamol/ch03-hello-kiamol", state: .waiting(reason: "ErrImagePull"))] }
        _ = try dashboard.cluster.store.modify(Deployment.self, key: key) { $0.spec.paused = false }
        let steps = try #require(dashboard.healing.timeline).steps
        let texts = steps.map(\.text)
        #expect(texts.contains("rollout paused: the controller makes no more steps"))
        #expect(texts.contains("rollout resumed"))
        let failing = try #require(steps.first { $0.text.hasPrefix(pod.name) })
        #expect(failing.text == "\(pod.name) ErrImagePull: image kiamol/ch03-hello-kiamol cannot be pulled; the rollout waits")
        #expect(failing.state == .failed)
        #expect(steps.first { $0.text == "rollout paused: the controller makes no more steps" }?.actor == "kubectl rollout pause (user)")
    }

    @Test func aScaleIsNotARollout() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.run("kubectl scale deployment/hello-kiamol-2 --replicas=4")
        dashboard.tick(realElapsed: .seconds(10))
        #expect(dashboard.healing.timeline?.kind == .scaleUp)
    }
}
