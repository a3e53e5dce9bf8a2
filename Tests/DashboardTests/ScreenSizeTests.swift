import Testing
import KubesimTestSupport
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The smallest screen keeps what a talk needs; big screens give their rows to content; a
/// terminal without UTF-8 gets ASCII.
@Suite struct ScreenSizeTests {
    @Test func at80x24TheHealingPaneAndTheHelpAndQuitHintsStay() throws {
        let dashboard = try demoDashboard()
        let victim = dashboard.podNames[0]
        dashboard.press(.character("x"))
        dashboard.tick(realElapsed: .seconds(1))
        let text = dashboard.frameText(80, 24)
        #expect(snapshotMismatch(text, named: "healing-80x24") == nil)
        #expect(text.contains("Healing: pod \(victim) deleted"))
        #expect(text.contains("1 Nodes"))
        #expect(text.contains("4 Pods"))
        let footer = try #require(text.split(separator: "\n").last)
        #expect(footer.contains("? help"))
        #expect(footer.contains("q quit"))
        // Events take the place when focused.
        dashboard.press(.character("5"))
        #expect(dashboard.frameText(80, 24).contains("5 Events"))
    }

    /// Large cards (`z`) on the smallest screen are cut rather than crowding out the pods: the
    /// Pods pane keeps three rows, so the pod `x` would kill is on screen.
    @Test func at80x24LargeCardsLeaveThePodsPaneItsRows() throws {
        let dashboard = try demoDashboard()
        dashboard.session.execute("kubectl scale deployment/hello-kiamol-2 --replicas=6")
        dashboard.tick(realElapsed: .seconds(10))
        for zoom in MapZoom.allCases {
            while dashboard.mapZoom != zoom { dashboard.press(.character("z")) }
            dashboard.press(.character("4"), .character("j"), .character("j"))
            let lines = dashboard.frameText(80, 24).split(separator: "\n").map(String.init)
            let top = try #require(lines.firstIndex { $0.contains("4 Pods") })
            let rows = lines[(top + 2)...].prefix { !$0.contains("└") }.filter { $0.contains("hello-kiamol-2-") }
            #expect(rows.count >= 3, "\(zoom): \(rows)")
            let selected = try #require(dashboard.selectedName())
            #expect(rows.contains { $0.contains(selected) }, "\(zoom)")
        }
    }

    @Test func bigScreensGiveSpareRowsToEventsNotToEmptyPods() throws {
        let dashboard = try demoDashboard()
        let lines = dashboard.frameText(200, 60).split(separator: "\n").map(String.init)
        let pods = try #require(lines.firstIndex { $0.contains("4 Pods") })
        let healing = try #require(lines.firstIndex { $0.contains("Healing") })
        let events = try #require(lines.firstIndex { $0.contains("5 Events") })
        // Three pods need a header and three rows: no more than one spare line.
        #expect(healing - pods <= 2 + 1 + 3 + 1)
        #expect(lines.count - events > healing - pods)
    }

    @Test func asciiFramesHaveOnlyASCII() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("x"))
        dashboard.tick(realElapsed: .seconds(1))
        let frame = dashboard.render(width: 120, height: 40).ascii
        #expect(frame.text.allSatisfy { $0.isASCII })
        #expect(frame.text.hasPrefix("+- kubesim - default"))
        #expect(frame.text.contains("pods "))
        #expect(frame.text.contains("|+ 1 Nodes -"))
    }
}
