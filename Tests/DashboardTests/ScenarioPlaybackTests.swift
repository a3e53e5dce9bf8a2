import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// Presenting a scenario in the dashboard: captions, the clicker keys, autoplay.
@Suite struct ScenarioPlaybackTests {
    func presenter(autoplay: Bool = false) throws -> Dashboard {
        let dashboard = try demoDashboard(seconds: 0, empty: true)
        dashboard.present(try ScenarioLibrary.load(nameOrPath: "self-healing"), autoplay: autoplay)
        return dashboard
    }

    /// Ticks until the part now playing is over (bounded).
    func finishPart(_ dashboard: Dashboard) {
        for _ in 0..<600 where dashboard.player?.isPlaying == true { dashboard.tick(realElapsed: .milliseconds(200)) }
    }

    @Test func clickerKeysStepThroughCaptions() throws {
        let dashboard = try presenter()
        let first = try #require(dashboard.caption)
        #expect(dashboard.frameText().contains(first))
        finishPart(dashboard)
        #expect(dashboard.player?.isPlaying == false)
        #expect(dashboard.status?.text == "PageDown or → for the next part")
        #expect(dashboard.cluster.store.get(Deployment.self, "hello-kiamol-2") != nil)
        dashboard.press(.pageDown)
        let second = try #require(dashboard.caption)
        #expect(second != first)
        // Pressed again while the part still plays: it says so instead of skipping ahead.
        if dashboard.player?.isPlaying == true {
            dashboard.press(.right)
            #expect(dashboard.status?.text == "this part is still playing; PageDown again when it is over")
            #expect(dashboard.caption == second)
        }
        finishPart(dashboard)
        dashboard.press(.left)
        #expect(dashboard.caption == first)
        // Without a scenario, PageDown pages the focused table as before.
        let plain = try demoDashboard()
        plain.press(.pageDown)
        #expect(plain.selectedName() == plain.podNames.last)
    }

    @Test func autoplayPlaysTheWholeScenario() throws {
        let dashboard = try presenter(autoplay: true)
        var captions: [String] = []
        for _ in 0..<3000 where dashboard.player?.isFinished == false {
            dashboard.tick(realElapsed: .milliseconds(200))
            if let caption = dashboard.caption, captions.last != caption { captions.append(caption) }
        }
        #expect(dashboard.player?.isFinished == true)
        #expect(dashboard.player?.failure == nil)
        #expect(captions.count >= 3)
        #expect(dashboard.status?.text == "scenario self-healing: the end")
        #expect(dashboard.cluster.store.get(Deployment.self, "hello-kiamol-2")?.spec.replicas == 3)
    }
}
