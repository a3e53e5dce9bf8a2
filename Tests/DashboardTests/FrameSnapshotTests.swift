import Testing
import KubesimTestSupport
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// Whole frames at the two reference sizes, with a fixed seed and virtual time.
@Suite struct FrameSnapshotTests {
    @Test func steadyDemoAt120x40() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let frame = dashboard.render(width: 120, height: 40)
        #expect(snapshotMismatch(frame.text, named: "demo-120x40") == nil)
        let theme = dashboard.theme
        // The header carries the header style; a Running status its color; the selected pod row the selection.
        #expect(frame[2, 0].style == theme[.header])
        // (Row 2 is not selected, so its STATUS cell shows the status color.)
        let second = try #require(frame.find(dashboard.podNames[1]))
        let running = try #require(frame.text.split(separator: "\n")[second.y].range(of: "Running"))
        let runningX = frame.text.split(separator: "\n")[second.y].distance(from: frame.text.split(separator: "\n")[second.y].startIndex, to: running.lowerBound)
        #expect(frame[runningX, second.y].style.foreground == theme[.running].foreground)
        let firstPod = try #require(frame.find(dashboard.podNames[0]))
        #expect(frame[firstPod.x, firstPod.y].style == theme[.selection])
        // The focused pane (Pods) has the focus border.
        let podsTitle = try #require(frame.find("4 Pods"))
        #expect(frame[podsTitle.x - 2, podsTitle.y].style.foreground == theme[.focus].foreground)
    }

    @Test func steadyDemoAt80x24() throws {
        let dashboard = try demoDashboard(seconds: 20)
        #expect(snapshotMismatch(dashboard.frameText(80, 24), named: "demo-80x24") == nil)
    }

    @Test func killedPodHealingAt120x40() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let victim = dashboard.podNames[0]
        dashboard.press(.character("x"), .character("j"))
        dashboard.tick(realElapsed: .seconds(1))
        let frame = dashboard.render(width: 120, height: 40)
        #expect(snapshotMismatch(frame.text, named: "healing-120x40") == nil)
        // The victim shows Terminating in the terminating style; the replacement glows as new.
        let terminating = try #require(frame.find("Terminating"))
        #expect(frame[terminating.x, terminating.y].style.foreground == dashboard.theme[.terminating].foreground)
        let replacement = try #require(dashboard.podNames.first { !$0.hasPrefix(victim) && dashboard.cluster.store.get(Pod.self, $0, namespace: "default")!.metadata.creationTimestamp >= SimTime(milliseconds: 20_000) })
        let row = try #require(frame.find(replacement))
        #expect(frame[row.x, row.y].style == dashboard.theme[.new])
        #expect(frame.text.contains("Healing: pod \(victim) deleted"))
        #expect(frame.text.contains("✓ \(victim) deleted → Terminating"))
    }

    @Test func eachThemeRendersTheSameText() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let text = dashboard.frameText()
        for name in themeLibrary.names {
            dashboard.use(try themeLibrary.load(name))
            let frame = dashboard.render(width: 120, height: 40)
            // Everything but the header line (whose right end names the theme).
            #expect(frame.text.split(separator: "\n").dropFirst() == text.split(separator: "\n").dropFirst(), "\(name)")
            #expect(frame.text.contains("theme: \(name)"))
        }
    }

    @Test func tooSmallTerminalSaysSo() throws {
        let dashboard = try demoDashboard(seconds: 5)
        for (w, h) in [(79, 24), (80, 23), (40, 10)] {
            let text = dashboard.frameText(w, h)
            #expect(text.contains("terminal too small (need 80×24)"), "\(w)×\(h)")
            #expect(text.contains("this one is \(w)×\(h)"))
        }
        #expect(!dashboard.frameText(80, 24).contains("too small"))
    }

    /// Nothing on a too-small screen shows what a key would act on: kills, node failures and
    /// prompts wait until the panes are back; `q` still quits.
    @Test func keysWaitWhileTheTerminalIsTooSmall() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pods = Set(dashboard.podNames)
        let text = dashboard.frameText(40, 10)
        #expect(text.contains("keys wait until it is larger · q quits"))
        dashboard.press(.character("4"), .character("x"), .character("1"), .character("f"), .character(":"))
        dashboard.type("kubectl delete deployment hello-kiamol-2")
        dashboard.press(.enter)
        dashboard.tick(realElapsed: .seconds(1))
        #expect(Set(dashboard.podNames) == pods)
        #expect(dashboard.cluster.store.list(Node.self).allSatisfy { $0.isReady })
        #expect(dashboard.cluster.store.get(Deployment.self, "hello-kiamol-2", namespace: "default") != nil)
        #expect(dashboard.frameText(40, 10).contains("this one is 40×10"))
        // Back at full size the keys act again; at a small size `q` quits.
        #expect(!dashboard.frameText(120, 40).contains("too small"))
        dashboard.press(.character("4"), .character("x"))
        dashboard.tick(realElapsed: .seconds(1))
        #expect(Set(dashboard.podNames) != pods)
        _ = dashboard.frameText(40, 10)
        dashboard.press(.character("q"))
        #expect(dashboard.shouldQuit)
    }

    @Test func manyNodesScrollInsideTheirPane() throws {
        let session = Session(cluster: Cluster(seed: 1, nodes: 20))
        let dashboard = Dashboard(session: session, theme: try themeLibrary.load("default"))
        let frame = dashboard.render(width: 120, height: 40)
        let lines = frame.text.split(separator: "\n").map(String.init)
        let bottom = try #require(lines.firstIndex { $0.contains("20 nodes, ↑↓ to scroll") })
        #expect(lines[bottom].hasSuffix("to scroll ─┘│"))
        #expect(frame.text.contains("node-1  Ready"))
        // Nodes come in natural order, so the last is node-20, not node-9.
        dashboard.press(.character("1"), .character("G"))
        #expect(dashboard.selectedName() == "node-20")
        #expect(dashboard.frameText().contains("node-20  Ready"))
    }

    @Test func everySizeFromSmallestToLargestRenders() throws {
        let dashboard = try demoDashboard(seconds: 20)
        for (w, h) in [(80, 24), (100, 30), (120, 40), (160, 50), (200, 60), (250, 80)] {
            let frame = dashboard.render(width: w, height: h)
            #expect(frame.text.contains("4 Pods"))
            #expect(frame.text.contains("1 Nodes"))
            #expect(frame.text.split(separator: "\n").allSatisfy { $0.count == w })
            // All three pods are listed at every size.
            #expect(dashboard.podNames.allSatisfy { frame.text.contains($0) }, "\(w)×\(h)")
        }
    }
}

import Foundation
