import Foundation
import Testing

/// Containers' logs through the API to the real kubectl 1.33: `kubectl logs` prints the
/// start-up lines, `logs -f` streams until the container stops (seeing the line it writes as
/// it crashes), and `logs --previous` shows the crashed instance after the restart.
@Suite struct LogsEndToEndTests {
    @Test func logsFollowAndPreviousAcrossACrash() throws {
        let scenario = FileManager.default.temporaryDirectory.appendingPathComponent("logs-\(UUID().uuidString).yaml")
        try """
            description: One web server whose process exits after a minute.
            steps:
              - run: sim image web:1.0 --crash-after 60s
              - run: kubectl create deployment web --image=web:1.0
            """.write(to: scenario, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scenario) }
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "5", "--scenario", scenario.path, "--speed", "10"]) else { return }
        defer { server.stop() }

        let running = try server.kubectl(["get", "pods", "-l", "app=web", "-o", "jsonpath={.items[0].metadata.name} {.items[0].status.phase}"],
                                         until: { $0.stdout.hasSuffix(" Running") }, timeout: 30)
        let pod = String(running.stdout.split(separator: " ")[0])

        let plain = try server.kubectl(["logs", pod])
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.stdout.contains("level=info msg=\"starting web\" version=1.0"), "\(plain)")
        #expect(!plain.stdout.contains("fatal"))
        let stamped = try server.kubectl(["logs", pod, "--timestamps", "--tail=1"])
        #expect(stamped.stdout.split(separator: "\n").count == 1, "\(stamped)")
        #expect(stamped.stdout.hasPrefix("20") && stamped.stdout.contains("Z time=\""), "\(stamped)")

        let noPrevious = try server.kubectl(["logs", pod, "--previous"])
        #expect(noPrevious.stderr == "Error from server (BadRequest): previous terminated container \"web\" in pod \"\(pod)\" not found\n", "\(noPrevious)")

        // Following: the stream stays open until the process exits, and carries its last line.
        let followed = try server.kubectl(["logs", "-f", pod], timeout: 60)
        #expect(followed.status == 0, "\(followed)")
        #expect(followed.stdout.hasPrefix(plain.stdout), "\(followed)")
        #expect(followed.stdout.hasSuffix("fatal: exiting with code 1\n"), "\(followed)")

        _ = try server.kubectl(["get", "pod", pod, "-o", "jsonpath={.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].state.running.startedAt}"],
                               until: { $0.stdout.hasPrefix("1 ") && $0.stdout.count > 3 }, timeout: 30)
        let previous = try server.kubectl(["logs", pod, "-p"])
        #expect(previous.stdout == followed.stdout, "\(previous)")
        let current = try server.kubectl(["logs", "deployment/web"])
        #expect(current.stdout.contains("msg=\"starting web\""), "\(current)")
        #expect(!current.stdout.contains("fatal"), "\(current)")

        let missing = try server.kubectl(["logs", "nope"])
        #expect(missing.stderr == "error: error from server (NotFound): pods \"nope\" not found in namespace \"default\"\n", "\(missing)")
    }
}
