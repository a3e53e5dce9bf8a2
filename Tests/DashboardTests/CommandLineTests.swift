import Foundation
import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The `:` command line: history across ↑/↓ and sessions, and Tab completion.
@Suite struct CommandLineTests {
    func commandText(_ dashboard: Dashboard) -> String? {
        if case .command(let input) = dashboard.mode { return input.text }
        return nil
    }

    @Test func historyWalksBackAndForthAndKeepsTheDraft() throws {
        let dashboard = try demoDashboard()
        for line in ["get pods", "get nodes"] {
            dashboard.press(.character(":"))
            dashboard.type(line)
            dashboard.press(.enter, .escape)
        }
        dashboard.press(.character(":"))
        dashboard.type("desc")
        dashboard.press(.up)
        #expect(commandText(dashboard) == "get nodes")
        dashboard.press(.up)
        #expect(commandText(dashboard) == "get pods")
        dashboard.press(.up)
        #expect(commandText(dashboard) == "get pods")
        dashboard.press(.down)
        #expect(commandText(dashboard) == "get nodes")
        dashboard.press(.down)
        #expect(commandText(dashboard) == "desc")
        // A repeated line is stored once.
        dashboard.press(.escape, .character(":"))
        dashboard.type("get nodes")
        dashboard.press(.enter)
        #expect(dashboard.history.entries == ["get pods", "get nodes"])
    }

    @Test func historyIsSavedUnderXDGStateHome() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let file = try #require(CommandHistory.defaultFile(environment: ["XDG_STATE_HOME": state.path, "HOME": "/nonexistent"]))
        #expect(file.path == state.path + "/kubesim/history")
        #expect(CommandHistory.defaultFile(environment: ["HOME": "/home/ada"])?.path == "/home/ada/.local/state/kubesim/history")
        var history = CommandHistory.load(from: file)
        history.add("get pods")
        history.add("scale deployment/web --replicas=2")
        #expect(try String(contentsOf: file, encoding: .utf8) == "get pods\nscale deployment/web --replicas=2\n")
        // The next session starts with it.
        let session = Session(cluster: Cluster(seed: 1))
        let dashboard = Dashboard(session: session, theme: .builtInMono, history: CommandHistory.load(from: file))
        dashboard.press(.character(":"), .up)
        #expect(commandText(dashboard) == "scale deployment/web --replicas=2")
    }

    /// Whatever the history file holds, loading reads at most its newest megabyte: a huge file
    /// keeps its newest lines (not the one cut in two), a bad byte spoils only its own line, and
    /// a device is an empty history rather than a read that never ends.
    @Test func historyLoadingIsBounded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("history")
        // 1,500 lines of 2 KB: the newest megabyte holds about 520 of them.
        let line = "get pods -l app=" + String(repeating: "w", count: 2000)
        let lines = (0..<1_500).map { "\($0) \(line)" }
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let history = CommandHistory.load(from: file)
        #expect((500..<530).contains(history.entries.count))
        #expect(history.entries.last == lines.last)
        #expect(history.entries.allSatisfy(lines.contains), "the line cut in two at the start is dropped")

        try Data([0x67, 0x65, 0x74, 0xff, 0x0a] + Array("get nodes\n".utf8)).write(to: file)
        #expect(CommandHistory.load(from: file).entries == ["get\u{FFFD}", "get nodes"])

        var device = CommandHistory.load(from: URL(fileURLWithPath: "/dev/zero"))
        #expect(device.entries.isEmpty)
        #expect(device.previous(current: "") == nil)
    }

    @Test func completesVerbsKindsFlagsAndNames() throws {
        let dashboard = try demoDashboard()
        let completer = CommandCompleter(cluster: dashboard.cluster)
        func complete(_ text: String) -> CommandCompleter.Completion { completer.complete(text, cursor: text.count) }
        #expect(complete("ge").text == "get ")
        #expect(complete("kubectl des").text == "kubectl describe ")
        #expect(complete("d").candidates == ["describe", "delete", "drain"])
        #expect(complete("get deploy").text == "get deploy")
        #expect(complete("get deploy").candidates == ["deployments", "deployment", "deploy", "deployment/"])
        // Two flags share "--show-" (--show-labels, --show-kind): Tab goes as far as they agree.
        #expect(complete("get pods --sh").text == "get pods --show-")
        #expect(complete("get pods --show-l").text == "get pods --show-labels ")
        #expect(complete("cordon n").text == "cordon node-")
        #expect(complete("cordon n").candidates == ["node-1", "node-2", "node-3"])
        #expect(complete("sim f").text == "sim fail ")
        #expect(complete("describe deployment/h").text == "describe deployment/hello-kiamol-2 ")
        #expect(complete("describe deploy").candidates.contains("deployment/"))
        let pods = dashboard.podNames
        let rs = String(pods[0].dropLast(6))
        let podCompletion = complete("delete pod h")
        #expect(podCompletion.text == "delete pod \(rs)-")
        #expect(podCompletion.candidates == pods)
        #expect(complete("get pods \(pods[1].dropLast(2))").text == "get pods \(pods[1]) ")
        #expect(complete("frobnicate x").candidates.isEmpty)
        // Completing in the middle of a line keeps what follows the cursor.
        let middle = completer.complete("get po -o wide", cursor: 6)
        #expect(middle.text == "get po -o wide")
        #expect(middle.candidates == ["pods", "pod", "po", "poddisruptionbudgets", "poddisruptionbudget", "pod/", "poddisruptionbudget/"])
    }

    @Test func tabInTheDashboardCompletesAndShowsCandidates() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character(":"))
        dashboard.type("scale deployment/hel")
        dashboard.press(.tab)
        #expect(commandText(dashboard) == "scale deployment/hello-kiamol-2 ")
        dashboard.type("--rep")
        dashboard.press(.tab)
        #expect(commandText(dashboard) == "scale deployment/hello-kiamol-2 --replicas ")
        dashboard.type("4")
        dashboard.press(.enter)
        #expect(dashboard.cluster.store.get(Deployment.self, "hello-kiamol-2", namespace: "default")?.spec.replicas == 4)
        dashboard.press(.character(":"))
        dashboard.type("cordon ")
        dashboard.press(.tab)
        #expect(dashboard.completions == ["node-1", "node-2", "node-3"])
        #expect(dashboard.frameText().contains("node-1   node-2   node-3"))
    }
}
