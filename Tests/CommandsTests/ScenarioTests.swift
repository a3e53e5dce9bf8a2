import Testing
@testable import Cluster
@testable import Commands

/// Playing scenarios headless: the built-ins pass for any seed, and a failing step stops the
/// scenario with its number.
@Suite struct ScenarioTests {
    /// Plays a scenario on a fresh default cluster; returns whether it passed and what it printed.
    func play(_ scenario: Scenario, seed: UInt64 = 1) -> (ok: Bool, stdout: String, stderr: String, session: Session) {
        let session = Session(cluster: Cluster(seed: seed))
        var stdout = "", stderr = ""
        let ok = ScenarioRunner.run(scenario, session: session) { stream, text in
            if stream == .out { stdout += text } else { stderr += text }
        }
        return (ok, stdout, stderr, session)
    }

    func scenario(_ steps: String, file: String = "scenarios/test.yaml") throws -> Scenario {
        try ScenarioParser.parse("description: a test\nsteps:\n" + steps, file: file)
    }

    @Test(arguments: ["self-healing", "drain", "node-failure", "rolling-update", "drain-with-budget", "service"], [1, 2] as [UInt64])
    func builtInPassesHeadless(name: String, seed: UInt64) throws {
        let result = play(try ScenarioLibrary.load(nameOrPath: name), seed: seed)
        #expect(result.ok, "\(name) seed \(seed):\n\(result.stdout)\(result.stderr)")
        // Only a drain held by a budget writes to stderr: kubectl's retry lines.
        let stderr = result.stderr.split(separator: "\n").filter { !$0.hasSuffix("(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.") }
        #expect(stderr.isEmpty, "\(stderr)")
    }

    /// The stories the two rollout-era scenarios exist to tell, in kubectl's words.
    @Test(arguments: [1, 2] as [UInt64])
    func rollingUpdateStallsOnTheBadImageAndUndoRecovers(seed: UInt64) throws {
        let result = play(try ScenarioLibrary.load(nameOrPath: "rolling-update"), seed: seed)
        #expect(result.ok, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("deployment \"hello-kiamol-2\" successfully rolled out"))
        #expect(result.stdout.contains("ImagePullBackOff") || result.stdout.contains("ErrImagePull"))
        #expect(result.stdout.contains("deployment.apps/hello-kiamol-2 rolled back"))
        let d = try #require(result.session.cluster.store.get(Deployment.self, "hello-kiamol-2", namespace: "default"))
        #expect(d.spec.template.spec.containers[0].image == "kiamol/ch03-hello-kiamol")
        #expect(d.status.availableReplicas == 3 && d.status.updatedReplicas == 3)
    }

    @Test(arguments: [1, 2] as [UInt64])
    func drainWithBudgetWaitsForTheBudget(seed: UInt64) throws {
        let result = play(try ScenarioLibrary.load(nameOrPath: "drain-with-budget"), seed: seed)
        #expect(result.ok, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("Cannot evict pod as it would violate the pod's disruption budget."))
        #expect(result.stdout.contains("node/node-1 drained"))
        #expect(result.session.cluster.store.list(Pod.self, namespace: "default").filter { $0.isActive && $0.isReady }.count == 6)
    }

