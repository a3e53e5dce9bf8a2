import Testing
@testable import Cluster
@testable import Commands

/// `sim image` and `sim crash`, and what kubectl shows of the failures they cause: STATUS,
/// RESTARTS `N (AGE ago)`, describe's State / Last State / Restart Count, and the events.
@Suite struct PodFailureShellTests {
    private func firstPod(_ shell: Shell, app: String) -> Pod? {
        shell.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": app])).first
    }

    /// Advances until `app` has one Running, Ready pod.
    private func settle(_ shell: Shell, app: String, timeout: Double = 60) -> Bool {
        shell.cluster.advance(until: {
            let pods = shell.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": app]))
            return pods.count == 1 && pods[0].isReady && pods[0].status.phase == "Running"
        }, timeout: .seconds(timeout))
    }

    private func waitingReason(_ pod: Pod?) -> String? {
        if case .waiting(let reason)? = pod?.status.containerStatuses.first?.state { return reason }
        return nil
    }

    /// Runs of spaces collapsed and indentation dropped, so describe's aligned columns compare as words.
    private func words(_ text: String) -> String {
        text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }.joined(separator: "\n")
    }

    @Test func aCrashLoopReadsAsKubectlPrintsIt() throws {
        let shell = Shell(seed: 1)
        #expect(shell.out("sim image crashy:1 --crash-after 10s") == "image/crashy:1 configured: exits after 10s with code 1\n")
        shell.out("create deployment crashy --image=crashy:1")
        #expect(shell.cluster.advance(until: {
            let pod = self.firstPod(shell, app: "crashy")
            return self.waitingReason(pod) == "CrashLoopBackOff" && pod?.restartCount == 2
        }, timeout: .seconds(120)))
        shell.advance(5)
        let pod = try #require(firstPod(shell, app: "crashy"))
        let row = try #require(shell.rows("get pods").first)
        #expect(row["READY"] == "0/1")
        #expect(row["STATUS"] == "CrashLoopBackOff")
        #expect(row["RESTARTS"] == "2 (5s ago)")

        let describe = words(shell.out("describe pod \(pod.metadata.name)"))
        #expect(describe.contains("""

            State: Waiting
            Reason: CrashLoopBackOff
            Last State: Terminated
            Reason: Error
            Exit Code: 1

            """))
        #expect(describe.contains("\nReady: False\nRestart Count: 2\n"))
        #expect(describe.contains("Warning BackOff"))
        #expect(describe.contains("kubelet Back-off restarting failed container crashy in pod \(pod.metadata.name)_default(\(pod.metadata.uid))"))

        // Between two crashes the container runs again, and RESTARTS keeps counting.
        #expect(shell.cluster.advance(until: { self.firstPod(shell, app: "crashy")?.status.containerStatuses[0].isRunning == true },
                                      timeout: .seconds(30)))
        let running = try #require(shell.rows("get pods").first)
        #expect(running["STATUS"] == "Running")
        #expect(running["READY"] == "1/1")
        #expect(running["RESTARTS"]?.hasPrefix("3 (") == true)
    }

    @Test func simCrashCrashesOneContainerOnce() throws {
        let shell = Shell(seed: 2)
        shell.out("create deployment web --image=nginx:1.27")
        #expect(settle(shell, app: "web"))
        let name = try #require(firstPod(shell, app: "web")).metadata.name
        #expect(shell.out("sim crash pod/\(name)") == "pod/\(name) container nginx crashed\n")
        let crashed = try #require(shell.rows("get pods").first)
        #expect(crashed["STATUS"] == "Error")
        #expect(crashed["READY"] == "0/1")
        #expect(crashed["RESTARTS"] == "0")
        shell.advance(2)
        let restarted = try #require(shell.rows("get pods").first)
        #expect(restarted["STATUS"] == "Running")
        #expect(restarted["RESTARTS"] == "1 (2s ago)")
        shell.advance(600)
        #expect(firstPod(shell, app: "web")?.restartCount == 1)

        #expect(shell.run("sim crash pod/nope").stderr == "Error from server (NotFound): pods \"nope\" not found\n")
        #expect(shell.run("sim crash pod/\(name) -c sidecar").stderr == "error: container sidecar is not valid for pod \(name)\n")
        #expect(shell.run("sim crash").stderr == "error: usage: sim crash pod/NAME [-c CONTAINER]\n")
    }

    @Test func aMissingImageShowsErrImagePullThenImagePullBackOffAndRecovers() throws {
        let shell = Shell(seed: 3)
        #expect(shell.out("sim image nginx:9.99 --missing") == "image/nginx:9.99 configured: missing from the registry\n")
        #expect(shell.out("sim image").hasPrefix("IMAGE        PULL      PULL TIME   SIZE"))
        shell.out("create deployment bad --image=nginx:9.99")
        #expect(shell.cluster.advance(until: { self.waitingReason(self.firstPod(shell, app: "bad")) == "ErrImagePull" }, timeout: .seconds(30)))
        #expect(shell.rows("get pods").first?["STATUS"] == "ErrImagePull")
        #expect(shell.cluster.advance(until: { self.waitingReason(self.firstPod(shell, app: "bad")) == "ImagePullBackOff" }, timeout: .seconds(5)))
        let row = try #require(shell.rows("get pods").first)
        #expect(row["STATUS"] == "ImagePullBackOff")
        #expect(row["READY"] == "0/1")
        #expect(row["RESTARTS"] == "0")
        let events = shell.out("get events")
        #expect(events.contains("Normal    BackOff"))
        #expect(events.contains("Back-off pulling image \"nginx:9.99\""))
        #expect(events.contains("Error: ImagePullBackOff"))

        #expect(shell.out("sim image nginx:9.99 --reset") == "image/nginx:9.99 reset: pulls and runs healthy\n")
        #expect(shell.out("sim image") == "No images configured: every image pulls and runs healthy.\n")
        #expect(settle(shell, app: "bad", timeout: 30))
        #expect(shell.rows("get pods").first?["STATUS"] == "Running")
    }

    @Test func aPodThatMayNotRestartEndsFailedOrSucceeded() throws {
        let shell = Shell(seed: 5)
        shell.out("sim image job:1 --crash-after 3s")
        shell.out("sim image job:ok --crash-after 3s --exit-code 0")
        let folder = try ManifestFolder()
        for (name, image) in [("fails", "job:1"), ("succeeds", "job:ok")] {
            let file = try folder.write("\(name).yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: \(name)
                spec:
                  restartPolicy: Never
                  containers:
                  - name: job
                    image: \(image)
                """)
            shell.out("apply -f \(file)")
        }
        shell.advance(30)
        let rows = shell.rows("get pods")
        #expect(rows.map { [$0["NAME"], $0["READY"], $0["STATUS"], $0["RESTARTS"]] } == [["fails", "0/1", "Error", "0"], ["succeeds", "0/1", "Completed", "0"]])
        #expect(shell.out("get pods -o jsonpath={.items[*].status.phase}") == "Failed Succeeded")
        let pod = try #require(shell.cluster.store.get(Pod.self, "fails", namespace: "default"))
        guard case .terminated(_, _, let finished) = pod.status.containerStatuses[0].state else { Issue.record("not terminated"); return }
        let started = try #require(pod.status.containerStatuses[0].terminatedStartedAt)
        #expect(finished - started == .seconds(3))
        let describe = words(shell.out("describe pod fails"))
        #expect(describe.contains("\nState: Terminated\nReason: Error\nExit Code: 1\nStarted: \(CalendarTime.describe(started))\nFinished: \(CalendarTime.describe(finished))\n"))
        #expect(describe.contains("\nStatus: Failed\n"))
    }

    @Test func simImageRefusesWhatItCannotRead() {
        let shell = Shell(seed: 1)
        #expect(shell.run("sim image x --pull-time soon").stderr == "error: invalid argument \"soon\" for \"--pull-time\" flag: time: invalid duration \"soon\"\n")
        #expect(shell.run("sim image x --size lots").stderr.hasPrefix("error: invalid argument \"lots\" for \"--size\" flag"))
        #expect(shell.run("sim image x --exit-code 300").stderr == "error: invalid argument \"300\" for \"--exit-code\" flag: an exit code is 0 to 255\n")
        #expect(shell.out("sim image x --size 120MB --pull-time 3s --ready-after 5s") == "image/x configured: pulls in 3s, 120000000 bytes, ready after 5s\n")
        #expect(shell.out("sim image x --crash-after 1m --exit-code 0") == "image/x configured: pulls in 3s, 120000000 bytes, ready after 5s, exits after 1m0s with code 0\n")
    }

    @Test func probesAndRestartPolicyComeFromManifestsAndRoundTrip() throws {
        let shell = Shell(seed: 4)
        let folder = try ManifestFolder()
        let file = try folder.write("probed.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: probed
            spec:
              restartPolicy: Never
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
                    port: http
                  initialDelaySeconds: 3
                startupProbe:
                  exec:
                    command: [cat, /tmp/ready]
                  failureThreshold: 30
            """)
        #expect(shell.out("apply -f \(file)") == "pod/probed created\n")
        let pod = try #require(shell.cluster.store.get(Pod.self, "probed", namespace: "default"))
        #expect(pod.spec.restartPolicy == "Never")
        #expect(pod.spec.containers[0].readinessProbe?.periodSeconds == 5)
        #expect(pod.spec.containers[0].readinessProbe?.failureThreshold == 3)
        #expect(pod.spec.containers[0].livenessProbe?.handler == .tcpSocket(port: "http"))
        #expect(pod.spec.containers[0].startupProbe?.failureThreshold == 30)
        let yaml = shell.out("get pod probed -o yaml")
        #expect(yaml.contains("""
                readinessProbe:
                  failureThreshold: 3
                  httpGet:
                    path: /healthz
                    port: 8080
                    scheme: HTTP
                  periodSeconds: 5
                  successThreshold: 1
                  timeoutSeconds: 1
            """))
        #expect(yaml.contains("restartPolicy: Never"))
        #expect(shell.out("apply -f \(file)") == "pod/probed unchanged\n")
        let describe = words(shell.out("describe pod probed"))
        #expect(describe.contains("\nLiveness: tcp-socket :http delay=3s timeout=1s period=10s #success=1 #failure=3\n"))
        #expect(describe.contains("\nReadiness: http-get http://:8080/healthz delay=0s timeout=1s period=5s #success=1 #failure=3\n"))
        #expect(describe.contains("\nStartup: exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1 #failure=30\n"))

        let bad = try folder.write("bad.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: bad
            spec:
              containers:
              - name: web
                image: nginx:1.27
                livenessProbe:
                  successThreshold: 2
                  httpGet:
                    port: 80
                readinessProbe:
                  periodSeconds: 5
            """)
        let refused = shell.run("apply -f \(bad)")
        #expect(refused.failed)
        #expect(refused.stderr.contains("spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"))
        #expect(refused.stderr.contains("spec.containers[0].readinessProbe: Required value: must specify a handler type"))
    }
}
