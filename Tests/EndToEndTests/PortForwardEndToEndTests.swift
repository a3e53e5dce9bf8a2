import Foundation
import Testing

/// `kubectl port-forward` in the real binary's headless shell, in a real terminal, answered
/// through `curl`: it blocks like kubectl, Ctrl-C stops it and the script goes on.
@Suite(.serialized) struct PortForwardEndToEndTests {
    static let curl: String? = ["/usr/bin/curl", "/usr/local/bin/curl", "/opt/homebrew/bin/curl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func curlReachesTheForwardedPodUntilCtrlC() throws {
        guard TmuxSession.available() else {
            print("skipped: tmux is missing")
            return
        }
        guard let curl = Self.curl else {
            print("skipped: curl is missing")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-forward-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("forward.txt")
        try """
            kubectl create deployment hello --image=kiamol/ch02-hello-kiamol --replicas=2 --port=80
            sleep 30s
            kubectl port-forward deploy/hello :80
            kubectl get deployment hello

            """.write(to: script, atomically: true, encoding: .utf8)
        let binary = try HeadlessBinaryTests.binary().path
        let tmux = try TmuxSession("bash --norc --noprofile", width: 160, height: 40)
        try tmux.type("PS1='ready> '; \(binary) run --seed 7 --script \(script.path); echo \"exit=$?\"")
        try tmux.send("Enter")
        let forwarding = try tmux.waitFor(text: "Forwarding from 127.0.0.1:")
        let port = try #require(forwarding.firstMatch(of: /Forwarding from 127\.0\.0\.1:(\d+) -> 80/).map { Int($0.output.1)! })

        var pods: Set<String> = []
        for _ in 0..<3 {
            let answer = try ProcessRunner.run(curl, ["-s", "--max-time", "10", "http://localhost:\(port)/"])
            #expect(answer.stdout.contains("<h1>Hello from hello-"), "\(answer)")
            if let name = answer.stdout.firstMatch(of: /Hello from (hello-[a-z0-9-]+)/) { pods.insert(String(name.output.1)) }
        }
        // One pod answers a port-forward, every time.
        #expect(pods.count == 1)
        try tmux.waitFor("three connections handled") { $0.components(separatedBy: "Handling connection for \(port)").count - 1 >= 3 }

        try tmux.send("C-c")
        let end = try tmux.waitFor(text: "exit=0")
        #expect(end.contains("$ kubectl get deployment hello\nNAME    READY   UP-TO-DATE   AVAILABLE   AGE\nhello   2/2     2            2"))
        // The port is closed once the forward stopped.
        let after = try ProcessRunner.run(curl, ["-s", "--max-time", "5", "http://127.0.0.1:\(port)/"])
        #expect(after.status != 0)
    }

    /// `sim serve` typed in the dashboard's command bar: curl in a loop meets every pod.
    @Test func curlThroughSimServeInTheDashboardMeetsEveryPod() throws {
        guard TmuxSession.available() else {
            print("skipped: tmux is missing")
            return
        }
        guard let curl = Self.curl else {
            print("skipped: curl is missing")
            return
        }
        let tmux = try DashboardEndToEndTests.startFromShell("--seed 4412")
        let running = try tmux.waitFor("three Running pods", DashboardEndToEndTests.threeRunning)
        let pods = Set(DashboardEndToEndTests.pods(running).keys)
        try tmux.send(":")
        try tmux.type("expose deployment hello-kiamol-2 --port=80")
        try tmux.send("Enter")
        try tmux.waitFor(text: "service/hello-kiamol-2 exposed")
        try tmux.send(":")
        try tmux.type("sim serve svc/hello-kiamol-2 --port 0")
        try tmux.send("Enter")
        let serving = try tmux.waitFor(text: "Serving service/hello-kiamol-2 on http://127.0.0.1:")
        let port = try #require(serving.firstMatch(of: /on http:\/\/127\.0\.0\.1:(\d+)/).map { Int($0.output.1)! })
        var answered: Set<String> = []
        for _ in 0..<30 {
            let answer = try ProcessRunner.run(curl, ["-s", "--max-time", "10", "http://localhost:\(port)/"])
            #expect(answer.status == 0, "\(answer)")
            if let name = answer.stdout.firstMatch(of: /Hello from (hello-kiamol-2-[a-z0-9-]+)/) { answered.insert(String(name.output.1)) }
        }
        #expect(answered == pods)
        try tmux.send("q")
        try DashboardEndToEndTests.waitForPrompt(tmux)
        // Quitting closed the port.
        let after = try ProcessRunner.run(curl, ["-s", "--max-time", "5", "http://127.0.0.1:\(port)/"])
        #expect(after.status != 0)
    }
}
