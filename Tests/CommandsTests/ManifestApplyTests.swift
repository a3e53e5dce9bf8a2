import Testing
@testable import Cluster
@testable import Commands

/// `kubectl apply -f` and `kubectl create -f` with multi-document manifests.
@Suite struct ManifestApplyTests {
    @Test func applyCreatesEveryDocumentWithItsFieldsAndThePodsComeUp() throws {
        let folder = try ManifestFolder()
        let file = try folder.write("app.yaml", SampleManifests.app())
        let shell = Shell()
        let output = shell.run("kubectl apply -f \(file)")
        #expect(!output.failed)
        #expect(output.stdout == "deployment.apps/web created\npod/debug created\nnode/fast-1 created\n")

        let store = shell.cluster.store
        let web = try #require(store.get(Deployment.self, "web", namespace: "default"))
        #expect(web.metadata.labels == ["app": "web", "tier": "frontend"])
        #expect(web.spec.replicas == 3)
        #expect(web.spec.selector == LabelSelector(matchLabels: ["app": "web"]))
        #expect(web.spec.strategy.type == .rollingUpdate)
        #expect(web.spec.strategy.maxSurge == "1" && web.spec.strategy.maxUnavailable == "0")
        #expect(web.spec.minReadySeconds == 2)
        let pod = web.spec.template.spec
        var nginx = Container(name: "nginx", image: "nginx:1.25", requests: ResourceAmounts(cpuMillis: 250, memoryBytes: 128 << 20), ports: [80])
        nginx.limits = ResourceAmounts(memoryBytes: 256 << 20)
        #expect(pod.containers == [nginx])
        #expect(pod.nodeSelector == ["disk": "ssd"])
        #expect(pod.tolerations == [Toleration(key: "dedicated", operator: "Equal", value: "web", effect: "NoSchedule")])
        #expect(pod.terminationGracePeriodSeconds == 10)

        let node = try #require(store.get(Node.self, "fast-1"))
        #expect(node.metadata.labels["disk"] == "ssd")
        #expect(node.metadata.labels["kubernetes.io/hostname"] == "fast-1")
        #expect(node.spec.taints.contains(Taint(key: "dedicated", value: "web", effect: "NoSchedule")))
        #expect(node.status.capacity == ResourceAmounts(cpuMillis: 8000, memoryBytes: 16 << 30, pods: 110))
        #expect(store.get(Pod.self, "debug", namespace: "default")?.metadata.labels == ["purpose": "debugging"])

        // The node joins with a kubelet, and the deployment's pods can only land on it.
        shell.advance(30)
        #expect(shell.out("get node fast-1").contains("fast-1   Ready"))
        let pods = store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"]))
        #expect(pods.count == 3)
        #expect(pods.allSatisfy { $0.isReady && $0.spec.nodeName == "fast-1" })
        #expect(store.get(Pod.self, "debug", namespace: "default")?.isReady == true)
    }

    @Test func applyingTheSameFileAgainLeavesEverythingUnchanged() throws {
        let folder = try ManifestFolder()
        let file = try folder.write("app.yaml", SampleManifests.app())
        let shell = Shell()
        shell.run("apply -f \(file)")
        shell.advance(30)
        let before = clusterFingerprint(shell)
        let again = shell.run("apply -f \(file)")
        #expect(!again.failed)
        #expect(again.stdout == "deployment.apps/web unchanged\npod/debug unchanged\nnode/fast-1 unchanged\n")
        #expect(clusterFingerprint(shell) == before)
    }

