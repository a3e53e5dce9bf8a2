import Testing
@testable import Cluster
@testable import Commands

/// DaemonSets through kubectl: get, describe, manifests, delete, and what they do to drain.
@Suite struct DaemonSetCommandTests {
    static let manifest = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: log-agent
          labels:
            app: log-agent
        spec:
          selector:
            matchLabels:
              app: log-agent
          template:
            metadata:
              labels:
                app: log-agent
            spec:
              nodeSelector:
                kubernetes.io/os: linux
              containers:
              - name: fluent-bit
                image: fluent/fluent-bit:3.1
        """

    func shellWithDaemonSet(seed: UInt64 = 1) throws -> Shell {
        let shell = Shell(seed: seed)
        let applied = ManifestApplier.apply(text: Self.manifest, file: "log-agent.yaml", to: shell.cluster)
        #expect(applied.stdout == "daemonset.apps/log-agent created\n", "\(applied.stderr)")
        shell.advance(20)
        return shell
    }

    func daemonPods(_ shell: Shell) -> [Pod] {
        shell.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "log-agent"]))
    }

    @Test func getDaemonSetsPrintsKubectlsColumns() throws {
        let shell = try shellWithDaemonSet()
        for alias in ["ds", "daemonset", "daemonsets", "daemonsets.apps"] {
            let table = shell.out("kubectl get \(alias)")
            let lines = table.split(separator: "\n").map(String.init)
            #expect(lines.count == 2, "\(alias)")
            #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                    == "NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE")
        }
        let row = try #require(shell.rows("get ds").first)
        #expect(row["NAME"] == "log-agent")
        #expect(row["DESIRED"] == "3" && row["CURRENT"] == "3" && row["READY"] == "3")
        #expect(row["UP-TO-DATE"] == "3" && row["AVAILABLE"] == "3")
        #expect(row["NODE SELECTOR"] == "kubernetes.io/os=linux")
        #expect(row["AGE"] == "20s")
        let wide = try #require(shell.rows("get ds -o wide").first)
        #expect(wide["CONTAINERS"] == "fluent-bit" && wide["IMAGES"] == "fluent/fluent-bit:3.1" && wide["SELECTOR"] == "app=log-agent")
        #expect(shell.out("kubectl get ds log-agent -o name") == "daemonset.apps/log-agent\n")
    }

    @Test func describeDaemonSetFollowsKubectlsLayout() throws {
        let shell = try shellWithDaemonSet()
        let pods = daemonPods(shell).map(\.name)
        let text = shell.out("kubectl describe daemonset log-agent")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expectedStart = [
            "Name:           log-agent",
            "Namespace:      default",
            "Selector:       app=log-agent",
            "Node-Selector:  kubernetes.io/os=linux",
            "Labels:         app=log-agent",
            "Annotations:    deprecated.daemonset.template.generation: 1",
            "Desired Number of Nodes Scheduled: 3",
            "Current Number of Nodes Scheduled: 3",
            "Number of Nodes Scheduled with Up-to-date Pods: 3",
            "Number of Nodes Scheduled with Available Pods: 3",
            "Number of Nodes Misscheduled: 0",
            "Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed",
            "Pod Template:",
            "  Labels:  app=log-agent",
            "  Containers:",
            "   fluent-bit:",
            "    Image:         fluent/fluent-bit:3.1",
        ]
        #expect(Array(lines.prefix(expectedStart.count)) == expectedStart)
        #expect(text.contains("  Node-Selectors:  kubernetes.io/os=linux\n"))
        #expect(text.contains("Events:\n"))
        for pod in pods { #expect(text.contains("SuccessfulCreate  ") && text.contains("Created pod: \(pod)"), "\(pod)") }
        #expect(text.contains("daemonset-controller"))
    }

    @Test func drainWithoutIgnoreDaemonSetsFailsEvictingNothing() throws {
        let shell = try shellWithDaemonSet()
        shell.run("kubectl create deployment web --image=nginx:1.27 --replicas=3")
        shell.advance(20)
        let before = shell.cluster.store.pods(onNode: "node-1")
        let daemonPod = try #require(before.first { $0.metadata.labels["app"] == "log-agent" })
        let result = shell.run("kubectl drain node-1")
        #expect(result.failed)
        #expect(result.stdout == "node/node-1 cordoned\n")
        let problem = "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/\(daemonPod.name)"
        #expect(result.stderr == """
            error: unable to drain node "node-1" due to error: \(problem), continuing command...
            There are pending nodes to be drained:
             node-1
            \(problem)

