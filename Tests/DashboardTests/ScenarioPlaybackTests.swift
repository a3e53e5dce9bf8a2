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
        #expect(dashboard.cluster.store.get(Deployment.self, "hello-kiamol-2", namespace: "default") != nil)
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
        #expect(dashboard.cluster.store.get(Deployment.self, "hello-kiamol-2", namespace: "default")?.spec.replicas == 3)
    }
}

/// Going back and forth in a presented scenario never touches the cluster again, and what a
/// printing step printed stays in view under the node map.
@Suite struct ScenarioWalkTests {
    func presenter() throws -> Dashboard {
        let dashboard = try demoDashboard(seconds: 0, empty: true)
        dashboard.present(try ScenarioLibrary.load(nameOrPath: "self-healing"))
        return dashboard
    }

    func finishPart(_ dashboard: Dashboard) {
        for _ in 0..<600 where dashboard.player?.isPlaying == true { dashboard.tick(realElapsed: .milliseconds(200)) }
        #expect(dashboard.player?.isPlaying == false)
        #expect(dashboard.player?.failure == nil)
    }

    /// Captions of the built-in scenario, in order.
    var captions: [String] {
        get throws {
            try ScenarioLibrary.load(nameOrPath: "self-healing").steps.compactMap { if case .caption(let text) = $0 { text } else { nil } }
        }
    }

