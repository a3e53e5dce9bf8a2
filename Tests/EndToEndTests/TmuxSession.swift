import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A terminal for end-to-end tests: tmux runs the real binary; tests type with send-keys and
/// read the screen with capture-pane, waiting for text with a bounded poll (never a bare sleep).
final class TmuxSession {
    let name: String

    /// tmux's path, or nil when it is missing (then the test is skipped — unless
    /// KUBESIM_REQUIRE_E2E=1, as in CI, where a missing tmux fails it).
    static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static var required: Bool { ProcessInfo.processInfo.environment["KUBESIM_REQUIRE_E2E"] == "1" }

    /// Whether tmux tests can run; records a failure when they must but cannot.
    static func available() -> Bool {
        if executable != nil { return true }
        if required { Issue.record("tmux is required (KUBESIM_REQUIRE_E2E=1) but was not found") }
        return false
    }

    /// `language` is the LANG the program sees (C.UTF-8 unless a test is about locales).
    init(_ command: String, width: Int = 120, height: Int = 40, language: String = "C.UTF-8") throws {
        name = "kubesim-e2e-\(UUID().uuidString.prefix(8))"
        // The tests' tmux server is shared by every test running at the time; when the last
        // session closes it shuts down, and a session started at that moment is lost. Retry.
        for attempt in 0..<5 {
            try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                      "-e", "LANG=\(language)", "-e", "LC_ALL=", "-e", "TERM=xterm-256color", command])
            if lastStatus == 0 { break }
            Thread.sleep(forTimeInterval: 0.1 * Double(attempt + 1))
        }
    }

    /// The exit status of the last tmux command.
    private(set) var lastStatus: Int32 = 0

    deinit { try? tmux(["kill-session", "-t", name]) }

    /// The tests' own tmux server, apart from any the user runs.
    static let socket = "kubesim-tests"

    /// Runs a tmux command and waits for the client to exit. tmux is spawned directly and
    /// reaped with waitpid: the server that the first `new-session` daemonizes inherits the
    /// child's descriptors, which makes Foundation's Process wait forever. Only `capture`
    /// reads output (into a temporary file, never a pipe the server could hold open).
    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = false) throws -> String {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? outputFile.path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([Self.executable!, "-L", Self.socket] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // The test runs on a thread that blocks signals; tmux and the dashboard must not inherit
        // that (they would never see SIGWINCH or SIGHUP).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // The test runner sets NO_COLOR, which the dashboard honours; a user's terminal has colors.
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "NO_COLOR" }
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in environment { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, Self.executable!, &actions, &attributes, argv, environment)
        guard spawned == 0 else { throw SpawnFailed(code: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        lastStatus = status
        guard capture else { return "" }
        return (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    }

    struct SpawnFailed: Error { var code: Int32 }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// Types text literally (no key-name interpretation).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name], capture: true) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen every 50 ms until `condition` holds, for at most `timeout` seconds.
    /// Returns the last screen; records a failure naming `what` on timeout.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        repeat {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        // The screen also goes to a file: some screens (shell prompts) upset the console reporter.
        let dump = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-timeout.txt")
        try? last.write(to: dump, atomically: true, encoding: .utf8)
        Issue.record("timed out after \(timeout)s waiting for \(what); screen saved in \(dump.path):\n\(last)")
        return last
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 20) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits for `text`, then until the screen stays the same over five polls (a quarter of a
    /// second): the frame that shows `text` may still be arriving row by row when it first does.
    @discardableResult
    func waitForSettled(text: String, timeout: Double = 20) throws -> String {
        var previous = "", unchanged = 0
        return try waitFor("\"\(text)\" on a settled screen", timeout: timeout) { screen in
            unchanged = screen == previous ? unchanged + 1 : 0
            previous = screen
            return screen.contains(text) && unchanged >= 5
        }
    }
}