    /// Issue 11's stories: with one replica, a pod killed while requests flow leaves a gap of
    /// failed requests; with three, the Service sends them elsewhere and none fails.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func selfHealingShowsTheErrorBlipAndTheRecovery(seed: UInt64) throws {
        let result = play(try ScenarioLibrary.load(nameOrPath: "self-healing"), seed: seed)
        #expect(result.ok, "\(result.stdout)\(result.stderr)")
        let stopped = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("traffic to service/hello-kiamol-2 stopped: ") })
        let numbers = stopped.split(separator: " ").compactMap { Int($0) }
        #expect(numbers.count == 2)
        let (sent, failed) = (numbers[0], numbers[1])
        #expect(failed > 0, "the gap between the old pod stopping and the new one Ready")
        #expect(failed < sent / 4, "then requests flowed again: \(stopped)")
        // The new pod's log shows the requests it answered.
        #expect(result.stdout.contains("msg=\"request\" method=GET path=/ status=200"))
        #expect(result.session.cluster.trafficGenerator.flows.isEmpty)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func serviceScenarioLosesNoRequestThroughTheKillAndTheScale(seed: UInt64) throws {
        let result = play(try ScenarioLibrary.load(nameOrPath: "service"), seed: seed)
        #expect(result.ok, "\(result.stdout)\(result.stderr)")
        let deleted = result.stdout.split(separator: "\n").filter { $0.hasPrefix("pod \"hello-kiamol-2-") && $0.hasSuffix("\" deleted") }
        #expect(deleted.count == 1, "one pod was killed")
        // The listing right after the kill shows it Terminating: no longer a ready endpoint.
        let killed = deleted.first.map { $0.split(separator: "\"")[1] } ?? ""
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix(killed + " ") && $0.contains(" Terminating ") })
        let stopped = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("traffic to service/hello-kiamol-2 stopped: ") })
        #expect(stopped.hasSuffix(" requests sent, 0 failed"))
        // Every pod that was Ready while requests flowed answered some: the five at the end too.
        let cluster = result.session.cluster
        let pods = cluster.store.list(Pod.self, namespace: "default").filter { $0.metadata.labels["app"] == "hello-kiamol-2" }
        #expect(pods.count == 5)
        for pod in pods { #expect((cluster.traffic.pods[pod.metadata.uid]?.served ?? 0) > 0, "\(pod.name)") }
    }

    @Test func builtInIsTheSameForTheSameSeed() throws {
        let scenario = try ScenarioLibrary.load(nameOrPath: "node-failure")
        #expect(play(scenario, seed: 7).stdout == play(scenario, seed: 7).stdout)
    }

    @Test func waitThatTimesOutStopsTheScenarioWithTheStepNumber() throws {
        let s = try scenario("""
              - caption: nothing will match
              - wait: {for: "pods -l app=nope running=1", timeout: 5s}
              - run: kubectl get pods
            """)
        let result = play(s)
        #expect(!result.ok)
        #expect(result.stderr == "error: scenario test: step 2: timed out after 5s waiting for pods -l app=nope running=1\n")
        #expect(result.stdout == "# caption: nothing will match\n# wait: pods -l app=nope running=1 (timeout 5s)\n")
        #expect(result.session.cluster.now == SimTime.zero + .seconds(5))
    }

    @Test func failingCommandStopsTheScenario() throws {
        let s = try scenario("""
              - run: kubectl get nodes -o name
              - run: kubectl delete pod nope
              - caption: never shown
            """)
        let result = play(s)
        #expect(!result.ok)
        #expect(result.stderr == """
            Error from server (NotFound): pods "nope" not found
            error: scenario test: step 2: command failed: kubectl delete pod nope

            """)
        #expect(!result.stdout.contains("never shown"))
    }

    @Test func transcriptShowsEveryKindOfStep() throws {
        let s = try scenario("""
              - caption: Make one
              - run: kubectl create deployment web --image=nginx
              - wait: {for: "deployment/web available", timeout: 1m}
              - pause
              - sleep: 2m
              - run: kubectl get deployment web -o jsonpath={.spec.replicas}
              - run: kubectl get deployments -o name
            """)
        let result = play(s)
        #expect(result.ok)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "# caption: Make one")
        #expect(lines[1] == "$ kubectl create deployment web --image=nginx")
        #expect(lines[2] == "deployment.apps/web created")
        #expect(lines[3] == "# wait: deployment/web available (timeout 60s)")
        #expect(lines[4].hasPrefix("# ok after ") && lines[4].hasSuffix("s"))
        #expect(lines[5] == "# pause")
        #expect(lines[6] == "$ sleep 2m")
        // A jsonpath result ends without a newline; the next prompt still starts a fresh line.
        #expect(lines[7] == "$ kubectl get deployment web -o jsonpath={.spec.replicas}")
        #expect(lines[8] == "1")
        #expect(lines[9] == "$ kubectl get deployments -o name")
    }

    @Test func durationsReadAsWritten() {
        #expect(ScenarioTranscript.format(.seconds(5)) == "5s")
        #expect(ScenarioTranscript.format(.seconds(60)) == "60s")
        #expect(ScenarioTranscript.format(.seconds(4.2)) == "4.2s")
        #expect(ScenarioTranscript.format(.milliseconds(192)) == "192ms")
        #expect(ScenarioTranscript.format(.zero) == "0s")
        #expect(ScenarioTranscript.format(.seconds(120)) == "2m")
        #expect(ScenarioTranscript.format(.seconds(150)) == "2m30s")
        #expect(ScenarioTranscript.format(.seconds(5400)) == "1h30m")
        #expect(ScenarioTranscript.format(.seconds(3600)) == "1h")
    }
}