    /// Rows of the frame, for finding where panes are.
    func rows(_ frame: Frame) -> [String] { frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func backAndForthDoesNotRunTheRelabelAgain() throws {
        let dashboard = try presenter()
        let captions = try captions
        // Part 6 relabels the pod (after the Service and the delete under traffic).
        let relabel = try #require(captions.firstIndex { $0.hasPrefix("Relabel the pod") })
        finishPart(dashboard)
        for _ in 0..<relabel {
            dashboard.press(.pageDown)
            finishPart(dashboard)
        }
        #expect(dashboard.caption == captions[relabel])
        let labeled = { dashboard.cluster.store.list(Pod.self).filter { $0.metadata.labels["app"] == "hello-kiamol-x" }.map(\.name) }
        #expect(labeled().count == 1)
        let before = dashboard.cluster.store.list(Pod.self).map { "\($0.name) \($0.metadata.labels)" }
        var writes = 0
        dashboard.cluster.store.watch { _ in writes += 1 }

        var shown: [String?] = []
        for _ in 0...relabel { dashboard.press(.pageUp); shown.append(dashboard.caption) }
        #expect(shown == Array(captions[0..<relabel].reversed()) + [nil])
        #expect(dashboard.status?.text == "before the first part; PageDown or → shows it again (nothing runs again)")
        shown = []
        for _ in 0...relabel { dashboard.press(.right); shown.append(dashboard.caption) }
        #expect(shown == Array(captions[0...relabel]))
        #expect(writes == 0, "walking through parts played before writes nothing to the cluster")
        #expect(dashboard.running.isEmpty)
        #expect(dashboard.cluster.store.list(Pod.self).map { "\($0.name) \($0.metadata.labels)" } == before)
        #expect(dashboard.status?.text == "part \(relabel + 1) of \(relabel + 1), played before (nothing runs again); PageDown or → plays the next part")

        // Past the furthest part, the next one plays: it deletes the relabeled pod, once.
        dashboard.press(.pageDown)
        finishPart(dashboard)
        #expect(dashboard.caption == captions[relabel + 1])
        #expect(labeled().isEmpty)
        #expect(writes > 0)
        let scenario = try ScenarioLibrary.load(nameOrPath: "self-healing")
        #expect(dashboard.player?.position == scenario.steps.firstIndex(of: .caption(captions[relabel + 2])), "it played up to the next pause")
    }

    @Test func printedOutputTakesThePodsPlaceAndLeavesTheNodeMap() throws {
        let dashboard = try presenter()
        finishPart(dashboard)
        let pod = try #require(dashboard.podNames.first)
        for (width, height) in [(120, 40), (80, 24)] {
            let frame = dashboard.render(width: width, height: height)
            let lines = rows(frame)
            let nodes = try #require(frame.find("1 Nodes"))
            let output = try #require(frame.find("Output"), "the first part ends with `kubectl get pods`")
            let command = try #require(frame.find("$ kubectl get pods"))
            #expect(output.y > nodes.y && command.y == output.y + 1)
            // The node map is whole: every node card is drawn above the output.
            for node in ["node-1", "node-2", "node-3"] {
                let card = try #require(frame.find(node), "\(node) at \(width)×\(height)")
                #expect(card.y < output.y)
            }
            #expect(frame.find("2 Deployments").map { $0.y < output.y } == true)
            // The output sits where the Pods pane was, as kubectl printed it.
            #expect(frame.find("4 Pods") == nil)
            #expect(lines[command.y + 1].contains("NAME") && lines[command.y + 1].contains("READY"))
            #expect(lines[command.y + 2].contains(pod) && lines[command.y + 2].contains("Running"))
        }
        // On a tall screen three lines fit in the Pods pane's place: Healing and Events stay.
        let tall = dashboard.render(width: 120, height: 40)
        let output = try #require(tall.find("Output"))
        #expect(tall.find("Healing").map { $0.y > output.y + 4 } == true)
        #expect(tall.find("5 Events").map { $0.y > output.y + 4 } == true)
        #expect(dashboard.mode == .normal, "no overlay: the keys stay the presenter's")
    }

    @Test func escClosesTheOutputAndWalkingBackShowsItAgain() throws {
        let dashboard = try presenter()
        finishPart(dashboard)
        #expect(dashboard.frameText().contains("$ kubectl get pods"))
        dashboard.press(.escape)
        #expect(!dashboard.frameText().contains("$ kubectl get pods"))
        #expect(dashboard.frameText().contains("4 Pods"))

        // The next part prints its own output; the first part's is gone.
        dashboard.press(.pageDown)
        finishPart(dashboard)
        var text = dashboard.frameText()
        #expect(text.contains("$ kubectl get deployments"))
        #expect(text.contains("$ kubectl get replicasets"))

        // Back: the first part's output again, as it was printed then.
        dashboard.press(.left)
        text = dashboard.frameText()
        #expect(text.contains("$ kubectl get pods"))
        #expect(!text.contains("$ kubectl get deployments"))
        dashboard.press(.right)
        #expect(dashboard.frameText().contains("$ kubectl get replicasets"))
    }

    @Test func theNextPageDownClosesTheOutput() throws {
        let dashboard = try presenter()
        finishPart(dashboard)
        for _ in 1..<4 {
            dashboard.press(.pageDown)
            finishPart(dashboard)
        }
        // Part 4 ends listing the traffic (its commands that change things report in the status line).
        #expect(dashboard.frameText().contains("$ sim traffic"))
        // Part 5 starts with a blocking delete: until its `get pods` prints, no output shows,
        // and the Pods pane is back in its place.
        dashboard.press(.pageDown)
        #expect(dashboard.player?.isPlaying == true)
        var text = dashboard.frameText()
        #expect(!text.contains("$ sim traffic"))
        #expect(!text.contains("Esc close"))
        #expect(text.contains("4 Pods"))
        finishPart(dashboard)
        text = dashboard.frameText()
        #expect(text.contains("$ kubectl get pods"))
    }

    @Test func longOutputScrollsWithTheArrows() throws {
        let dashboard = try presenter()
        finishPart(dashboard)
        dashboard.press(.pageDown)
        finishPart(dashboard)
        dashboard.press(.pageDown)
        finishPart(dashboard)
        // Part 3: describe deployment (many lines) then get --show-labels.
        var frame = dashboard.render(width: 80, height: 24)
        #expect(frame.find("$ kubectl describe deployment hello-kiamol-2") != nil)
        #expect(frame.find("Esc close") != nil)
        let selectedBefore = dashboard.selectedName()
        for _ in 0..<60 { dashboard.press(.down) }
        frame = dashboard.render(width: 80, height: 24)
        #expect(frame.find("$ kubectl get pods -l app=hello-kiamol-2 --show-labels") != nil)
        #expect(frame.find("$ kubectl describe deployment") == nil)
        #expect(dashboard.selectedName() == selectedBefore, "the arrows scrolled the output, not the hidden table")
        for _ in 0..<60 { dashboard.press(.up) }
        #expect(dashboard.render(width: 80, height: 24).find("$ kubectl describe deployment hello-kiamol-2") != nil)
    }

    @Test func autoplayShowsWhatStepsPrint() throws {
        let dashboard = try demoDashboard(seconds: 0, empty: true)
        dashboard.present(try ScenarioLibrary.load(nameOrPath: "self-healing"), autoplay: true)
        var seen: Set<String> = []
        for _ in 0..<3000 where dashboard.player?.isFinished == false {
            dashboard.tick(realElapsed: .milliseconds(200))
            for line in rows(dashboard.render(width: 120, height: 40)) {
                if let range = line.range(of: "$ kubectl ") { seen.insert(String(line[range.lowerBound...]).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "│", with: "").trimmingCharacters(in: .whitespaces)) }
            }
        }
        #expect(seen.contains("$ kubectl describe deployment hello-kiamol-2"))
        #expect(seen.contains("$ kubectl get pods --show-labels"))
        #expect(seen.contains("$ kubectl get pods -o wide"))
    }