            """)
        shell.advance(30)
        // Nothing was evicted; the node stays cordoned, as kubectl leaves it.
        let after = shell.cluster.store.pods(onNode: "node-1")
        #expect(after.map(\.name) == before.map(\.name))
        #expect(after.allSatisfy { !$0.isTerminating })
        #expect(shell.cluster.store.get(Node.self, "node-1")!.spec.unschedulable)
    }

    @Test func drainWithIgnoreDaemonSetsEvictsTheRestAndLeavesDaemonPods() throws {
        let shell = try shellWithDaemonSet()
        shell.run("kubectl create deployment web --image=nginx:1.27 --replicas=3")
        shell.advance(20)
        let onNode = shell.cluster.store.pods(onNode: "node-1")
        let daemonPod = try #require(onNode.first { $0.metadata.labels["app"] == "log-agent" })
        let web = onNode.filter { $0.metadata.labels["app"] == "web" }
        #expect(!web.isEmpty)
        let result = shell.run("kubectl drain node-1 --ignore-daemonsets")
        #expect(!result.failed, "\(result.stderr)")
        #expect(result.stderr == "Warning: ignoring DaemonSet-managed Pods: default/\(daemonPod.name)\n")
        #expect(!result.stdout.contains(daemonPod.name))
        for pod in web {
            #expect(result.stdout.contains("evicting pod default/\(pod.name)\n"))
            #expect(result.stdout.contains("pod/\(pod.name) evicted\n"))
        }
        #expect(result.stdout.hasSuffix("node/node-1 drained\n"))
        shell.advance(30)
        let stayed = try #require(shell.cluster.store.get(Pod.self, daemonPod.name, namespace: "default"))
        #expect(!stayed.isTerminating && stayed.spec.nodeName == "node-1")
        #expect(shell.cluster.store.pods(onNode: "node-1").map(\.name) == [daemonPod.name])
    }

    @Test func deleteDaemonSetRemovesItsPods() throws {
        let shell = try shellWithDaemonSet()
        #expect(daemonPods(shell).count == 3)
        let result = shell.run("kubectl delete ds log-agent")
        #expect(result.stdout == "daemonset.apps \"log-agent\" deleted\n", "\(result.stderr)")
        shell.advance(60)
        #expect(daemonPods(shell).isEmpty)
        #expect(shell.run("kubectl get ds").stderr == "No resources found in default namespace.\n")
    }

    @Test func exportWritesTheDaemonSetAndItAppliesBack() throws {
        let shell = try shellWithDaemonSet()
        let exported = ManifestExporter.export(shell.cluster)
        #expect(exported.contains("kind: DaemonSet\n"))
        #expect(!exported.contains("deprecated.daemonset.template.generation"))
        #expect(!exported.contains("controller-revision-hash"))
        let fresh = Shell(seed: 2, nodes: 0)
        let applied = ManifestApplier.apply(text: exported, file: "cluster.yaml", to: fresh.cluster)
        #expect(applied.stdout.contains("daemonset.apps/log-agent created\n"), "\(applied.stderr)")
        fresh.advance(20)
        #expect(fresh.rows("get ds").first?["READY"] == "3")
        // Re-applying the same manifest changes nothing.
        #expect(ManifestApplier.apply(text: exported, file: "cluster.yaml", to: fresh.cluster).stdout.contains("daemonset.apps/log-agent unchanged\n"))
    }

    @Test func getDaemonSetYAMLHasTheAPIServersFields() throws {
        let shell = try shellWithDaemonSet()
        let yaml = shell.out("kubectl get ds log-agent -o yaml")
        #expect(yaml.hasPrefix("apiVersion: apps/v1\nkind: DaemonSet\n"))
        for line in ["    deprecated.daemonset.template.generation: \"1\"", "  revisionHistoryLimit: 10",
                     "  updateStrategy:", "      maxSurge: 0", "      maxUnavailable: 1", "    type: RollingUpdate",
                     "  currentNumberScheduled: 3", "  desiredNumberScheduled: 3", "  numberMisscheduled: 0", "  observedGeneration: 1"] {
            #expect(yaml.contains(line + "\n"), "\(line)")
        }
        let pod = try #require(daemonPods(shell).first)
        let podYAML = shell.out("kubectl get pod \(pod.name) -o yaml")
        #expect(podYAML.contains("""
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchFields:
                      - key: metadata.name
                        operator: In
                        values:
                        - \(pod.spec.nodeName)

            """))
    }

    @Test func createFromFileThenAlreadyExists() throws {
        let folder = try ManifestFolder()
        let file = try folder.write("log-agent.yaml", Self.manifest)
        let shell = Shell()
        #expect(shell.run("kubectl create -f \(file)").stdout == "daemonset.apps/log-agent created\n")
        let second = shell.run("kubectl create -f \(file)")
        #expect(second.failed)
        #expect(second.stderr == "Error from server (AlreadyExists): error when creating \"\(file)\" (document 1): daemonsets.apps \"log-agent\" already exists\n")
        shell.advance(20)
        #expect(shell.rows("get ds").first?["AVAILABLE"] == "3")
    }

    @Test func aSelectorThatMissesTheTemplateIsRefusedAsTheAPIServerRefusesIt() throws {
        let shell = Shell()
        let broken = Self.manifest.replacingOccurrences(of: "      labels:\n        app: log-agent\n    spec:", with: "      labels:\n        app: other\n    spec:")
        #expect(broken != Self.manifest)
        let result = ManifestApplier.apply(text: broken, file: "bad.yaml", to: shell.cluster)
        #expect(result.failed)
        #expect(result.stderr.contains("The DaemonSet \"log-agent\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`"), "\(result.stderr)")
        #expect(shell.cluster.store.count(DaemonSet.self) == 0)
    }
}
