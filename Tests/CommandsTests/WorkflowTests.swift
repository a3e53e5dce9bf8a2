import Testing
@testable import Cluster
@testable import Commands

/// The demos users run, through kubectl commands.
@Suite struct WorkflowTests {
    func readyShell(replicas: Int, seed: UInt64 = 1) -> Shell {
        let shell = Shell(seed: seed)
        shell.run("kubectl create deployment web --image=nginx:1.25 --replicas=\(replicas)")
        shell.advance(20)
        return shell
    }

    @Test func deletePodWithoutWaitingShowsTerminatingAndAReplacement() {
        let shell = readyShell(replicas: 3)
        let before = shell.names("get pods")
        #expect(before.count == 3)
        let victim = before[0]
        let deleted = shell.run("kubectl delete pod \(victim) --wait=false")
        #expect(deleted.stdout == "pod \"\(victim)\" deleted\n")
        #expect(!deleted.failed)
        shell.advance(1)
        let rows = shell.rows("get pods")
        #expect(rows.first { $0["NAME"] == victim }?["STATUS"] == "Terminating")
        #expect(rows.count == 4)
        #expect(rows.contains { !before.contains($0["NAME"]!) })
        shell.advance(20)
        let after = shell.rows("get pods")
        #expect(after.count == 3)
        #expect(after.allSatisfy { $0["STATUS"] == "Running" && $0["READY"] == "1/1" })
        #expect(Set(after.map { $0["NAME"]! }).subtracting(before).count == 1)
    }

    @Test func deleteWaitsUntilThePodIsGone() {
        let shell = readyShell(replicas: 1)
        let victim = shell.names("get pods")[0]
        let start = shell.cluster.now
        let output = shell.run("kubectl delete pod/\(victim)")
        #expect(output.stdout == "pod \"\(victim)\" deleted\n")
        #expect(shell.cluster.store.get(Pod.self, victim, namespace: "default") == nil)
        #expect(shell.cluster.now - start >= shell.cluster.pace.containerStop)
    }

    @Test func relabeledPodStaysAsOrphanAndComesBack() throws {
        let shell = readyShell(replicas: 3)
        let pod = shell.names("get pods")[1]
        #expect(shell.run("kubectl label pod \(pod) app=web-debug").stderr
                == "error: 'app' already has a value (web), and --overwrite is false\n")
        #expect(shell.out("kubectl label pod \(pod) app=web-debug --overwrite") == "pod/\(pod) labeled\n")
        shell.advance(10)
        #expect(shell.names("get pods -l app=web").count == 3)
        #expect(!shell.names("get pods -l app=web").contains(pod))
        #expect(shell.out("get pod \(pod) -o jsonpath={.metadata.labels.app}") == "web-debug")
        // No owner left: the field is gone, and kubectl's jsonpath prints nothing for it.
        let owners = shell.run("get pod \(pod) -o jsonpath={.metadata.ownerReferences}")
        #expect(owners.stdout == "" && !owners.failed)
        #expect(shell.rows("get pods").first { $0["NAME"] == pod }?["STATUS"] == "Running")

