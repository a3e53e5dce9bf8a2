import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// Keys do what the help says, through the same commands as the headless shell.
@Suite struct DashboardKeyTests {
    @Test func killSelectedPodWithXOrCtrlK() throws {
        let dashboard = try demoDashboard()
        let first = dashboard.podNames[0]
        dashboard.press(.character("x"))
        #expect(dashboard.cluster.store.get(Pod.self, first, namespace: "default")?.isTerminating == true)
        #expect(dashboard.status == StatusMessage(text: "pod \"\(first)\" deleted", isError: false, at: dashboard.cluster.now, byRunningCommand: true))
        // The delete keeps waiting in the background while time runs; the UI is not blocked.
        #expect(!dashboard.running.isEmpty)
        dashboard.tick(realElapsed: .seconds(10))
        #expect(dashboard.running.isEmpty)
        #expect(dashboard.cluster.store.get(Pod.self, first, namespace: "default") == nil)
        // The screen shows where the highlight went before the next key acts on it.
        _ = dashboard.render(width: 120, height: 40)
        let second = dashboard.selectedName()!
        dashboard.press(.control("k"))
        #expect(dashboard.cluster.store.get(Pod.self, second, namespace: "default")?.isTerminating == true)
    }

    /// A command that follows until stopped (`logs -f`) runs in the status line; Esc stops it,
    /// as Ctrl-C stops kubectl, and the dashboard goes on.
    @Test func escStopsACommandThatFollows() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character(":"))
        dashboard.type("logs -f deployment/hello-kiamol-2")
        dashboard.press(.enter)
        dashboard.tick(realElapsed: .seconds(2))
        #expect(dashboard.running.count == 1)
        dashboard.press(.escape)
        #expect(dashboard.running.isEmpty)
        #expect(dashboard.status == StatusMessage(text: "stopped: logs -f deployment/hello-kiamol-2", isError: false, at: dashboard.cluster.now))
        dashboard.tick(realElapsed: .seconds(2))
        #expect(dashboard.status?.text == "stopped: logs -f deployment/hello-kiamol-2", "nothing more from the stopped command")
        #expect(!dashboard.shouldQuit)
        // With nothing running, Esc clears the status line as before.
        dashboard.press(.escape)
        #expect(dashboard.status == nil)

        // What a key set off is not stopped by Esc: the kill's wait runs on until the pod is gone.
        dashboard.press(.character("4"))
        dashboard.press(.character("x"))
        #expect(dashboard.running.count == 1)
        dashboard.press(.escape)
        #expect(dashboard.running.count == 1)
        dashboard.tick(realElapsed: .seconds(40))
        #expect(dashboard.running.isEmpty)
    }

    @Test func relabelPromptIsPrefilledAndReleasesThePod() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.down)
        let pod = dashboard.selectedName()!
        let labels = dashboard.cluster.store.get(Pod.self, pod, namespace: "default")!.metadata.labels
        dashboard.press(.character("l"))
        guard case .prompt(_, let input) = dashboard.mode else { Issue.record("no prompt"); return }
        #expect(input.text == "app=hello-kiamol-2 pod-template-hash=\(labels["pod-template-hash"]!)")
        dashboard.press(.control("u"))
        dashboard.type("app=debug")
        dashboard.press(.enter)
        #expect(dashboard.status?.text == "pod/\(pod) labeled")
        let relabeled = dashboard.cluster.store.get(Pod.self, pod, namespace: "default")!
        #expect(relabeled.metadata.labels == ["app": "debug"])
        dashboard.tick(realElapsed: .seconds(10))
        #expect(dashboard.cluster.store.get(Pod.self, pod, namespace: "default")?.metadata.ownerReferences.isEmpty == true)
        #expect(dashboard.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "hello-kiamol-2"])).count == 3)
    }

    @Test func scaleWithPlusMinusAndS() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("2"), .character("+"))
        #expect(dashboard.status?.text == "deployment.apps/hello-kiamol-2 scaled")
        #expect(dashboard.cluster.store.get(Deployment.self, "hello-kiamol-2", namespace: "default")?.spec.replicas == 4)
        dashboard.press(.character("-"), .character("-"))
        #expect(dashboard.cluster.store.get(Deployment.self, "hello-kiamol-2", namespace: "default")?.spec.replicas == 2)
        dashboard.press(.character("s"), .control("u"))
        dashboard.type("5")
        dashboard.press(.enter)
        #expect(dashboard.cluster.store.get(Deployment.self, "hello-kiamol-2", namespace: "default")?.spec.replicas == 5)
        dashboard.press(.character("s"), .control("u"))
        dashboard.type("-1")
        dashboard.press(.enter)
        #expect(dashboard.status == StatusMessage(text: "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0", isError: true, at: dashboard.cluster.now))
    }

    @Test func nodeKeysCordonDrainFailAndAdd() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("1"))
        #expect(dashboard.selectedName() == "node-1")
        dashboard.press(.character("c"))
        #expect(dashboard.status?.text == "node/node-1 cordoned")
        dashboard.press(.character("c"))
        #expect(dashboard.status?.text == "node/node-1 uncordoned")
        dashboard.press(.character("r"))
        // A drain waits for its evictions, but the dashboard stays live and reports as it goes.
        #expect(!dashboard.running.isEmpty)
        #expect(dashboard.status?.text.hasPrefix("evicting pod default/hello-kiamol-2-") == true)
        #expect(dashboard.healing.timeline?.title.hasSuffix("evicted") == true)
        dashboard.tick(realElapsed: .seconds(10))
        #expect(dashboard.status?.text == "node/node-1 drained")
        #expect(dashboard.cluster.store.pods(onNode: "node-1").isEmpty)
        #expect(dashboard.frameText().contains("node-1  Ready,SchedulingDisabled"))
        dashboard.press(.down, .character("f"))
        #expect(dashboard.status?.text == "node/node-2 failed: its kubelet stopped answering")
        dashboard.press(.character("f"))
        #expect(dashboard.status?.text == "node/node-2 recovered: its kubelet is answering again")
        dashboard.press(.character("n"))
        #expect(dashboard.status?.text == "node/node-4 added")
    }

    @Test func commandLineRunsShellCommandsAndShowsOutput() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character(":"))
        dashboard.type("get pods")
        dashboard.press(.enter)
        guard case .overlay(let overlay) = dashboard.mode else { Issue.record("no overlay"); return }
        #expect(overlay.title == "get pods")
        #expect(overlay.lines.first == "NAME                            READY   STATUS    RESTARTS   AGE")
        #expect(overlay.lines.count == 4)
        dashboard.press(.escape)
        #expect(dashboard.mode == .normal)
        dashboard.press(.character(":"))
        dashboard.type("get pod nope")
        dashboard.press(.enter)
        #expect(dashboard.status == StatusMessage(text: "Error from server (NotFound): pods \"nope\" not found", isError: true, at: dashboard.cluster.now))
        dashboard.press(.character(":"))
        dashboard.type("sim fail node-3")
        dashboard.press(.enter)
        #expect(!dashboard.cluster.kubeletIsRunning("node-3"))
        // Esc abandons a half-typed command.
        dashboard.press(.character(":"), .character("x"), .escape)
        #expect(dashboard.mode == .normal)
    }

    @Test func filterByTextOrSelector() throws {
        let dashboard = try demoDashboard()
        let target = dashboard.podNames[2]
        dashboard.press(.character("/"))
        dashboard.type(String(target.suffix(5)))
        dashboard.press(.enter)
        #expect(dashboard.rowNames(.pods) == [target])
        #expect(dashboard.frameText().contains("4 Pods /\(target.suffix(5)) (1)"))
        dashboard.press(.escape)
        #expect(dashboard.rowNames(.pods).count == 3)
        dashboard.press(.character("/"))
        dashboard.type("-l app!=hello-kiamol-2")
        dashboard.press(.enter)
        #expect(dashboard.rowNames(.pods).isEmpty)
        #expect(dashboard.frameText().contains("No rows match the filter (Esc clears it)"))
        // A selector that does not parse says why, as `kubectl get pods -l` would.
        dashboard.press(.escape, .character("/"))
        dashboard.type("-l app=x,bogus in (x")
        dashboard.press(.enter)
        #expect(dashboard.rowNames(.pods).isEmpty)
        let refused = dashboard.frameText()
        #expect(refused.contains("-l unable to parse requirement: found '', expected: ',' or ')' (Esc clears it)"), "\(refused)")
        #expect(!refused.contains("No rows match"))
    }

    @Test func focusAndMovement() throws {
        let dashboard = try demoDashboard()
        #expect(dashboard.focus == .pods)
        dashboard.press(.tab)
        #expect(dashboard.focus == .events)
        dashboard.press(.tab)
        #expect(dashboard.focus == .nodes)
        dashboard.press(.backTab, .backTab)
        #expect(dashboard.focus == .pods)
        dashboard.press(.character("3"))
        #expect(dashboard.focus == .replicaSets)
        dashboard.press(.character("4"), .character("G"))
        #expect(dashboard.selectedName() == dashboard.podNames.last)
        dashboard.press(.character("k"))
        #expect(dashboard.selectedName() == dashboard.podNames[1])
        dashboard.press(.character("g"))
        #expect(dashboard.selectedName() == dashboard.podNames[0])
        dashboard.press(.character("j"), .down, .down)
        #expect(dashboard.selectedName() == dashboard.podNames[2])
    }

    @Test func describeOverlayScrollsAndCloses() throws {
        let dashboard = try demoDashboard()
        let pod = dashboard.podNames[0]
        dashboard.press(.enter)
        guard case .overlay(let overlay) = dashboard.mode else { Issue.record("no overlay"); return }
        #expect(overlay.title == "describe pod/\(pod)")
        #expect(overlay.lines.first == "Name:             \(pod)")
        dashboard.press(.down, .down)
        guard case .overlay(let scrolled) = dashboard.mode else { Issue.record("overlay closed"); return }
        #expect(scrolled.scroll == 2)
        #expect(dashboard.frameText(120, 40).contains("Namespace:        default") == false)
        dashboard.press(.escape)
        #expect(dashboard.mode == .normal)
        dashboard.press(.character("d"))
        #expect(dashboard.mode != .normal)
        dashboard.press(.character("q"))
        #expect(dashboard.mode == .normal)
        #expect(!dashboard.shouldQuit)
    }

    @Test func timeControls() throws {
        let dashboard = try demoDashboard()
        let start = dashboard.cluster.now
        dashboard.press(.character(" "))
        #expect(dashboard.paused)
        dashboard.tick(realElapsed: .seconds(5))
        #expect(dashboard.cluster.now == start)
        dashboard.press(.character("."))
        #expect(dashboard.cluster.now == start + .seconds(1))
        #expect(dashboard.frameText().contains("1× ‖ paused"))
        dashboard.press(.character(" "), .character(">"), .character(">"))
        #expect(dashboard.speed.label == "4×")
        dashboard.tick(realElapsed: .seconds(1))
        #expect(dashboard.cluster.now == start + .seconds(5))
        for _ in 0..<9 { dashboard.press(.character(">")) }
        #expect(dashboard.speed.label == "16×")
        // At either end the key says why nothing changed.
        #expect(dashboard.status?.text == "speed is already 16×, the fastest")
        for _ in 0..<9 { dashboard.press(.character("<")) }
        #expect(dashboard.speed.label == "¼×")
        #expect(dashboard.frameText().contains("¼× ▶"))
        #expect(dashboard.frameText().contains("speed is already ¼×, the slowest"))
    }

    @Test func themeKeyCyclesThroughTheShippedThemes() throws {
        let dashboard = try demoDashboard()
        var seen = [dashboard.theme.name]
        for _ in themeLibrary.names.indices {
            dashboard.press(.character("t"))
            seen.append(dashboard.theme.name)
        }
        #expect(seen == themeLibrary.names + ["default"])
        #expect(dashboard.frameText().contains("theme: default"))
    }

    @Test func helpListsEveryKeyAndQuitQuits() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("?"))
        guard case .overlay(let help) = dashboard.mode else { Issue.record("no help"); return }
        let text = help.lines.joined(separator: "\n")
        for key in ["?", ":", "/", "Tab", "1 2 3 4 5", "↑ ↓ j k", "g G", "Enter d", "space", ".", "< >", "t", "q", "x Ctrl-K", "l", "+ -", "s", "c", "r", "f", "n"] {
            #expect(text.contains("  \(key)"), "\(key)")
        }
        dashboard.press(.escape, .character("q"))
        #expect(dashboard.shouldQuit)
    }

    @Test func textInputEditing() {
        var input = TextInput("get pods")
        _ = input.handle(.home)
        _ = input.handle(.character("k"))
        #expect(input.text == "kget pods")
        _ = input.handle(.end)
        _ = input.handle(.backspace)
        #expect(input.text == "kget pod")
        _ = input.handle(.control("w"))
        #expect(input.text == "kget ")
        _ = input.handle(.left)
        _ = input.handle(.delete)
        #expect(input.text == "kget")
        let handledUp = input.handle(.up)
        #expect(!handledUp)
    }

    /// A combining accent or a joiner arrives as a key of its own (a dead key, pasted decomposed
    /// text) and merges with the character before it: the cursor stays inside the text and the
    /// next keys type after it (found by `kubesim fuzz keys`; it used to trap).
    @Test func combiningMarksKeepTheCursorInsideTheText() {
        var input = TextInput()
        for key: Key in [.character("e"), .character("\u{301}"), .character("x"), .character("\u{200D}"), .character("y")] {
            _ = input.handle(key)
            #expect(input.cursor <= input.text.count)
        }
        #expect(input.text == "e\u{301}x\u{200D}y")
        _ = input.handle(.backspace)
        _ = input.handle(.left)
        _ = input.handle(.character("z"))
        #expect(input.cursor <= input.text.count)
        #expect(input.text.hasPrefix("e\u{301}z"))
    }
}
