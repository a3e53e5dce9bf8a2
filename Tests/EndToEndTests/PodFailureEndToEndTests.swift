import Foundation
import Testing

/// The ways pods fail, through the API to the real kubectl 1.33: a crashing container reads
/// `CrashLoopBackOff` with RESTARTS `N (AGE ago)`, a missing image `ErrImagePull` /
/// `ImagePullBackOff`, and the pod status carries state.waiting, lastState.terminated and
/// restartCount as a kubelet writes them.
@Suite struct PodFailureEndToEndTests {
    @Test func crashLoopsAndMissingImagesReadAsOnARealCluster() throws {
        let scenario = FileManager.default.temporaryDirectory.appendingPathComponent("pod-failures-\(UUID().uuidString).yaml")
        try """
            description: A crashing container and a missing image.
            steps:
              - run: sim image crashy:1 --crash-after 2s
              - run: sim image nginx:9.99 --missing
              - run: kubectl create deployment crashy --image=crashy:1
              - run: kubectl create deployment bad --image=nginx:9.99
            """.write(to: scenario, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scenario) }
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "4", "--scenario", scenario.path, "--speed", "20"]) else { return }
        defer { server.stop() }

        // Three exits take 2 s + 2 s + 10 s back-off + 2 s: well under a minute of virtual time.
        let crashing = try server.kubectl(["get", "pods", "-l", "app=crashy", "--no-headers"], until: { result in
            result.stdout.contains("CrashLoopBackOff") && Self.restarts(result.stdout) >= 2
        }, timeout: 30)
        let columns = crashing.stdout.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(columns.count == 7, "\(crashing)")
        #expect(columns[1] == "0/1")
        #expect(columns[2] == "CrashLoopBackOff")
        // RESTARTS is `N (AGE ago)`: two words in the table.
        #expect(columns[4].hasPrefix("(") && columns[5] == "ago)", "\(crashing.stdout)")

        let status = try server.kubectl(["get", "pods", "-l", "app=crashy", "-o",
                                         "jsonpath={.items[0].status.containerStatuses[0].lastState.terminated.reason} {.items[0].status.containerStatuses[0].lastState.terminated.exitCode} {.items[0].status.containerStatuses[0].restartCount}"])
        let fields = status.stdout.split(separator: " ").map(String.init)
        #expect(fields.count == 3 && fields[0] == "Error" && fields[1] == "1" && (Int(fields[2]) ?? 0) >= 2, "\(status)")
        let waiting = try server.kubectl(["get", "pods", "-l", "app=crashy", "-o",
                                          "jsonpath={.items[0].status.containerStatuses[0].state.waiting.message}"], until: {
            $0.stdout.hasPrefix("back-off ")
        }, timeout: 20)
        #expect(waiting.stdout.contains("restarting failed container=crashy pod=crashy-"), "\(waiting)")

        let pulling = try server.kubectl(["get", "pods", "-l", "app=bad", "--no-headers"], until: { $0.stdout.contains("ImagePullBackOff") }, timeout: 20)
        #expect(pulling.stdout.contains(" 0/1 ") && pulling.stdout.contains("ImagePullBackOff"), "\(pulling)")
        let events = try server.kubectl(["get", "events"])
        #expect(events.stdout.contains("Back-off pulling image \"nginx:9.99\""), "\(events)")
        #expect(events.stdout.contains("Back-off restarting failed container crashy in pod crashy-"), "\(events)")
    }

    @Test func probesRoundTripThroughKubectlApply() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("probed-\(UUID().uuidString).yaml")
        try """
            apiVersion: v1
            kind: Pod
            metadata:
              name: probed
            spec:
              restartPolicy: OnFailure
              containers:
              - name: web
                image: nginx:1.27
                readinessProbe:
                  httpGet:
                    path: /healthz
                    port: 8080
                  periodSeconds: 5
                livenessProbe:
                  tcpSocket:
                    port: 8080
                  initialDelaySeconds: 3
                startupProbe:
                  grpc:
                    port: 9000
            """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "2", "--speed", "20"]) else { return }
        defer { server.stop() }
        #expect(try server.kubectl(["apply", "-f", file.path]).stdout == "pod/probed created\n")
        #expect(try server.kubectl(["apply", "-f", file.path]).stdout == "pod/probed unchanged\n")
        let spec = try server.kubectl(["get", "pod", "probed", "-o",
                                       "jsonpath={.spec.restartPolicy} {.spec.containers[0].readinessProbe.periodSeconds} {.spec.containers[0].readinessProbe.failureThreshold} {.spec.containers[0].livenessProbe.tcpSocket.port} {.spec.containers[0].startupProbe.grpc.port}"])
        #expect(spec.stdout == "OnFailure 5 3 8080 9000", "\(spec)")
        let ready = try server.kubectl(["get", "pod", "probed", "--no-headers"], until: { $0.stdout.contains("1/1") }, timeout: 20)
        #expect(ready.stdout.contains(" 1/1 ") && ready.stdout.contains(" Running "), "\(ready)")
        let describe = try server.kubectl(["describe", "pod", "probed"]).stdout
        #expect(describe.contains("Liveness:       tcp-socket :8080 delay=3s timeout=1s period=10s #success=1 #failure=3\n"), "\(describe)")
        #expect(describe.contains("Readiness:      http-get http://:8080/healthz delay=0s timeout=1s period=5s #success=1 #failure=3\n"))
        #expect(describe.contains("Startup:        grpc <pod>:9000  delay=0s timeout=1s period=10s #success=1 #failure=3\n"))
    }

    /// The restart count in a `--no-headers` pod line (the fourth column).
    static func restarts(_ line: String) -> Int {
        let columns = line.split(separator: " ", omittingEmptySubsequences: true)
        return columns.count > 3 ? Int(columns[3]) ?? 0 : 0
    }
}