    @Test func changedReplicasAndImageAreConfiguredAndRollOutANewReplicaSet() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        // minReadySeconds 0: the ReplicaSet controller does not yet resync once minReadySeconds
        // have passed, so a rollout that needs old pods to become available would wait forever.
        shell.run("apply -f \(try folder.write("app.yaml", SampleManifests.app(minReadySeconds: 0)))")
        shell.advance(30)
        let output = shell.run("apply -f \(try folder.write("app-v2.yaml", SampleManifests.app(replicas: 4, image: "nginx:1.26", minReadySeconds: 0)))")
        #expect(output.stdout == "deployment.apps/web configured\npod/debug unchanged\nnode/fast-1 unchanged\n")
        shell.advance(60)
        let store = shell.cluster.store
        let web = try #require(store.get(Deployment.self, "web", namespace: "default"))
        let replicaSets = store.replicaSets(ownedBy: web.metadata.uid)
        #expect(replicaSets.count == 2)
        let new = try #require(replicaSets.first { $0.spec.template.spec.containers[0].image == "nginx:1.26" })
        let old = try #require(replicaSets.first { $0.spec.template.spec.containers[0].image == "nginx:1.25" })
        #expect(new.spec.replicas == 4 && new.status.readyReplicas == 4)
        #expect(old.spec.replicas == 0)
        #expect(web.metadata.annotations["deployment.kubernetes.io/revision"] == "2")
    }

    @Test func replicasLeftOutOfTheFileKeepTheScaleSetWithKubectlScale() throws {
        let folder = try ManifestFolder()
        let withoutReplicas = SampleManifests.app().replacingOccurrences(of: "  replicas: 3\n", with: "")
        let file = try folder.write("app.yaml", withoutReplicas)
        let shell = Shell()
        shell.run("apply -f \(file)")
        #expect(shell.cluster.store.get(Deployment.self, "web", namespace: "default")?.spec.replicas == 1)
        shell.run("scale deployment/web --replicas=5")
        #expect(shell.out("apply -f \(file)").hasPrefix("deployment.apps/web unchanged\n"))
        #expect(shell.cluster.store.get(Deployment.self, "web", namespace: "default")?.spec.replicas == 5)
    }

    @Test func createFromFileCreatesAndThenRefusesWhatExists() throws {
        let folder = try ManifestFolder()
        let file = try folder.write("app.yaml", SampleManifests.app())
        let shell = Shell()
        let first = shell.run("create -f \(file)")
        #expect(first.stdout == "deployment.apps/web created\npod/debug created\nnode/fast-1 created\n")
        let before = clusterFingerprint(shell)
        let second = shell.run("kubectl create -f \(file)")
        #expect(second.failed)
        #expect(second.stdout.isEmpty)
        #expect(second.stderr == """
            Error from server (AlreadyExists): error when creating "\(file)" (document 1): deployments.apps "web" already exists
            Error from server (AlreadyExists): error when creating "\(file)" (document 2): pods "debug" already exists
            Error from server (AlreadyExists): error when creating "\(file)" (document 3): nodes "fast-1" already exists

            """)
        #expect(clusterFingerprint(shell) == before)
    }

    @Test func aPodTakesANewImageButNoOtherSpecChange() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("apply -f \(try folder.write("app.yaml", SampleManifests.app()))")
        shell.advance(10)
        let newImage = SampleManifests.app().replacingOccurrences(of: "busybox:1.36", with: "busybox:1.37")
        #expect(shell.out("apply -f \(try folder.write("image.yaml", newImage))") == "deployment.apps/web unchanged\npod/debug configured\nnode/fast-1 unchanged\n")
        #expect(shell.cluster.store.get(Pod.self, "debug", namespace: "default")?.spec.containers[0].image == "busybox:1.37")

        let newPort = newImage.replacingOccurrences(of: "    image: busybox:1.37", with: "    image: busybox:1.37\n    ports: [{containerPort: 8080}]")
        let refused = shell.run("apply -f \(try folder.write("port.yaml", newPort))")
        #expect(refused.stderr == "The Pod \"debug\" is invalid: \(ManifestPlanner.podUpdateForbidden)\n")
    }

    @Test func getOutputAppliesBackUnchanged() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("apply -f \(try folder.write("app.yaml", SampleManifests.app()))")
        shell.advance(30)
        let list = try folder.write("list.yaml", shell.out("get deployments -o yaml"))
        let one = try folder.write("pod.json", shell.out("get pod debug -o json"))
        let store = shell.cluster.store
        let specs = (store.get(Deployment.self, "web", namespace: "default")?.spec, store.get(Pod.self, "debug", namespace: "default")?.spec)
        // As with kubectl, the first apply back records the printed object as the last-applied
        // configuration (so "configured"); nothing else changes, and a second apply is a no-op.
        let output = shell.run("apply -f \(list) -f \(one)")
        #expect(output.stderr.isEmpty)
        #expect(output.stdout == "deployment.apps/web configured\npod/debug configured\n")
        #expect(store.get(Deployment.self, "web", namespace: "default")?.spec == specs.0)
        #expect(store.get(Pod.self, "debug", namespace: "default")?.spec == specs.1)
        #expect(shell.out("apply -f \(list) -f \(one)") == "deployment.apps/web unchanged\npod/debug unchanged\n")
    }

    @Test func aFolderIsAppliedFileByFileInNameOrder() throws {
        let folder = try ManifestFolder()
        try folder.write("b.yaml", SampleManifests.deployment(name: "second"))
        try folder.write("a.yml", SampleManifests.deployment(name: "first"))
        try folder.write("notes.txt", "not a manifest")
        let shell = Shell()
        #expect(shell.out("apply -f \(folder.url.path)") == "deployment.apps/first created\ndeployment.apps/second created\n")
    }

    @Test func validateFalseDropsUnknownFields() throws {
        let folder = try ManifestFolder()
        let file = try folder.write("typo.yaml", SampleManifests.deployment().replacingOccurrences(of: "  replicas: 2", with: "  replicas: 2\n  replica: 3"))
        let shell = Shell()
        #expect(shell.run("apply -f \(file)").failed)
        #expect(shell.out("apply -f \(file) --validate=false") == "deployment.apps/other created\n")
    }

    @Test func applyNeedsAFile() {
        let shell = Shell()
        #expect(shell.run("apply").stderr == "error: must specify one of -f and -k\n")
        #expect(shell.run("create").stderr == "error: must specify one of -f and -k\n")
    }
}
