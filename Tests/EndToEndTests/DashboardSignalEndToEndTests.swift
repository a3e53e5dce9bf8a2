import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The dashboard in tmux started from a bash prompt, quit by keys and signals while it works: it
/// answers at once, and the shell gets back its main screen, cursor and exactly the terminal
/// settings (`stty -a`) it had before, with the exit status a shell expects.
@Suite(.serialized) struct DashboardSignalEndToEndTests {
    /// What a signal should do to the dashboard: the exit status the shell sees afterwards.
    struct Expectation: CustomTestStringConvertible, Sendable {
        let name: String
        let signal: Int32
        /// `$?` in the shell once the dashboard is gone; nil when the signal is ignored (the
        /// dashboard keeps running and `q` ends it with 0).
        let status: Int32?
        /// A seed of its own, to find this test's process.
        let seed: Int
        var testDescription: String { name }
    }

    static let expectations: [Expectation] = [
        Expectation(name: "SIGTERM", signal: SIGTERM, status: 143, seed: 7301),
        Expectation(name: "SIGHUP", signal: SIGHUP, status: 129, seed: 7302),
        Expectation(name: "SIGINT", signal: SIGINT, status: 130, seed: 7303),
        Expectation(name: "SIGUSR1", signal: SIGUSR1, status: 138, seed: 7304),
        Expectation(name: "SIGUSR2", signal: SIGUSR2, status: 140, seed: 7305),
        Expectation(name: "SIGALRM", signal: SIGALRM, status: 142, seed: 7306),
        // Restores the terminal, then dies by the signal (core dump) as SIGQUIT should.
        Expectation(name: "SIGQUIT", signal: SIGQUIT, status: 131, seed: 7307),
        Expectation(name: "SIGPIPE", signal: SIGPIPE, status: nil, seed: 7308),
        // What a crash raises: a Swift trap (precondition, force unwrap of nil, overflow) is
        // SIGILL or SIGTRAP, fatalError and abort() SIGABRT, a bad access SIGSEGV or SIGBUS. The
        // handler restores the terminal, then the process dies by the signal.
        Expectation(name: "SIGILL (a trapped precondition)", signal: SIGILL, status: 132, seed: 7311),
        Expectation(name: "SIGTRAP", signal: SIGTRAP, status: 133, seed: 7312),
        Expectation(name: "SIGABRT", signal: SIGABRT, status: 134, seed: 7313),
        Expectation(name: "SIGBUS", signal: SIGBUS, status: 135, seed: 7314),
        Expectation(name: "SIGFPE", signal: SIGFPE, status: 136, seed: 7315),
        Expectation(name: "SIGSEGV", signal: SIGSEGV, status: 139, seed: 7316),
    ]

    /// Asks the shell for the last exit status and whether the terminal's settings are exactly
    /// those saved before the dashboard started, in one line whose answer the typed text cannot
    /// match: `verdict <status> same|changed`.
    static func askShellForVerdict(_ tmux: TmuxSession) throws -> String {
        try tmux.type("s=$?; [ \"$before\" = \"$(stty -a)\" ] && t=same || t=changed; echo \"verdict $s $t\"")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("the verdict") { $0.contains(/\nverdict \d+ [a-z]+/) }
        return screen.firstMatch(of: /\nverdict (\d+ [a-z]+)/).map { String($0.output.1) } ?? ""
    }

    /// tmux's view of the pane: whether the cursor is shown, whether the alternate screen is on,
    /// and whether the application cursor-key and keypad modes are on (`1 0 0 0` once restored).
    static func terminalModes(_ tmux: TmuxSession) throws -> String {
        try tmux.tmux(["display-message", "-p", "-t", tmux.name, "#{cursor_flag} #{alternate_on} #{keypad_cursor_flag} #{keypad_flag}"], capture: true)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A bash prompt (`ready>`) in tmux with the dashboard started from it; no core files
    /// (SIGQUIT would leave one in the working directory).
    static func startFromShell(_ arguments: String) throws -> TmuxSession {
        let binary = try HeadlessBinaryTests.binary().path
        let tmux = try TmuxSession("bash --norc --noprofile", width: 120, height: 40)
        try tmux.type("PS1='ready> '; ulimit -c 0; before=$(stty -a); \(binary) \(arguments)")
        try tmux.send("Enter")
        return tmux
    }

    @Test(.serialized, arguments: expectations)
    func signalLeavesTheTerminalRestored(_ expected: Expectation) throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.startFromShell("--seed \(expected.seed)")
        try tmux.waitFor(text: "4 Pods")
        let pid = try #require(DashboardEndToEndTests.processIDs(matching: "--seed \(expected.seed)").first)
        #expect(try Self.terminalModes(tmux).hasPrefix("0 1"), "the dashboard hides the cursor on the alternate screen")
        #expect(kill(pid, expected.signal) == 0)
        if expected.status == nil {
            // Ignored: the dashboard still answers keys, then quits normally.
            try tmux.send("?")
            try tmux.waitFor(text: "Help")
            try tmux.send("Escape", "q")
        }
        try DashboardEndToEndTests.waitForPrompt(tmux)
        #expect(try Self.askShellForVerdict(tmux) == "\(expected.status ?? 0) same")
        #expect(try Self.terminalModes(tmux) == "1 0 0 0")
        #expect(!(try tmux.screen()).contains("4 Pods"))
    }

