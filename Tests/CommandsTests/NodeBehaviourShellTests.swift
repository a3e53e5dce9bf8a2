import Testing
@testable import Cluster
@testable import Commands

/// What `kubectl` shows of node behaviour, as on a real 1.33 cluster.
@Suite struct NodeBehaviourShellTests {
    @Test func aPodOnALostNodeReadsRunningUntilEvictedThenTerminatingNeverUnknown() throws {
        let shell = Shell(seed: 4)
        shell.run("create deployment web --image=nginx:1.27 --replicas=3")
        shell.run("sleep 15s")
        let lost = try #require(shell.rows("get pods -o wide").first { $0["NODE"] == "node-2" })
        let name = try #require(lost["NAME"])
        shell.run("sim fail node-2")
        let cluster = shell.cluster
        #expect(cluster.advance(until: { !cluster.store.get(Node.self, "node-2")!.isReady }, timeout: .seconds(30)))
        cluster.advance(by: .seconds(1))
        // Only the Ready condition flips: the columns keep what the kubelet last reported.
        var row = try #require(shell.rows("get pods").first { $0["NAME"] == name })
        #expect(row["READY"] == "1/1" && row["STATUS"] == "Running")
        #expect(cluster.store.get(Pod.self, name, namespace: "default")?.isReady == false)
        #expect(eventLines(shell, about: "pod/\(name)").contains { $0.contains(" Warning ") && $0.contains(" NodeNotReady ") && $0.hasSuffix("Node is not ready") })
        // After the toleration the taint manager deletes it; no kubelet confirms, so it stays Terminating.
        #expect(cluster.advance(until: { cluster.store.get(Pod.self, name, namespace: "default")?.isTerminating == true }, timeout: .seconds(30)))
        for _ in 0..<3 {
            row = try #require(shell.rows("get pods").first { $0["NAME"] == name })
            #expect(row["READY"] == "1/1" && row["STATUS"] == "Terminating")
            shell.run("sleep 20s")
        }
        #expect(cluster.store.get(Pod.self, name, namespace: "default")?.status.reason == "")
    }

    @Test func sleepStopsExactlyAtItsDeadlineAndNoLaterTimerFires() {
        let shell = Shell()
        shell.run("create deployment web --image=nginx:1.27 --replicas=2")
        shell.run("sleep 1.234s")
        #expect(shell.cluster.now == SimTime(milliseconds: 1234))
        // A timer a millisecond past the deadline must still be waiting when the sleep ends.
        var firedLate = false
        let deadline = shell.cluster.now + .seconds(7)
        shell.cluster.clock.schedule(at: deadline + .milliseconds(1)) { firedLate = true }
        shell.run("sleep 7s")
        #expect(shell.cluster.now == deadline)
        #expect(!firedLate)
        shell.cluster.advance(by: .milliseconds(1))
        #expect(firedLate)
    }

    @Test func theNodeControllersTaintsShowWhenTheyWereAdded() throws {
        let shell = Shell()
        shell.run("sim fail node-2")
        shell.run("sleep 12s")
        let yaml = shell.out("get node node-2 -o yaml")
        for effect in ["NoSchedule", "NoExecute"] {
            let taint = try Regex("  - effect: \(effect)\n    key: node.kubernetes.io/unreachable\n    timeAdded: \"2024-09-01T11:24:[0-9]{2}Z\"\n")
            #expect(yaml.contains(taint), "\(yaml)")
        }
    }

    @Test func objectsCreatedInTheSameSecondShowTheSameAge() {
        let shell = Shell()
        shell.advance(0.1)
        shell.run("create deployment a --image=nginx:1.27")
        shell.advance(0.8)
        shell.run("create deployment b --image=nginx:1.27")
        shell.advance(1.5)
        let ages = shell.rows("get deployments").map { $0["AGE"] }
        #expect(ages == ["2s", "2s"])
    }

    @Test func aManifestsImagePullPolicyIsHonoured() throws {
        let folder = try ManifestFolder()
        func pod(_ name: String, policy: String) -> String {
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: \(name)
            spec:
              nodeName: node-1
              containers:
              - name: app
                image: nginx:1.27
                imagePullPolicy: \(policy)
            """
        }
        let shell = Shell(nodes: 1)
        let never = shell.run("apply -f \(try folder.write("never.yaml", pod("never", policy: "Never")))")
        #expect(!never.failed)
        shell.run("sleep 5s")
        #expect(shell.rows("get pods").first { $0["NAME"] == "never" }?["STATUS"] == "ErrImageNeverPull")
        #expect(shell.out("get events").contains("Container image \"nginx:1.27\" is not present with pull policy of Never"))
        #expect(shell.out("get pod never -o yaml").contains("imagePullPolicy: Never"))

        shell.run("apply -f \(try folder.write("first.yaml", pod("first", policy: "IfNotPresent")))")
        shell.run("sleep 10s")
        #expect(eventLines(shell, about: "pod/first").contains { $0.hasSuffix("Pulling image \"nginx:1.27\"") })
        // The image is on the node now: Always pulls it anyway, Never uses it.
        shell.run("apply -f \(try folder.write("always.yaml", pod("always", policy: "Always")))")
        shell.run("apply -f \(try folder.write("never-again.yaml", pod("never-again", policy: "Never")))")
        shell.run("sleep 10s")
        #expect(eventLines(shell, about: "pod/always").contains { $0.hasSuffix("Pulling image \"nginx:1.27\"") })
        #expect(eventLines(shell, about: "pod/never-again").contains { $0.hasSuffix("Container image \"nginx:1.27\" already present on machine") })
        #expect(shell.rows("get pods").filter { $0["STATUS"] == "Running" }.count == 3)

        let bad = shell.run("apply -f \(try folder.write("bad.yaml", pod("bad", policy: "Sometimes")))")
        #expect(bad.failed)
        #expect(bad.stderr.contains("spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""))
    }

    @Test func cordonAndUncordonAreRecordedByTheKubelet() {
        let shell = Shell()
        shell.run("cordon node-1")
        shell.run("sleep 3s")
        #expect(eventLines(shell, about: "node/node-1").contains { $0.contains(" NodeNotSchedulable ") && $0.hasSuffix("Node node-1 status is now: NodeNotSchedulable") })
        shell.run("uncordon node-1")
        shell.run("sleep 3s")
        #expect(eventLines(shell, about: "node/node-1").contains { $0.contains(" NodeSchedulable ") && $0.hasSuffix("Node node-1 status is now: NodeSchedulable") })
    }
}

/// The `get events` lines about one object (`pod/web-…`, `node/node-1`).
private func eventLines(_ shell: Shell, about object: String) -> [String] {
    shell.out("get events").split(separator: "\n").map(String.init).filter { $0.contains(" \(object) ") }
}
