import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real dashboard in a real terminal (tmux 120×40, UTF-8, xterm-256color), driven by keys.
@Suite(.serialized) struct DashboardEndToEndTests {
    static func start(_ arguments: String = "--seed 1", width: Int = 120, height: Int = 40) throws -> TmuxSession {
        let binary = try HeadlessBinaryTests.binary().path
        return try TmuxSession("\(binary) \(arguments)", width: width, height: height)
    }

    /// A bash prompt (`ready>`) in tmux, with the dashboard started from it.
    static func startFromShell(_ arguments: String) throws -> TmuxSession {
        let binary = try HeadlessBinaryTests.binary().path
        let tmux = try TmuxSession("bash --norc --noprofile", width: 120, height: 40)
        try tmux.type("PS1='ready> '; \(binary) \(arguments)")
        try tmux.send("Enter")
        return tmux
    }

    static func waitForPrompt(_ tmux: TmuxSession) throws {
        try tmux.waitFor("the shell prompt back") { $0.split(separator: "\n").last?.hasPrefix("ready>") == true }
    }

    /// Pod rows as shown in the Pods pane: name → STATUS.
    static func pods(_ screen: String) -> [String: String] {
        var pods: [String: String] = [:]
        for match in screen.matches(of: /(hello-kiamol-2-[a-z0-9]+-[a-z0-9]{5}) +\d\/1 +(\S+)/) {
            pods[String(match.output.1)] = String(match.output.2)
        }
        return pods
    }

    static func threeRunning(_ screen: String) -> Bool {
        pods(screen).values.filter { $0 == "Running" }.count == 3
    }