    @Test(arguments: [("q", 7321), ("C-c", 7322)])
    func quitKeysLeaveTheTerminalAsItWas(_ key: String, _ seed: Int) throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.startFromShell("--seed \(seed)")
        try tmux.waitFor(text: "4 Pods")
        try tmux.send(key)
        try DashboardEndToEndTests.waitForPrompt(tmux)
        #expect(try Self.askShellForVerdict(tmux) == "0 same")
        #expect(try Self.terminalModes(tmux) == "1 0 0 0")
    }

    /// An error thrown after the dashboard took the terminal (the recording cannot be written):
    /// the message reaches the shell's screen and the terminal is as it was, status 1.
    @Test func aThrownErrorLeavesTheTerminalAsItWas() throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.startFromShell("--seed 7323 --record /nonexistent-directory/demo.cast")
        try DashboardEndToEndTests.waitForPrompt(tmux)
        let screen = try tmux.screen()
        #expect(screen.contains("error:") && screen.contains("/nonexistent-directory/demo.cast"), "\(screen)")
        #expect(try Self.askShellForVerdict(tmux) == "1 same")
        #expect(try Self.terminalModes(tmux) == "1 0 0 0")
    }

    /// Ctrl-Z (a key in raw mode) and SIGTSTP from outside stop the job with the shell's
    /// terminal given back; `fg` continues it with the whole dashboard drawn again.
    @Test(arguments: [("Ctrl-Z", 7324), ("SIGTSTP", 7325)])
    func suspendGivesTheShellItsTerminalAndFgRedraws(_ how: String, _ seed: Int) throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.startFromShell("--seed \(seed)")
        try tmux.waitFor(text: "4 Pods")
        if how == "Ctrl-Z" {
            try tmux.send("C-z")
        } else {
            let pid = try #require(DashboardEndToEndTests.processIDs(matching: "--seed \(seed)").first)
            #expect(kill(pid, SIGTSTP) == 0)
        }
        try tmux.waitFor(text: "Stopped")
        try DashboardEndToEndTests.waitForPrompt(tmux)
        // A stopped job's status is 128 + SIGTSTP (148).
        #expect(try Self.askShellForVerdict(tmux) == "148 same")
        #expect(try Self.terminalModes(tmux) == "1 0 0 0")
        try tmux.type("clear; fg")
        try tmux.send("Enter")
        try tmux.waitFor(text: "4 Pods")
        try tmux.waitFor("the whole dashboard drawn again") { $0.contains("1 Nodes") && $0.contains("q quit") }
        #expect(try Self.terminalModes(tmux).hasPrefix("0 1"), "the dashboard has the alternate screen again")
        try tmux.send("q")
        try DashboardEndToEndTests.waitForPrompt(tmux)
        #expect(try Self.askShellForVerdict(tmux) == "0 same")
        #expect(try Self.terminalModes(tmux) == "1 0 0 0")
    }

    /// The ReplicaSets pane's CURRENT for a ReplicaSet wanting 100,000 pods, if shown.
    static func currentPods(_ screen: String) -> Int? {
        screen.firstMatch(of: /hello-kiamol-2-[a-z0-9]+ +100000 +(\d+)/).flatMap { Int($0.output.1) }
    }

    @Test func scaleTo100000AndBackThenQuitAtOnce() throws {
        guard TmuxSession.available() else { return }
        let tmux = try Self.startFromShell("--seed 7310")
        try tmux.waitFor("three Running pods", DashboardEndToEndTests.threeRunning)
        try tmux.send(":")
        try tmux.type("scale deployment/hello-kiamol-2 --replicas=100000")
        try tmux.send("Enter")
        try tmux.waitFor(text: "deployment.apps/hello-kiamol-2 scaled")
        // Pods climb while the screen keeps being drawn.
        let first = try #require(Self.currentPods(try tmux.waitFor("pods being created") { (Self.currentPods($0) ?? 0) > 3 }))
        try tmux.waitFor("more pods than \(first)") { (Self.currentPods($0) ?? 0) > first }
        // A line typed while the cluster is busy is taken at once, and the scale-down starts.
        try tmux.send(":")
        try tmux.type("scale deployment/hello-kiamol-2 --replicas=3")
        try tmux.send("Enter")
        try tmux.waitFor("the ReplicaSet wanting 3", timeout: 5) { $0.contains(/hello-kiamol-2-[a-z0-9]+ +3 +\d+\s/) }
        let pressed = Date()
        try tmux.send("q")
        try tmux.waitFor("the shell prompt back within 2 s", timeout: 2) { $0.split(separator: "\n").last?.hasPrefix("ready>") == true }
        #expect(Date().timeIntervalSince(pressed) < 2)
        #expect(try Self.askShellForVerdict(tmux) == "0 same")
        #expect(try Self.terminalModes(tmux) == "1 0 0 0")
        #expect(DashboardEndToEndTests.processes(matching: "--seed 7310") == 0)
    }
}