    @Test func loopStartsOverOnAFreshCluster() throws {
        let dashboard = try demoDashboard(seconds: 0, empty: true)
        let first = dashboard.session
        var made = 0
        dashboard.present(try ScenarioLibrary.load(nameOrPath: "self-healing"), autoplay: true) {
            made += 1
            return Session(cluster: Cluster(seed: 1))
        }
        for _ in 0..<5000 where made == 0 { dashboard.tick(realElapsed: .milliseconds(200)) }
        #expect(made == 1)
        #expect(dashboard.session !== first)
        #expect(first.cluster.store.get(Deployment.self, "hello-kiamol-2", namespace: "default")?.spec.replicas == 3, "the first round played to its end")
        // The new round plays from the top, on a cluster made as the first one was.
        #expect(dashboard.caption == (try ScenarioLibrary.load(nameOrPath: "self-healing")).steps.first.flatMap { if case .caption(let t) = $0 { t } else { nil } })
        #expect(dashboard.player?.parts.count == 1)
        #expect(dashboard.cluster.store.list(Deployment.self).map(\.name) == ["hello-kiamol-2"])
        #expect(dashboard.cluster.now.milliseconds < 1000)
        // And it goes on to the end again, and round again.
        for _ in 0..<5000 where made == 1 { dashboard.tick(realElapsed: .milliseconds(200)) }
        #expect(made == 2)
    }

    @Test func withoutALoopTheEndStays() throws {
        let dashboard = try demoDashboard(seconds: 0, empty: true)
        dashboard.present(try ScenarioLibrary.load(nameOrPath: "self-healing"), autoplay: true)
        let session = dashboard.session
        for _ in 0..<3000 { dashboard.tick(realElapsed: .milliseconds(200)) }
        #expect(dashboard.player?.isFinished == true)
        #expect(dashboard.session === session)
        #expect(dashboard.status?.text == "scenario self-healing: the end")
    }
}

extension ScenarioWalkTests {
    @Test func aLoopWhoseSetupFailsStopsAtTheEnd() throws {
        let dashboard = try demoDashboard(seconds: 0, empty: true)
        var asked = 0
        dashboard.present(try ScenarioLibrary.load(nameOrPath: "self-healing"), autoplay: true) {
            asked += 1
            return nil
        }
        let session = dashboard.session
        for _ in 0..<3000 { dashboard.tick(realElapsed: .milliseconds(200)) }
        #expect(asked == 1, "asked once, not on every tick")
        #expect(dashboard.session === session)
        #expect(dashboard.status == StatusMessage(text: "scenario self-healing: cannot start over (the cluster's setup failed)",
                                                  isError: true, at: dashboard.status?.at ?? .zero))
    }

    @Test func theStatusLineSaysWhatAPartChangedNotWhatItPrinted() throws {
        let dashboard = try demoDashboard(seconds: 0, empty: true)
        dashboard.present(try ScenarioLibrary.load(nameOrPath: "self-healing"))
        // The first part's create reports at once; its wait is still running.
        #expect(dashboard.player?.isPlaying == true)
        #expect(dashboard.status?.text == "deployment.apps/hello-kiamol-2 created")
        finishPart(dashboard)
        dashboard.press(.pageDown)
        // Part 2 only prints (get deployments, replicasets, pods): the tables are in the output
        // panel, and the status line does not repeat a row of them.
        #expect(dashboard.status?.text == "PageDown or → for the next part")
    }
}
