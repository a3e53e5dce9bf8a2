import Testing
@testable import Cluster
@testable import Commands

/// `kubectl rollout …` and `kubectl set …` over the simulated cluster, with kubectl's words.
@Suite struct RolloutCommandTests {
    /// A shell with deployment `web` (3 replicas of nginx:1.26) rolled out.
    func rolledOut(seed: UInt64 = 3, replicas: Int = 3) -> Shell {
        let shell = Shell(seed: seed)
        #expect(!shell.run("create deployment web --image=nginx:1.26 --replicas=\(replicas)").failed)
        #expect(!shell.run("rollout status deployment/web").failed)
        return shell
    }

    func deployment(_ shell: Shell) -> Deployment { shell.cluster.store.get(Deployment.self, "web", namespace: "default")! }

    // MARK: status

    @Test func statusFollowsTheRolloutLineByLineUntilItIsDone() {
        let shell = rolledOut()
        #expect(!shell.run("set image deployment/web nginx=nginx:1.27").failed)
        let result = shell.run("rollout status deployment/web")
        #expect(!result.failed)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let waiting = "Waiting for deployment \"web\" rollout to finish: "
        #expect(lines.first == "Waiting for deployment spec update to be observed...")
        #expect(lines.last == "deployment \"web\" successfully rolled out")
        #expect(lines.contains(waiting + "1 out of 3 new replicas have been updated..."))
        #expect(lines.contains(waiting + "1 old replicas are pending termination..."))
        // Every line is one of kubectl's, and the updated count never goes back.
        var updated = 0
        for line in lines.dropFirst().dropLast() {
            #expect(line.hasPrefix(waiting))
            if let range = line.range(of: " out of 3 new replicas") {
                let n = Int(line[line.index(line.startIndex, offsetBy: waiting.count)..<range.lowerBound])!
                #expect(n >= updated)
                updated = n
            }
        }
        #expect(deployment(shell).status.updatedReplicas == 3)
    }

