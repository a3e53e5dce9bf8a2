import Testing
@testable import Cluster
@testable import Commands

/// `kubectl create pdb`, `get`/`describe pdb`, PDB manifests, and `drain` held back by a budget.
@Suite struct DisruptionBudgetCommandTests {
    /// Two nodes, four web pods (two on each), ready.
    static func webShell(replicas: Int = 4) -> Shell {
        let shell = Shell(seed: 3, nodes: 2)
        shell.run("create deployment web --image=nginx --replicas=\(replicas)")
        shell.advance(10)
        return shell
    }

    @Test func createRefusesWhatKubectlRefuses() {
        let shell = Self.webShell()
        #expect(shell.run("create pdb x --selector=app=web").stderr == "error: one of min-available or max-unavailable must be specified\n")
        #expect(shell.run("create pdb x --selector=app=web --min-available=1 --max-unavailable=1").stderr
                == "error: min-available and max-unavailable cannot be both specified\n")
        #expect(shell.run("create pdb x --min-available=1").stderr == "error: a selector must be specified\n")
        #expect(shell.run("create pdb x --selector=app=web --max-unavailable=1Gb").stderr == "error: invalid format specified for max-unavailable\n")
        #expect(shell.run("create pdb --selector=app=web --min-available=1").stderr.hasPrefix("error: exactly one NAME is required, got 0\n"))
        #expect(shell.cluster.store.count(PodDisruptionBudget.self) == 0)
        #expect(shell.out("create poddisruptionbudget web --selector=app=web --min-available=3") == "poddisruptionbudget.policy/web created\n")
        #expect(shell.run("create pdb web --selector=app=web --min-available=3").stderr
                == "error: failed to create poddisruptionbudgets: poddisruptionbudgets.policy \"web\" already exists\n")
    }

    @Test func getAndDescribePrintWhatKubectlPrints() {
        let shell = Self.webShell()
        shell.run("create pdb web-min --selector=app=web --min-available=50%")
        shell.run("create pdb web-max --selector=app=web --max-unavailable=1")
        shell.advance(3)
        // 50% of 4 → 2 desired, 2 allowed; maxUnavailable 1 → 3 desired, 1 allowed.
        #expect(shell.out("get pdb") == """
            NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
            web-max   N/A             1                 1                     3s
            web-min   50%             N/A               2                     3s

            """)
        #expect(shell.out("describe poddisruptionbudget web-max") == """
            Name:             web-max
            Namespace:        default
            Max unavailable:  1
            Selector:         app=web
            Status:
                Allowed disruptions:  1
                Current:              4
                Desired:              3
                Total:                4
            Events:                   <none>

            """)
    }

    @Test func manifestsRoundTrip() throws {
        let folder = try ManifestFolder()
        let path = try folder.write("pdb.yaml", """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web
              labels:
                team: a
            spec:
              maxUnavailable: 25%
              selector:
                matchLabels:
                  app: web
              unhealthyPodEvictionPolicy: AlwaysAllow
            """)
        let shell = Self.webShell()
        #expect(shell.out("apply -f \(path)") == "poddisruptionbudget.policy/web created\n")
        #expect(shell.out("apply -f \(path)") == "poddisruptionbudget.policy/web unchanged\n")
        shell.advance(2)
        let yaml = shell.out("get pdb web -o yaml")
        #expect(yaml.contains("spec:\n  maxUnavailable: 25%\n  selector:\n    matchLabels:\n      app: web\n  unhealthyPodEvictionPolicy: AlwaysAllow\n"))
        #expect(yaml.contains("  desiredHealthy: 3\n  disruptionsAllowed: 1\n  expectedPods: 4\n"))

        let exported = ManifestExporter.export(shell.cluster)
        #expect(exported.contains("kind: PodDisruptionBudget"))
        let restored = Shell(seed: 3, nodes: 2)
        #expect(!restored.run("apply -f \(try folder.write("all.yaml", exported))").failed)
        let original = shell.cluster.store.get(PodDisruptionBudget.self, "web", namespace: "default")!
        let copy = restored.cluster.store.get(PodDisruptionBudget.self, "web", namespace: "default")
        #expect(copy?.spec == original.spec)
        #expect(copy?.metadata.labels == ["team": "a"])
        #expect(ManifestExporter.export(restored.cluster) == exported)

        let both = try folder.write("both.yaml", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: both\nspec:\n  minAvailable: 1\n  maxUnavailable: 1\n")
        #expect(shell.run("apply -f \(both)").stderr.contains("minAvailable and maxUnavailable cannot be both set"))
        let quoted = try folder.write("quoted.yaml", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: quoted\nspec:\n  minAvailable: \"2\"\n")
        #expect(shell.run("apply -f \(quoted)").stderr.contains("spec.minAvailable: Invalid value: 2: a valid percent string must be"))
    }

    /// Ready web pods not being deleted: what the budget counts as healthy.
    static func healthy(_ cluster: Cluster) -> Int {
        cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"])).filter { $0.isReady && !$0.isTerminating }.count
    }

    @Test func aBlockedDrainProceedsAsReplacementsBecomeReadyAndNeverBreaksTheBudget() {
        let shell = Self.webShell()
        shell.run("create pdb web --selector=app=web --min-available=3")
        shell.advance(1)
        let onNode1 = shell.rows("get pods -o wide").filter { $0["NODE"] == "node-1" }.compactMap { $0["NAME"] }
        #expect(onNode1.count == 2)
        let start = shell.cluster.now
        let execution = shell.session.execute("drain node-1")
        var output = execution.output
        guard let drain = execution.operation else { Issue.record("the drain finished at once"); return }
        // Step the clock timer by timer; after every step the budget holds.
        var finished = drain.poll(shell.cluster, into: &output)
        var lowest = Self.healthy(shell.cluster)
        while !finished && shell.cluster.now < start + .seconds(120) {
            guard shell.cluster.clock.fireNext(notAfter: start + .seconds(120)) else { break }
            lowest = min(lowest, Self.healthy(shell.cluster))
            finished = drain.poll(shell.cluster, into: &output)
        }
        #expect(finished && !output.failed)
        #expect(lowest >= 3)
        let refused = onNode1.filter { output.stderr.contains("error when evicting pods/\"\($0)\" -n \"default\" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n") }
        #expect(refused.count == 1)
        // The refused pod was tried again 5 s later (and every 5 s until allowed).
        #expect(output.stdout.components(separatedBy: "evicting pod default/\(refused.first ?? "")\n").count - 1 >= 2)
        #expect(output.stdout.hasSuffix("node/node-1 drained\n"))
        for pod in onNode1 { #expect(output.stdout.contains("pod/\(pod) evicted\n")) }
        #expect(shell.cluster.store.list(Pod.self).allSatisfy { $0.spec.nodeName != "node-1" || $0.isTerminating })
    }

    @Test func theTimeoutEndsABlockedDrainWithKubectlsError() {
        let shell = Self.webShell()
        shell.run("create pdb web --selector=app=web --min-available=100%")
        shell.advance(1)
        let onNode1 = shell.rows("get pods -o wide").filter { $0["NODE"] == "node-1" }.compactMap { $0["NAME"] }.sorted()
        let start = shell.cluster.now
        let output = shell.run("drain node-1 --timeout=12s")
        #expect(output.failed)
        // Attempts at 0, 5, 10 s are refused; the one at 15 s finds the 12 s timeout passed.
        #expect(shell.cluster.now - start == .seconds(15))
        for pod in onNode1 {
            #expect(output.stdout.components(separatedBy: "evicting pod default/\(pod)\n").count - 1 == 4)
        }
        let errors = onNode1.map { "error when evicting pods/\"\($0)\" -n \"default\": global timeout reached: 12s" }
        #expect(output.stderr.hasSuffix("""
            There are pending pods in node "node-1" when an error occurred: [\(errors.joined(separator: ", "))]
            \(onNode1.map { "pod/\($0)" }.joined(separator: "\n"))
            error: unable to drain node "node-1" due to error: [\(errors.joined(separator: ", "))], continuing command...
            There are pending nodes to be drained:
             node-1
            \(errors.joined(separator: "\n"))

            """))
        #expect(Self.healthy(shell.cluster) == 4)
    }
}