    @Test func killAPodAndWatchItComeBack() throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.start()
        let before = Self.pods(try tmux.waitFor("three Running pods", Self.threeRunning))
        let victim = try #require(before.keys.sorted().first)
        try tmux.send("x")
        try tmux.waitFor(text: "pod \"\(victim)\" deleted")
        let after = try tmux.waitFor("the victim gone and three Running pods") { screen in
            let pods = Self.pods(screen)
            return pods[victim] == nil && pods.values.filter { $0 == "Running" }.count == 3
        }
        #expect(Set(Self.pods(after).keys).subtracting(before.keys).count == 1)
        #expect(after.contains("Healing: pod \(victim) deleted"))
    }

    @Test func relabelLeavesAnOrphanAndAReplacement() throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.start()
        let before = Self.pods(try tmux.waitFor("three Running pods", Self.threeRunning))
        let target = before.keys.sorted()[0]
        try tmux.send("l")
        try tmux.waitFor(text: "labels for pod/\(target): app=hello-kiamol-2 pod-template-hash=")
        try tmux.send("C-u")
        try tmux.type("app=debug")
        try tmux.send("Enter")
        try tmux.waitFor(text: "pod/\(target) labeled")
        // The orphan keeps running; three pods still match the ReplicaSet.
        try tmux.waitFor("the orphan and three others running") { screen in
            let pods = Self.pods(screen)
            return pods[target] == "Running" && pods.filter { $0.key != target && $0.value == "Running" }.count == 3
        }
    }

    @Test func drainANodeAndItsPodsLeave() throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.start()
        try tmux.waitFor("three Running pods", Self.threeRunning)
        try tmux.send("1", "r")
        try tmux.waitFor(text: "node-1  Ready,SchedulingDisabled")
        try tmux.waitFor(text: "node/node-1 drained")
        let screen = try tmux.waitFor("three Running pods, none on node-1") { screen in
            Self.threeRunning(screen) && !screen.contains(/Running +0 +\d+s +node-1/)
        }
        #expect(!screen.contains(/Running +0 +\d+s +node-1/))
    }

    @Test func scaleUpWithPlus() throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.start()
        try tmux.waitFor("three Running pods", Self.threeRunning)
        try tmux.send("2", "+")
        try tmux.waitFor(text: "deployment.apps/hello-kiamol-2 scaled")
        try tmux.waitFor("four Running pods") { Self.pods($0).values.filter { $0 == "Running" }.count == 4 }
    }

    @Test func themeChangeAndQuitLeaveAUsableShell() throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.startFromShell("--seed 1")
        try tmux.waitFor(text: "theme: default")
        try tmux.send("t")
        try tmux.waitFor(text: "theme: high-contrast")
        try tmux.send("q")
        try Self.waitForPrompt(tmux)
        try tmux.type("echo usable-$((20+22))")
        try tmux.send("Enter")
        try tmux.waitFor(text: "usable-42")
        // The dashboard's screen is gone (alternate screen left, no leftover panes).
        #expect(!(try tmux.screen()).contains("4 Pods"))
    }

    @Test func recordingReplaysToTheScreenShown() throws {
        guard TmuxSession.available() else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-e2e-\(UUID().uuidString).cast")
        defer { try? FileManager.default.removeItem(at: file) }
        let tmux = try Self.start("--seed 1 --record \(file.path)")
        try tmux.waitFor("three Running pods", Self.threeRunning)
        try tmux.send("space") // pause, so the screen stays as captured
        let shown = try tmux.waitForSettled(text: "‖ paused")
        try tmux.send("q")
        let deadline = Date().addingTimeInterval(10)
        while Self.processes(matching: file.path) > 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 120 && header["height"] as? Int == 40)
        // Replay the output events: the final screen is what tmux showed.
        var screen = Array(repeating: Array(repeating: Character(" "), count: 120), count: 40)
        var row = 0, column = 0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            guard event[1] as? String == "o", let output = event[2] as? String else { continue }
            var chars = Array(output)[...]
            while let c = chars.popFirst() {
                guard c == "\u{1b}" else {
                    if row < 40 && column < 120 { screen[row][column] = c }
                    column += 1
                    continue
                }
                _ = chars.popFirst()
                var parameters = ""
                while let p = chars.first, !p.isLetter { parameters.append(p); chars.removeFirst() }
                if chars.popFirst() == "H" {
                    let numbers = parameters.split(separator: ";").compactMap { Int($0) }
                    (row, column) = ((numbers.first ?? 1) - 1, (numbers.count > 1 ? numbers[1] : 1) - 1)
                }
            }
        }
        let replayed = screen.map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        let captured = shown.split(separator: "\n", omittingEmptySubsequences: false).prefix(40)
            .map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        #expect(replayed == Array(captured))
    }

    @Test func presentAScenarioWithTheClickerKeys() throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.start("--seed 1 --scenario self-healing")
        try tmux.waitFor(text: "A Deployment makes a ReplicaSet, which makes a Pod")
        try tmux.waitFor(text: "PageDown or → for the next part")
        try tmux.send("PageDown")
        try tmux.waitFor(text: "Three objects, each owned by the one above it")
        try tmux.waitFor(text: "PageDown or → for the next part")
        try tmux.send("Right")
        try tmux.waitFor(text: "The Deployment finds its pods by label: app=hello-kiamol-2")
        try tmux.send("Left")
        try tmux.waitFor(text: "Three objects, each owned by the one above it")
    }

    @Test func noColorSelectsTheMonoTheme() throws {
        guard TmuxSession.available() else { return }
        let binary = try HeadlessBinaryTests.binary().path
        let tmux = try TmuxSession("env NO_COLOR=1 \(binary) --seed 1")
        try tmux.waitFor(text: "theme: mono")
    }

    @Test func resizeReflowsAndTooSmallSaysSo() throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.start()
        try tmux.waitFor("three Running pods", Self.threeRunning)
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("an 80×24 layout") { screen in
            screen.split(separator: "\n").first.map { $0.count == 80 && $0.hasPrefix("┌─ kubesim") } == true && screen.contains("4 Pods")
        }
        try tmux.resize(width: 70, height: 20)
        try tmux.waitFor(text: "terminal too small (need 80×24)")
        try tmux.resize(width: 120, height: 40)
        try tmux.waitFor("the full layout again") { $0.contains("Healing") && Self.threeRunning($0) }
    }

    @Test func closingTheTerminalEndsTheDashboard() throws {
        guard TmuxSession.available() else { return }
        // A seed no other test uses, to find this process.
        let tmux = try Self.start("--seed 4242")
        try tmux.waitFor(text: "4 Pods")
        #expect(Self.processes(matching: "--seed 4242") == 1)
        try tmux.tmux(["kill-session", "-t", tmux.name])
        let deadline = Date().addingTimeInterval(10)
        while Self.processes(matching: "--seed 4242") > 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(Self.processes(matching: "--seed 4242") == 0, "the dashboard kept running after its terminal closed")
    }

    /// How many running kubesim processes have `argument` on their command line.
    static func processes(matching argument: String) -> Int { processIDs(matching: argument).count }

    static func processIDs(matching argument: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return words.first?.hasSuffix("/kubesim") == true && words.joined(separator: " ").contains(argument)
        }
    }

    @Test func withoutATerminalItPointsAtKubesimRun() throws {
        let result = try HeadlessBinaryTests.run([], stdin: "")
        #expect(result.status == 2)
        #expect(result.stderr == "error: the dashboard needs a terminal; without one, use `kubesim run` (for example `kubesim run --script FILE`)\n")
    }

    @Test func brokenThemeIsRejectedBeforeTheScreenOpens() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).yaml")
        try "name: broken\ndescription: x\nstyles:\n  running: {fg: grean}\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        guard TmuxSession.available() else { return }
        let binary = try HeadlessBinaryTests.binary().path
        let tmux = try TmuxSession("bash --norc --noprofile", width: 120, height: 40)
        try tmux.type("\(binary) --theme \(file.path); echo exit=$?")
        try tmux.send("Enter")
        let screen = try tmux.waitFor(text: "exit=1")
        #expect(screen.contains("error: \(file.path): styles.running.fg: expected a color"))
    }
}
