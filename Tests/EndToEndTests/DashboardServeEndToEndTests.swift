import APIServer
import Foundation
import KubesimTestSupport
import Testing

/// `kubesim --serve`: the dashboard and the API on one cluster, in a real terminal.
@Suite(.serialized) struct DashboardServeEndToEndTests {
    /// The port the dashboard's API listens on, from the kubeconfig it writes (bounded poll).
    static func servedPort(kubeconfig: URL, timeout: TimeInterval = 30) -> Int? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        repeat {
            if let text = try? String(contentsOf: kubeconfig, encoding: .utf8),
               let match = text.firstMatch(of: /server: http:\/\/127\.0\.0\.1:(\d+)\n/) {
                return Int(match.output.1)
            }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return nil
    }

    /// `kubesim --seed SEED --serve=127.0.0.1:0` from a bash prompt in tmux, its kubeconfig
    /// under `state` (XDG_STATE_HOME: the test's own folder, never the user's).
    static func startFromShell(seed: Int, state: URL) throws -> (TmuxSession, URL) {
        let binary = try HeadlessBinaryTests.binary().path
        let tmux = try TmuxSession("bash --norc --noprofile", width: 120, height: 40)
        try tmux.type("PS1='ready> '; XDG_STATE_HOME=\(state.path) \(binary) --seed \(seed) --serve=127.0.0.1:0")
        try tmux.send("Enter")
        return (tmux, state.appendingPathComponent("kubesim/kubeconfig"))
    }

    @Test func theDashboardAnswersTheAPIWhileItDraws() throws {
        guard TmuxSession.available() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-dash-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (tmux, kubeconfig) = try Self.startFromShell(seed: 4411, state: folder)
        try tmux.waitFor("three Running pods", DashboardEndToEndTests.threeRunning)
        let port = try #require(Self.servedPort(kubeconfig: kubeconfig))
        // Several requests on one connection, each answered within the dashboard's frames.
        let connection = try RawHTTPConnection(port: port)
        for path in ["/version", "/healthz", "/api"] {
            connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let response = try #require(connection.readResponse())
            #expect(response.status == 200, "\(path)")
        }
        if let kubectl = RealKubectl.locate() {
            let version = try ProcessRunner.run(kubectl.path, ["--kubeconfig", kubeconfig.path, "--cache-dir", folder.appendingPathComponent("cache").path, "version"])
            #expect(version.stdout.contains("Server Version: v1.33.1\n"), "\(version)")
        }
        // Still drawing and answering keys.
        try tmux.send("?")
        try tmux.waitFor(text: "Help")
        try tmux.send("Escape", "q")
        try DashboardEndToEndTests.waitForPrompt(tmux)
        let screen = try tmux.screen()
        #expect(screen.contains("Serving the Kubernetes API on http://127.0.0.1:\(port)\n"))
        #expect(screen.contains("export KUBECONFIG=\(kubeconfig.path)"))
        #expect(connection.peerClosed(), "quitting closes the API's connections")
    }

    /// A thousand watches and a burst of 10,000 requests while the dashboard draws: its keys
    /// are still answered, and quitting closes every watch.
    @Test func aThousandWatchesAndABurstLeaveTheDashboardAnsweringKeys() throws {
        guard TmuxSession.available() else { return }
        let needed = ServeSafetyEndToEndTests.watchCount + 200
        let openFiles = OpenFileLimit.raiseToHardLimit()
        guard openFiles >= needed else {
            print("note: the open-file limit is \(openFiles), under the \(needed) a thousand watches need: skipping the test")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-dash-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (tmux, kubeconfig) = try Self.startFromShell(seed: 4413, state: folder)
        try tmux.waitFor("three Running pods", DashboardEndToEndTests.threeRunning)
        let port = try #require(Self.servedPort(kubeconfig: kubeconfig))
        let watches = try ServeSafetyEndToEndTests.openWatches(ServeSafetyEndToEndTests.watchCount, port: port)
        #expect(watches.count == ServeSafetyEndToEndTests.watchCount)
        #expect(try ServeSafetyEndToEndTests.burst(port: port) == 10_000)
        try tmux.send("?")
        try tmux.waitFor(text: "Help")
        try tmux.send("Escape", "q")
        try DashboardEndToEndTests.waitForPrompt(tmux)
        #expect(watches.allSatisfy { $0.waitForPeerClose(within: 10) }, "quitting closes every watch")
    }

    /// A pod deleted with the real kubectl heals on screen as one deleted with `x` does.
    @Test func kubectlDeletePodStartsTheHealingPane() throws {
        guard TmuxSession.available(), let kubectl = RealKubectl.forTest() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-dash-delete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (tmux, kubeconfig) = try Self.startFromShell(seed: 4412, state: folder)
        let before = DashboardEndToEndTests.pods(try tmux.waitFor("three Running pods", DashboardEndToEndTests.threeRunning))
        let victim = try #require(before.keys.sorted().first)
        #expect(Self.servedPort(kubeconfig: kubeconfig) != nil)
        let deleted = try ProcessRunner.run(kubectl.path, ["--kubeconfig", kubeconfig.path, "--cache-dir", folder.appendingPathComponent("cache").path,
                                                           "delete", "pod", victim])
        #expect(deleted.status == 0, "\(deleted)")
        #expect(deleted.stdout == "pod \"\(victim)\" deleted\n")
        let after = try tmux.waitFor("the victim gone and three Running pods") { screen in
            let pods = DashboardEndToEndTests.pods(screen)
            return pods[victim] == nil && pods.values.filter { $0 == "Running" }.count == 3
        }
        #expect(after.contains("Healing: pod \(victim) deleted"))
        try tmux.send("q")
        try DashboardEndToEndTests.waitForPrompt(tmux)
    }
}
