import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// Frames rendered through a demo session, in every theme: every cell's style must be one the
/// theme lists in `paints` (so the contrast test measures what the renderer really draws) and
/// every visible character must reach the theme's contrast.
@Suite struct RenderedContrastTests {
    /// The demo walked through the states a presenter shows, rendered after each step in every theme.
    static func framesInEveryTheme() throws -> [String: [(label: String, frame: Frame)]] {
        let themes = try themeLibrary.names.map { try themeLibrary.load($0) }
        var frames: [String: [(label: String, frame: Frame)]] = [:]
        let dashboard = try demoDashboard(seconds: 1)
        /// Renders the state in every theme, after checking the state shows `expected`.
        func capture(_ label: String, showing expected: String) {
            #expect(dashboard.frameText().contains(expected), "\(label): no \(expected)")
            let original = dashboard.theme
            for theme in themes {
                dashboard.use(theme)
                for (width, height) in [(120, 40), (80, 24)] {
                    frames[theme.name, default: []].append(("\(label) at \(width)×\(height)", dashboard.render(width: width, height: height)))
                }
            }
            dashboard.use(original)
        }
        capture("new pods glowing", showing: "ContainerCreating")
        dashboard.tick(realElapsed: .seconds(19))
        capture("steady", showing: "Running")
        dashboard.press(.character("x"))
        dashboard.tick(realElapsed: .seconds(1))
        capture("a pod killed and replaced", showing: "Terminating")
        for _ in 0..<5 {
            dashboard.press(.tab)
            capture("focus on \(dashboard.focus)", showing: "\(dashboard.focus.rawValue) \(dashboard.focus.title) ─")
        }
        dashboard.run("kubectl scale deployment hello-kiamol-2 --replicas=5")
        dashboard.tick(realElapsed: .seconds(0.5))
        capture("rows just changed", showing: "scaled")
        dashboard.run("kubectl get nosuchthing")
        capture("an error in the status line", showing: "✗ error:")
        dashboard.press(.character("1"), .character("f"))
        dashboard.tick(realElapsed: .seconds(60))
        capture("a node failed", showing: "NotReady")
        dashboard.press(.character("r"))
        capture("a drain running", showing: "drain")
        dashboard.caption = "Kubernetes replaces a pod that dies"
        capture("a caption", showing: "Kubernetes replaces a pod that dies")
        dashboard.press(.character(":"))
        dashboard.type("get po")
        capture("typing a command", showing: " :get po")
        dashboard.press(.escape, .character("/"))
        dashboard.type("web")
        capture("typing a filter", showing: " /web")
        dashboard.press(.escape, .character("4"), .enter)
        capture("describe", showing: "Name:")
        dashboard.press(.escape, .character("?"))
        capture("help", showing: "Help")
        dashboard.press(.escape)
        RolloutViewTests.apply(RolloutViewTests.changedDemo(image: "kiamol/ch03-hello-kiamol"), to: dashboard)
        dashboard.tick(realElapsed: .seconds(2))
        dashboard.press(.character("2"), .enter)
        capture("the rollout view", showing: "Rollout: deployment/hello-kiamol-2")
        dashboard.press(.escape)
        let running = dashboard.cluster.store.list(Pod.self, namespace: "default").filter { $0.isActive && !$0.status.containerStatuses.isEmpty }
        for (pod, reason) in zip(running, ["CrashLoopBackOff", "ImagePullBackOff"]) {
            _ = try dashboard.cluster.store.modify(Pod.self, key: pod.key) { $0.status.containerStatuses[0].state = .waiting(reason: reason) }
        }
        capture("pods failing", showing: "↻")
        for theme in themes {
            dashboard.use(theme)
            frames[theme.name, default: []].append(("too small", dashboard.render(width: 60, height: 20)))
        }
        return frames
    }

    @Test func everyCellUsesAListedPaintAndReads() throws {
        let frames = try Self.framesInEveryTheme()
        #expect(Set(frames.keys) == Set(themeLibrary.names))
        for (name, shots) in frames {
            let theme = try themeLibrary.load(name)
            let listed = Set(theme.paints.map(\.style))
            let minimum = ContrastTests.required(theme)
            var problems: [String] = []
            var worstByStyle: [Style: [(ratio: Double, foreground: RGB, background: RGB)]] = [:]
            for (label, frame) in shots {
                for y in 0..<frame.height {
                    for x in 0..<frame.width {
                        let cell = frame[x, y]
                        if !listed.contains(cell.style) {
                            problems.append("\(label): '\(cell.character)' at \(x),\(y) has a style missing from Theme.paints: \(cell.style)")
                        }
                        guard cell.character != " " else { continue }
                        if worstByStyle[cell.style] == nil {
                            worstByStyle[cell.style] = theme.terminalsToReadOn.map { cell.style.worstContrast(on: $0) }
                        }
                        for worst in worstByStyle[cell.style]! where worst.ratio < minimum {
                            problems.append("\(label): '\(cell.character)' at \(x),\(y) is \(worst.foreground) on \(worst.background)")
                        }
                    }
                }
            }
            #expect(problems.isEmpty, "\(name): \(problems.count) cells, first: \(problems.prefix(5).joined(separator: "\n"))")
        }
    }

    @Test func theFocusedPaneTitleIsDrawnInTheFocusStyle() throws {
        let dashboard = try demoDashboard(seconds: 20)
        for name in themeLibrary.names {
            let theme = try themeLibrary.load(name)
            dashboard.use(theme)
            let frame = dashboard.render(width: 120, height: 40)
            let pods = try #require(frame.find("4 Pods"))
            let replicaSets = try #require(frame.find("3 ReplicaSets"))
            #expect(frame[pods.x, pods.y].style == theme.paneTitle(focused: true), "\(name)")
            #expect(frame[replicaSets.x, replicaSets.y].style == theme.paneTitle(focused: false), "\(name)")
        }
    }

    @Test func aNewPodsStatusIsATileOnItsGlow() throws {
        let dashboard = try demoDashboard(seconds: 1)
        dashboard.press(.character("3"))  // focus away from Pods, so no row is selected
        let pod = try #require(dashboard.cluster.store.list(Pod.self).first)
        let status = ResourceTables.row(pod, wide: true, now: dashboard.cluster.now)[2]
        for name in themeLibrary.names {
            let theme = try themeLibrary.load(name)
            dashboard.use(theme)
            let frame = dashboard.render(width: 120, height: 40)
            let row = try #require(frame.find(pod.name))
            let line = frame.text.split(separator: "\n")[row.y]
            let statusX = line.distance(from: line.startIndex, to: try #require(line.range(of: " \(status) ")).lowerBound) + 1
            #expect(frame[row.x, row.y].style == theme.row(.new), "\(name)")
            #expect(frame[statusX, row.y].style == theme.tile(PaneTable.role(forPodStatus: status)), "\(name)")
        }
    }
}