    @Test func statusWaitsForMinReadySecondsBeforeCallingPodsAvailable() throws {
        let shell = rolledOut(replicas: 1)
        try shell.cluster.store.modify(Deployment.self, "web", namespace: "default") {
            $0.spec.minReadySeconds = 15
            $0.spec.strategy.maxSurge = "0"
            $0.spec.strategy.maxUnavailable = "1"
        }
        shell.advance(1)
        #expect(!shell.run("set image deployment/web nginx=nginx:1.27").failed)
        let result = shell.run("rollout status deployment/web")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Waiting for deployment \"web\" rollout to finish: 0 of 1 updated replicas are available..."))
        #expect(lines.last == "deployment \"web\" successfully rolled out")
        let pod = try #require(shell.cluster.store.list(Pod.self, namespace: "default").first { !$0.isTerminating })
        let ready = try #require(pod.status.condition("Ready")?.lastTransitionTime)
        #expect(shell.cluster.now - ready >= .seconds(15), "available only after minReadySeconds of readiness")
    }

    @Test func statusFollowsEachNamedObjectInTurn() {
        let shell = rolledOut()
        #expect(!shell.run("create deployment api --image=nginx:1.26 --replicas=2").failed)
        #expect(!shell.run("set image deployment/web nginx=nginx:1.27").failed)
        let result = shell.run("rollout status deployment/web deployment/api")
        #expect(!result.failed)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let webDone = lines.firstIndex(of: "deployment \"web\" successfully rolled out")
        let apiDone = lines.firstIndex(of: "deployment \"api\" successfully rolled out")
        #expect(webDone != nil && apiDone == lines.count - 1 && webDone! < apiDone!)
    }

    @Test func statusWithoutWatchPrintsOneLine() {
        let shell = rolledOut()
        #expect(shell.out("rollout status deployment/web --watch=false") == "deployment \"web\" successfully rolled out\n")
        #expect(!shell.run("set image deploy/web nginx=nginx:1.27").failed)
        shell.advance(1)
        let line = shell.run("rollout status deployment web --watch=false")
        #expect(!line.failed)
        #expect(line.stdout.hasPrefix("Waiting for deployment \"web\" rollout to finish: "))
        #expect(line.stdout.split(separator: "\n").count == 1)
    }

    @Test func statusTimesOutOnAPausedRollout() {
        let shell = rolledOut()
        #expect(shell.out("rollout pause deployment/web") == "deployment.apps/web paused\n")
        #expect(!shell.run("set image deployment/web nginx=nginx:1.27").failed)
        let start = shell.cluster.now
        let result = shell.run("rollout status deployment/web --timeout=30s")
        #expect(result.failed)
        #expect(result.stderr == "error: timed out waiting for the condition\n")
        #expect(result.stdout.hasSuffix("Waiting for deployment \"web\" rollout to finish: 0 out of 3 new replicas have been updated...\n"))
        #expect(shell.cluster.now - start == .seconds(30))
    }

    @Test func statusReportsTheProgressDeadline() throws {
        let shell = rolledOut()
        try shell.cluster.store.modify(Deployment.self, "web", namespace: "default") { $0.spec.progressDeadlineSeconds = 60 }
        // No node can hold the new pods: the rollout stalls with them Pending.
        #expect(shell.out("set resources deployment/web --requests=cpu=500") == "deployment.apps/web resource requirements updated\n")
        let start = shell.cluster.now
        let result = shell.run("rollout status deployment/web")
        #expect(result.failed)
        #expect(result.stderr == "error: deployment \"web\" exceeded its progress deadline\n")
        // kubectl 1.33 says only how far the rollout got; why the pods wait is for describe and events.
        #expect(result.stdout.contains("Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n"))
        #expect(!result.stdout.contains("Warning"))
        #expect(shell.cluster.now - start > .seconds(60))
        #expect(shell.cluster.now - start < .seconds(70))
        let progressing = try #require(deployment(shell).status.condition("Progressing"))
        #expect(progressing.status == "False" && progressing.reason == "ProgressDeadlineExceeded")
        // Every old pod still serves.
        #expect(deployment(shell).status.availableReplicas == 3)
        #expect(shell.out("rollout undo deployment/web") == "deployment.apps/web rolled back\n")
        #expect(shell.run("rollout status deployment/web").stdout.hasSuffix("deployment \"web\" successfully rolled out\n"))
    }

    @Test func statusErrors() {
        let shell = rolledOut()
        for verb in ["status", "history", "undo", "pause", "resume", "restart"] {
            #expect(shell.run("rollout \(verb)").stderr == "error: required resource not specified\n")
        }
        #expect(shell.run("rollout status deployment/nope").stderr == "Error from server (NotFound): deployments.apps \"nope\" not found\n")
        #expect(shell.run("rollout status deployment/web --revision=2").stderr == "error: desired revision (2) is different from the running revision (1)\n")
        #expect(shell.run("rollout status deployment/web --revision=-1").stderr == "error: revision must be a positive integer: -1\n")
        #expect(shell.run("rollout frobnicate deployment/web").stderr == "error: unknown command \"frobnicate deployment/web\"\nSee 'kubectl rollout -h' for help and examples\n")
        #expect(shell.run("rollout history node/node-1").stderr == "error: error retrieving history for \"Node\", no visitor method exists for { Node}\n")
        #expect(shell.run("rollout undo node/node-1").stderr == "error: error retrieving rollbacker for \"Node\", no visitor method exists for { Node}\n")
        #expect(shell.run("rollout pause node/node-1").stderr == "error: nodes \"node-1\" pausing is not supported\n")
    }

    @Test func statusOfADaemonSet() {
        let shell = Shell(seed: 4)
        let applied = ManifestApplier.apply(text: DaemonSetCommandTests.manifest, file: "log-agent.yaml", to: shell.cluster)
        #expect(!applied.failed)
        let result = shell.run("rollout status ds/log-agent")
        #expect(!result.failed)
        #expect(result.stdout.hasSuffix("daemon set \"log-agent\" successfully rolled out\n"))
        #expect(result.stdout.split(separator: "\n").dropLast().allSatisfy {
            $0.hasPrefix("Waiting for daemon set \"log-agent\" rollout to finish: ") || $0 == "Waiting for daemon set spec update to be observed..."
        })
        #expect(shell.run("rollout status pod/nope").stderr == "Error from server (NotFound): pods \"nope\" not found\n")
    }

    // MARK: history and undo

    @Test func historyListsRevisionsWithTheirChangeCauses() {
        let shell = rolledOut()
        #expect(!shell.run("set image deployment/web nginx=nginx:1.27").failed)
        #expect(!shell.run("annotate deployment/web kubernetes.io/change-cause='image 1.27'").failed)
        #expect(!shell.run("rollout status deployment/web").failed)
        #expect(shell.out("rollout history deployment/web") == """
            deployment.apps/web \n\
            REVISION  CHANGE-CAUSE
            1         <none>
            2         image 1.27


            """)
        let revision = shell.run("rollout history deployment/web --revision=1")
        #expect(revision.stdout.hasPrefix("deployment.apps/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash="))
        #expect(revision.stdout.contains("  Containers:\n   nginx:\n    Image:\tnginx:1.26\n"))
        #expect(shell.run("rollout history deployment/web --revision=7").stderr == "error: unable to find the specified revision\n")
    }

    @Test func recordWritesTheCommandAsTheChangeCause() {
        let shell = rolledOut()
        let set = shell.run("set image deployment/web nginx=nginx:1.27 --record")
        #expect(set.stdout == "deployment.apps/web image updated\n")
        #expect(set.stderr == "Flag --record has been deprecated, --record will be removed in the future\n")
        #expect(!shell.run("rollout status deployment/web").failed)
        #expect(!shell.run("set env deployment/web -c nginx MODE=blue --record=true").failed)
        #expect(!shell.run("rollout status deployment/web").failed)
        #expect(shell.out("rollout history deployment/web").contains("""
            REVISION  CHANGE-CAUSE
            1         <none>
            2         kubectl set image deployment/web nginx=nginx:1.27 --record=true
            3         kubectl set env deployment/web MODE=blue --containers=nginx --record=true

            """))
    }

    @Test func undoReturnsToThePreviousTemplateAsANewRevision() throws {
        let shell = rolledOut()
        let firstSet = try #require(DeploymentReplicaSets(deployment(shell), store: shell.cluster.store).new)
        #expect(!shell.run("set image deployment/web nginx=nginx:1.27").failed)
        #expect(!shell.run("rollout status deployment/web").failed)
        #expect(shell.out("rollout undo deployment/web") == "deployment.apps/web rolled back\n")
        #expect(!shell.run("rollout status deployment/web").failed)
        let d = deployment(shell)
        #expect(d.spec.template.spec.containers[0].image == "nginx:1.26")
        #expect(d.metadata.annotations["deployment.kubernetes.io/revision"] == "3")
        // The first ReplicaSet is the new one again, at revision 3, remembering revision 1.
        let sets = DeploymentReplicaSets(d, store: shell.cluster.store)
        #expect(sets.new?.name == firstSet.name)
        #expect(sets.new?.metadata.annotations["deployment.kubernetes.io/revision"] == "3")
        #expect(sets.new?.metadata.annotations["deployment.kubernetes.io/revision-history"] == "1")
        #expect(shell.out("rollout history deployment/web").contains("REVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n"))
        shell.advance(40) // the old pods' graceful termination
        #expect(shell.names("get pods").allSatisfy { $0.hasPrefix(firstSet.name + "-") })

        #expect(shell.out("rollout undo deployment/web --to-revision=3") == "deployment.apps/web skipped rollback (current template already matches revision 3)\n")
        #expect(shell.run("rollout undo deployment/web --to-revision=5").stderr == "error: unable to find specified revision 5 in history\n")
        #expect(shell.out("rollout undo deployment/web --to-revision=2") == "deployment.apps/web rolled back\n")
        #expect(deployment(shell).spec.template.spec.containers[0].image == "nginx:1.27")
    }

    @Test func undoWithoutHistoryAndOfAPausedDeployment() {
        let shell = rolledOut()
        #expect(shell.run("rollout undo deployment/web").stderr == "error: no rollout history found for deployment \"web\"\n")
        #expect(!shell.run("set image deployment/web nginx=nginx:1.27").failed)
        #expect(!shell.run("rollout status deployment/web").failed)
        #expect(!shell.run("rollout pause deployment/web").failed)
        #expect(shell.run("rollout undo deployment/web").stderr
            == "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again\n")
    }

    // MARK: pause, resume, restart

    @Test func pauseHoldsARolloutUntilResume() throws {
        let shell = rolledOut()
        let before = DeploymentReplicaSets(deployment(shell), store: shell.cluster.store).all.map(\.name)
        #expect(shell.out("rollout pause deployment/web") == "deployment.apps/web paused\n")
        #expect(shell.run("rollout pause deployment/web").stderr == "error: deployments.apps \"web\" is already paused\n")
        #expect(!shell.run("set image deployment/web nginx=nginx:1.27").failed)
        #expect(!shell.run("set env deployment/web MODE=blue").failed)
        shell.advance(120)
        #expect(shell.cluster.store.list(ReplicaSet.self, namespace: "default").map(\.name) == before)
        let progressing = try #require(deployment(shell).status.condition("Progressing"))
        #expect(progressing.status == "Unknown" && progressing.reason == "DeploymentPaused")
        #expect(shell.out("describe deployment web").contains("  Progressing    Unknown  DeploymentPaused\n"))
        // A paused deployment still scales.
        #expect(!shell.run("scale deployment/web --replicas=4").failed)
        shell.advance(30)
        #expect(shell.cluster.store.list(ReplicaSet.self, namespace: "default").map(\.spec.replicas) == [4])

        #expect(shell.out("rollout resume deployment/web") == "deployment.apps/web resumed\n")
        #expect(shell.run("rollout resume deployment/web").stderr == "error: deployments.apps \"web\" is not paused\n")
        #expect(shell.run("rollout status deployment/web").stdout.hasSuffix("successfully rolled out\n"))
        let sets = DeploymentReplicaSets(deployment(shell), store: shell.cluster.store)
        #expect(sets.all.count == 2)
        #expect(sets.new?.spec.template.spec.containers[0].image == "nginx:1.27")
        #expect(sets.new?.spec.template.spec.containers[0].env == [EnvVar(name: "MODE", value: "blue")])
        #expect(sets.new?.metadata.annotations["deployment.kubernetes.io/revision"] == "2")
    }

    @Test func restartRollsEveryPodOnce() {
        let shell = rolledOut()
        let oldPods = Set(shell.names("get pods"))
        #expect(shell.out("rollout restart deployment/web") == "deployment.apps/web restarted\n")
        let stamp = deployment(shell).spec.template.annotations["kubectl.kubernetes.io/restartedAt"]
        #expect(stamp == CalendarTime.rfc3339(shell.cluster.now))
        #expect(shell.run("rollout restart deployment/web").stderr
            == "error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n")
        #expect(!shell.run("rollout status deployment/web").failed)
        shell.advance(40) // the old pods' graceful termination
        #expect(Set(shell.names("get pods")).isDisjoint(with: oldPods))
        #expect(shell.names("get pods").count == 3)
        #expect(!shell.run("rollout pause deployment/web").failed)
        #expect(shell.run("rollout restart deployment/web").stderr
            == "error: deployments.apps \"web\" can't restart paused deployment (run rollout resume first)\n")
    }

    // MARK: set

    @Test func setImageMessagesAndErrors() {
        let shell = rolledOut()
        #expect(shell.out("set image deployment/web *=nginx:1.27") == "deployment.apps/web image updated\n")
        #expect(shell.out("set image deployment/web nginx=nginx:1.27") == "", "an unchanged image patches nothing")
        #expect(shell.run("set image deployment/web sidecar=busybox").stderr == "error: unable to find container named \"sidecar\"\n")
        #expect(shell.run("set image deployment/web").stderr == "error: at least one image update is required\n")
        #expect(shell.run("set image nginx=nginx:1").stderr.hasPrefix("error: You must provide one or more resources by argument or filename.\n"))
        #expect(shell.run("set image deployment/web *=a nginx=b").stderr
            == "error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n")
        #expect(shell.run("set image deployment/web nginx=a web").stderr == "error: all resources must be specified before image changes: web\n")
        #expect(shell.run("set image deployment/nope nginx=a").stderr == "Error from server (NotFound): deployments.apps \"nope\" not found\n")
        #expect(shell.run("set image node/node-1 nginx=a").stderr
            == "error: nodes/node-1 the object is not a pod or does not have a pod template: *v1.Node\n")
        #expect(!shell.run("rollout status deployment/web").failed)
        let rs = DeploymentReplicaSets(deployment(shell), store: shell.cluster.store).new!
        #expect(shell.out("set image rs/\(rs.name) nginx=nginx:1.28") == "replicaset.apps/\(rs.name) image updated\n")
    }

    @Test func setEnvAndResourcesChangeTheTemplate() throws {
        let shell = rolledOut()
        #expect(shell.out("set env deployment/web MODE=blue LEVEL=3") == "deployment.apps/web env updated\n")
        #expect(shell.out("set env deployment/web --list") == "# Deployment web, container nginx\nMODE=blue\nLEVEL=3\n")
        #expect(shell.out("set env deployment/web MODE- LEVEL=4") == "deployment.apps/web env updated\n")
        #expect(deployment(shell).spec.template.spec.containers[0].env == [EnvVar(name: "LEVEL", value: "4")])
        #expect(shell.run("set env deployment/web 1X=2").stderr.hasPrefix("error: \"1X\" is not a valid key name: a valid environment variable name"))
        #expect(shell.run("set env deployment/web LEVEL=5 --overwrite=false").stderr
            == "error: deployments/web 'LEVEL' already has a value (4), and --overwrite is false\n")
        #expect(shell.run("set env deployment/web A=1 A-").stderr == "error: can not both modify and remove the same environment variable in the same command\n")
        #expect(shell.run("set env deployment/web -c sidecar A=1").stderr == "Warning: Deployment/web does not have any containers matching \"sidecar\"\n")

        #expect(shell.out("set resources deployment/web --limits=cpu=200m,memory=512Mi --requests=cpu=100m")
            == "deployment.apps/web resource requirements updated\n")
        let c = deployment(shell).spec.template.spec.containers[0]
        #expect(c.limits.cpuMillis == 200 && c.limits.memoryBytes == 512 * 1024 * 1024 && c.requests.cpuMillis == 100)
        #expect(shell.run("set resources deployment/web -c sidecar --limits=cpu=1").stderr == "error: unable to find container named sidecar\n")
        #expect(shell.run("set resources deployment/web").stderr
            == "error: you must specify an update to requests or limits (in the form of --requests/--limits)\n")
        #expect(shell.run("set resources deployment/web --limits=cpu").stderr == "error: Invalid argument syntax cpu, expected <resource>=<value>\n")
        #expect(shell.run("set resources deployment/web --requests=cpu=300m").stderr
            == "error: failed to patch resources update to pod template Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: \"300m\": must be less than or equal to cpu limit of 200m\n")
        #expect(!shell.run("rollout status deployment/web").failed)
        // The pods carry the template: limits, the request kept, memory requested at its limit.
        let pod = try #require(shell.cluster.store.list(Pod.self, namespace: "default").first { !$0.isTerminating })
        #expect(pod.spec.containers[0].limits.cpuMillis == 200)
        #expect(pod.spec.containers[0].requests.cpuMillis == 100)
        #expect(pod.spec.containers[0].requests.memoryBytes == 512 * 1024 * 1024)
        #expect(pod.spec.containers[0].env == [EnvVar(name: "LEVEL", value: "4")])
        let describe = shell.out("describe pod \(pod.name)")
        #expect(describe.contains("    Limits:\n      cpu:     200m\n      memory:  512Mi\n    Requests:\n      cpu:     100m\n      memory:  512Mi\n"))
        #expect(describe.contains("    Environment:\n      LEVEL:  4\n"))
    }

    @Test func describeShowsOldAndNewReplicaSetsAndScalingEvents() throws {
        let shell = rolledOut()
        let first = try #require(DeploymentReplicaSets(deployment(shell), store: shell.cluster.store).new)
        #expect(!shell.run("set image deployment/web nginx=nginx:1.27").failed)
        shell.advance(1.5)
        let midway = shell.out("describe deployment web")
        let second = try #require(DeploymentReplicaSets(deployment(shell), store: shell.cluster.store).new)
        // The two lines share the Conditions table's tab block, as kubectl's tabwriter aligns them.
        #expect(midway.contains("OldReplicaSets:  \(first.name) (3/3 replicas created)\nNewReplicaSet:   \(second.name) (1/1 replicas created)\n"))
        #expect(!shell.run("rollout status deployment/web").failed)
        let done = shell.out("describe deployment web")
        #expect(done.contains("OldReplicaSets:  <none>\nNewReplicaSet:   \(second.name) (3/3 replicas created)\n"))
        #expect(done.contains("Normal  ScalingReplicaSet  "))
        #expect(done.contains("Scaled up replica set \(second.name) from 0 to 1\n"))
        #expect(done.contains("Scaled down replica set \(first.name) from 3 to 2\n"))
    }
}
