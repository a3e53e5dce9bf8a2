import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// A key's result is told in the status line and never covers the panes the audience watches.
@Suite struct StatusLineTests {
    @Test func aKeyWithManyLinesOfOutputReportsInTheStatusLine() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("1"), .character("n")) // node-4, empty
        dashboard.tick(realElapsed: .seconds(5))
        dashboard.press(.character("G"))
        #expect(dashboard.selectedName() == "node-4")
        dashboard.press(.character("r"))
        dashboard.tick(realElapsed: .seconds(1))
        #expect(dashboard.mode == .normal)
        let frame = dashboard.frameText()
        #expect(frame.contains("node-1  Ready")) // the map is still there
        #expect(frame.contains("✓ node/node-4 cordoned  (+1 more line: o shows all)"))
        // `o` shows the whole output on request.
        dashboard.press(.character("o"))
        guard case .overlay(let overlay) = dashboard.mode else { Issue.record("no output panel"); return }
        #expect(overlay.lines == ["node/node-4 cordoned", "node/node-4 drained"])
    }

    /// kubectl writes `error: …` first and its usage hint after: the status line says the error.
    @Test func aFailedCommandReportsItsErrorNotItsUsageHint() throws {
        let dashboard = try demoDashboard()
        for (line, error) in [("get pods --bogus", "✗ error: unknown flag: --bogus"),
                              ("scale deployment hello-kiamol-2 --replicas=abc", "✗ error: invalid argument \"abc\" for \"--replicas\" flag")] {
            dashboard.press(.character(":"))
            dashboard.type(line)
            dashboard.press(.enter)
            dashboard.press(.escape)
            let statusLine = try #require(dashboard.frameText(160, 45).split(separator: "\n").dropLast().last)
            #expect(statusLine.contains(error), "\(line): \(statusLine)")
            #expect(!statusLine.contains("--help"), "\(line)")
        }
    }

    /// kubectl indents its suggestion with a tab: drawn as spaces to the next stop, not `?`.
    @Test func aTabInOutputIsDrawnAsSpaces() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character(":"))
        dashboard.type("scael deployment hello-kiamol-2 --replicas=2")
        dashboard.press(.enter)
        let frame = dashboard.frameText(160, 45)
        #expect(frame.contains("Did you mean this?"))
        #expect(!frame.contains("?scale"))
        let suggestion = try #require(frame.split(separator: "\n").first { $0.contains("scale") && !$0.contains("scael") })
        #expect(suggestion.contains("        scale"), "\(suggestion)")
        var row = Frame(width: 20, height: 1)
        #expect(row.put("ab\tc", x: 2, y: 0, style: .plain) == 11)
        #expect(row.text == "  ab      c         ")
    }

    /// A drain prints as its evictions finish: `o` afterwards shows all of it, as kubectl printed it.
    @Test func theOutputOfACommandThatRanOnIsShownWhole() throws {
        let dashboard = try demoDashboard()
        let evicted = try #require(dashboard.cluster.store.pods(onNode: "node-2").first?.name)
        dashboard.press(.character("1")) // a node selected: no pod highlight to move away
        dashboard.press(.character(":"))
        dashboard.type("kubectl drain node-2 --ignore-daemonsets")
        dashboard.press(.enter)
        for _ in 0..<30 where !dashboard.running.isEmpty { dashboard.tick(realElapsed: .seconds(1)) }
        #expect(dashboard.running.isEmpty, "the drain finished")
        // Ended, it keeps its last line, with a count of the others, as a finished command does.
        let lineCount = dashboard.lastOutput.map { $0.1.combined.split(separator: "\n").count } ?? 0
        #expect(lineCount > 3)
        #expect(dashboard.frameText(160, 45).contains("✓ node/node-2 drained  (+\(lineCount - 1) more lines: o shows all)"))
        dashboard.press(.escape, .character("o"))
        guard case .overlay(let overlay) = dashboard.mode else { Issue.record("no output panel"); return }
        #expect(overlay.lines.first == "node/node-2 cordoned")
        #expect(overlay.lines.contains("evicting pod default/\(evicted)"))
        #expect(overlay.lines.contains("pod/\(evicted) evicted"))
        #expect(overlay.lines.last == "node/node-2 drained")
    }

    @Test func aTableFromTheCommandLineLeavesNoStaleHeaderBehind() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character(":"))
        dashboard.type("get pods")
        dashboard.press(.enter)
        guard case .overlay = dashboard.mode else { Issue.record("no output panel"); return }
        dashboard.press(.escape)
        #expect(dashboard.status == nil)
        let statusLine = try #require(dashboard.frameText().split(separator: "\n").dropLast().last)
        #expect(!statusLine.contains("NAME"))
    }

    @Test func aRunningCommandShowsASpinnerAndItsLine() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("x"))
        #expect(!dashboard.running.isEmpty)
        let line = try #require(dashboard.frameText().split(separator: "\n").dropLast().last)
        #expect(line.contains("kubectl delete pod \(dashboard.podNames[0])"))
        #expect(["◴", "◷", "◶", "◵"].contains { line.contains($0) })
        dashboard.tick(realElapsed: .seconds(40))
        #expect(dashboard.running.isEmpty)
        #expect(!dashboard.frameText().contains("◴ kubectl"))
    }

    @Test func aRunningCommandsLineCutAtTheEdgeEndsWithAnEllipsis() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("x"))
        #expect(!dashboard.running.isEmpty)
        // At 80 columns the running line and what it printed (`pod "…" deleted`) do not both
        // fit: the printed part is cut with … inside the border.
        dashboard.tick(realElapsed: .milliseconds(300))
        #expect(!dashboard.running.isEmpty)
        let line = try #require(dashboard.frameText(80, 24).split(separator: "\n").dropLast().last)
        #expect(line.contains("kubectl delete pod"))
        #expect(line.contains("…"), "\(line)")
    }

    @Test func wideOutputScrollsSidewaysWithMarkers() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character(":"))
        dashboard.type("get pods -o wide")
        dashboard.press(.enter)
        guard case .overlay = dashboard.mode else { Issue.record("no output panel"); return }
        let rows = { (text: String) in text.split(separator: "\n").filter { $0.contains("hello-kiamol-2-") || $0.contains("NOMINATED") } }
        // At 80 columns the wide table is cut at the right with …
        let first = rows(dashboard.frameText(80, 24))
        #expect(!first.isEmpty && first.allSatisfy { $0.contains("…") })
        #expect(first.allSatisfy { !$0.contains("READINESS GATES") })
        dashboard.press(.right, .right)
        let moved = rows(dashboard.frameText(80, 24))
        #expect(moved.contains { $0.contains("READINESS GATES") })
        #expect(moved.allSatisfy { $0.contains("│ …") })
        dashboard.press(.character("0"))
        #expect(rows(dashboard.frameText(80, 24)) == first)
    }
}