        #expect(shell.out("kubectl label pod \(pod) app=web --overwrite") == "pod/\(pod) labeled\n")
        shell.advance(10)
        #expect(shell.names("get pods -l app=web").count == 3)
        let rsEvents = shell.out("get events").split(separator: "\n").filter { $0.contains("SuccessfulDelete") }
        #expect(rsEvents.count == 1)
    }

    @Test func scaleUpAndDownReportsLikeKubectl() {
        let shell = readyShell(replicas: 1)
        #expect(shell.out("kubectl scale deployment/web --replicas=10") == "deployment.apps/web scaled\n")
        shell.advance(20)
        #expect(shell.rows("get deployments")[0]["READY"] == "10/10")
        #expect(shell.out("kubectl scale deployment web --replicas=2") == "deployment.apps/web scaled\n")
        shell.advance(20)
        #expect(shell.names("get pods").count == 2)
        let describe = shell.out("describe deployment web")
        #expect(describe.contains("Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable"))
        let rs = shell.names("get rs")[0]
        #expect(describe.contains("ScalingReplicaSet  "))
        #expect(describe.contains("Scaled up replica set \(rs) from 1 to 10"))
        #expect(describe.contains("Scaled down replica set \(rs) from 10 to 2"))
    }

    @Test func cordonDrainUncordon() {
        let shell = readyShell(replicas: 3)
        #expect(shell.out("kubectl cordon node-1") == "node/node-1 cordoned\n")
        #expect(shell.out("kubectl cordon node-1") == "node/node-1 already cordoned\n")
        #expect(shell.rows("get nodes").first { $0["NAME"] == "node-1" }?["STATUS"] == "Ready,SchedulingDisabled")

        let onNode1 = shell.rows("get pods -o wide").filter { $0["NODE"] == "node-1" }.map { $0["NAME"]! }
        #expect(onNode1.count == 1)
        let drain = shell.run("kubectl drain node-1 --ignore-daemonsets")
        #expect(!drain.failed)
        #expect(drain.stdout == """
            node/node-1 already cordoned
            evicting pod default/\(onNode1[0])
            pod/\(onNode1[0]) evicted
            node/node-1 drained

            """)
        shell.advance(10)
        let pods = shell.rows("get pods -o wide")
        #expect(pods.count == 3)
        #expect(pods.allSatisfy { $0["NODE"] != "node-1" && $0["STATUS"] == "Running" })

        #expect(shell.out("kubectl uncordon node-1") == "node/node-1 uncordoned\n")
        #expect(shell.rows("get nodes").first { $0["NAME"] == "node-1" }?["STATUS"] == "Ready")
        #expect(shell.out("kubectl scale deployment web --replicas=6").hasSuffix("scaled\n"))
        shell.advance(20)
        #expect(shell.rows("get pods -o wide").contains { $0["NODE"] == "node-1" })
    }

    @Test func drainRefusesBarePodsWithoutForce() throws {
        let shell = readyShell(replicas: 0)
        var bare = Pod(metadata: ObjectMeta(name: "bare"), spec: PodSpec(containers: [Container(name: "c", image: "nginx")]))
        bare.spec.nodeName = "node-2"
        try shell.cluster.store.create(bare)
        shell.advance(5)
        let refused = shell.run("kubectl drain node-2")
        #expect(refused.failed)
        #expect(refused.stdout == "node/node-2 cordoned\n")
        #expect(refused.stderr == """
            error: unable to drain node "node-2" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...
            There are pending nodes to be drained:
             node-2
            cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare

            """)
        #expect(shell.cluster.store.get(Pod.self, "bare", namespace: "default")?.isTerminating == false)
        let forced = shell.run("kubectl drain node-2 --force")
        #expect(!forced.failed)
        #expect(forced.stderr == "Warning: deleting Pods that declare no controller: default/bare\n")
        #expect(forced.stdout.hasSuffix("pod/bare evicted\nnode/node-2 drained\n"))
    }

    @Test func drainTimesOutOnAFailedNode() {
        let shell = readyShell(replicas: 3)
        shell.run("sim fail node-3")
        let pod = shell.rows("get pods -o wide").first { $0["NODE"] == "node-3" }!["NAME"]!
        let drain = shell.run("kubectl drain node-3 --timeout=5s")
        #expect(drain.failed)
        #expect(drain.stderr.hasPrefix("There are pending pods in node \"node-3\" when an error occurred: error when waiting for pod \"\(pod)\" in namespace \"default\" to terminate: context deadline exceeded\npod/\(pod)\n"))
    }

    @Test func nodeFailureThroughTheShell() {
        let shell = readyShell(replicas: 3)
        #expect(shell.out("sim fail node-2") == "node/node-2 failed: its kubelet stopped answering\n")
        shell.advance(10)
        #expect(shell.rows("get nodes").first { $0["NAME"] == "node-2" }?["STATUS"] == "NotReady")
        shell.advance(15)
        let pods = shell.rows("get pods -o wide")
        #expect(pods.filter { $0["NODE"] != "node-2" && $0["STATUS"] == "Running" }.count == 3)
        // Evicted, but no kubelet confirms: Terminating, with the READY its kubelet last reported.
        #expect(pods.first { $0["NODE"] == "node-2" }?["STATUS"] == "Terminating")
        #expect(pods.first { $0["NODE"] == "node-2" }?["READY"] == "1/1")
        let events = shell.rows("get events")
        #expect(events.contains { $0["REASON"] == "NodeNotReady" && $0["OBJECT"] == "node/node-2" && $0["TYPE"] == "Normal" })
        #expect(events.contains { $0["REASON"] == "NodeNotReady" && $0["OBJECT"]!.hasPrefix("pod/") && $0["TYPE"] == "Warning" })
        #expect(events.contains { $0["REASON"] == "TaintManagerEviction" && $0["MESSAGE"]!.hasPrefix("Marking for deletion Pod default/web-") })
        shell.run("sim recover node-2")
        shell.advance(10)
        #expect(shell.rows("get nodes").allSatisfy { $0["STATUS"] == "Ready" })
        #expect(shell.rows("get pods").count == 3)
    }

    @Test func allNodesCordonedLeavesPodsPending() {
        let shell = Shell()
        for n in 1...3 { shell.run("cordon node-\(n)") }
        shell.run("create deployment web --image=nginx")
        shell.advance(10)
        let pod = shell.rows("get pods")[0]
        #expect(pod["STATUS"] == "Pending")
        #expect(pod["READY"] == "0/1")
        let describe = shell.out("describe pod \(pod["NAME"]!)")
        #expect(describe.contains(/\n  Warning  FailedScheduling  \d+s +default-scheduler  0\/3 nodes are available: 3 node\(s\) were unschedulable\. preemption: 0\/3 nodes are available: 3 Preemption is not helpful for scheduling\.\n/))
        #expect(describe.contains("Node:             <none>"))
    }

    @Test func deletingADeploymentCascades() {
        let shell = readyShell(replicas: 2)
        #expect(shell.out("kubectl delete deployment web") == "deployment.apps \"web\" deleted\n")
        #expect(shell.run("get deployments").stderr == "No resources found in default namespace.\n")
        shell.advance(10)
        #expect(shell.run("get rs").stderr == "No resources found in default namespace.\n")
        #expect(shell.run("get pods").stderr == "No resources found in default namespace.\n")
    }

    @Test func scriptsWithWindowsLineEndingsRun() {
        let (output, ok) = runScript("create deployment web --image=nginx\r\nsleep 5s\r\nget deploy\r\n", seed: 1)
        #expect(ok)
        #expect(output.contains("web    1/1     1            1           5s"))
    }

    @Test func addNodeWithSimVerb() {
        let shell = Shell()
        #expect(shell.out("sim add-node --cpu 8 --memory 16Gi") == "node/node-4 added\n")
        #expect(shell.out("sim add-node big") == "node/big added\n")
        shell.advance(5)
        #expect(shell.rows("get nodes").count == 5)
        let node4 = shell.out("describe node node-4")
        #expect(node4.contains("  cpu:                8\n") && node4.contains("  memory:             16Gi\n"))
    }
}
