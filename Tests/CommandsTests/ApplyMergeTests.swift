import Testing
@testable import Cluster
@testable import Commands

/// `kubectl apply`'s last-applied-configuration annotation and its three-way merge: the file,
/// the live object, and what the previous apply set.
@Suite struct ApplyMergeTests {
    static let key = "kubectl.kubernetes.io/last-applied-configuration"

    /// A small deployment; `replicas: nil` leaves the field out, `requests: nil` the resources.
    static func web(labels: [String: String] = ["app": "web"], replicas: Int? = 2, requests: String? = "cpu: 0.5") -> String {
        let labelLines = labels.keys.sorted().map { "    \($0): \(labels[$0]!)" }.joined(separator: "\n")
        return """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
            \(labelLines)
            spec:
            \(replicas.map { "  replicas: \($0)\n" } ?? "")  selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
            \(requests.map { "        resources:\n          requests:\n            \($0)\n" } ?? "")
            """
    }

    private func deployment(_ shell: Shell) throws -> Deployment {
        try #require(shell.cluster.store.get(Deployment.self, "web", namespace: "default"))
    }

    @Test func applyRecordsTheFileAsCompactJSONWithItsNamespace() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("apply -f \(try folder.write("web.yaml", Self.web()))")
        let expected = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx","resources":{"requests":{"cpu":0.5}}}]}}}}"# + "\n"
        #expect(try deployment(shell).metadata.annotations[Self.key] == expected)
        // -o yaml shows it among the annotations; describe leaves it out, as kubectl's does.
        #expect(shell.out("get deployment web -o yaml").contains("    \(Self.key): |\n      {\"apiVersion\":\"apps/v1\""))
        #expect(!shell.out("describe deployment web").contains(Self.key))
        // The ReplicaSet does not inherit it (annotationsToSkip).
        shell.advance(5)
        #expect(shell.cluster.store.list(ReplicaSet.self).allSatisfy { $0.metadata.annotations[Self.key] == nil })
    }

    @Test func aLabelRemovedFromTheFileIsRemovedAndOneSetByKubectlLabelSurvives() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("apply -f \(try folder.write("web.yaml", Self.web(labels: ["app": "web", "tier": "frontend"])))")
        shell.run("label deployment web owner=ops")
        let output = shell.run("apply -f \(try folder.write("web2.yaml", Self.web(labels: ["app": "web"])))")
        #expect(output.stdout == "deployment.apps/web configured\n")
        #expect(output.stderr.isEmpty)
        #expect(try deployment(shell).metadata.labels == ["app": "web", "owner": "ops"])
    }

    @Test func requestsRemovedFromTheFileGoAway() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("apply -f \(try folder.write("web.yaml", Self.web()))")
        #expect(try deployment(shell).spec.template.spec.containers[0].requests.cpuMillis == 500)
        shell.run("apply -f \(try folder.write("web2.yaml", Self.web(requests: nil)))")
        #expect(try deployment(shell).spec.template.spec.containers[0].requests == ResourceAmounts())
    }

    @Test func replicasDroppedFromTheFileAreDeletedAndDefaultToOne() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("apply -f \(try folder.write("web.yaml", Self.web(replicas: 3)))")
        shell.run("scale deployment web --replicas=5")
        // The last apply set replicas, so the patch deletes the field and the server defaults it.
        #expect(shell.out("apply -f \(try folder.write("web2.yaml", Self.web(replicas: nil)))") == "deployment.apps/web configured\n")
        #expect(try deployment(shell).spec.replicas == 1)
        // Now the last apply has no replicas: a later scale survives re-applying the same file.
        shell.run("scale deployment web --replicas=4")
        #expect(shell.out("apply -f \(try folder.write("web3.yaml", Self.web(replicas: nil)))") == "deployment.apps/web unchanged\n")
        #expect(try deployment(shell).spec.replicas == 4)
    }

    @Test func createFromFileRecordsNothingUnlessSaveConfig() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("create -f \(try folder.write("web.yaml", Self.web()))")
        #expect(try deployment(shell).metadata.annotations[Self.key] == nil)
        shell.run("delete deployment web")
        shell.advance(5)
        #expect(!shell.run("create -f \(try folder.write("web.yaml", Self.web())) --save-config").failed)
        #expect(try deployment(shell).metadata.annotations[Self.key]?.hasPrefix("{\"apiVersion\":\"apps/v1\"") == true)
    }

    @Test func applyOverAnObjectCreatedWithoutTheAnnotationWarnsAndPatchesIt() throws {
        let folder = try ManifestFolder()
        let file = try folder.write("web.yaml", Self.web())
        let shell = Shell()
        shell.run("create -f \(file)")
        shell.run("label deployment web owner=ops")
        let first = shell.run("apply -f \(file)")
        #expect(!first.failed)
        #expect(first.stderr == "Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n")
        #expect(first.stdout == "deployment.apps/web configured\n")
        // Without a last apply nothing counts as removed: the label someone else set stays.
        #expect(try deployment(shell).metadata.labels == ["app": "web", "owner": "ops"])
        let second = shell.run("apply -f \(file)")
        #expect(second.stderr.isEmpty)
        #expect(second.stdout == "deployment.apps/web unchanged\n")
    }

    @Test func createDeploymentThenApplyWarnsToo() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("create deployment web --image=nginx:1.25")
        let output = shell.run("apply -f \(try folder.write("web.yaml", Self.web()))")
        #expect(output.stderr.hasPrefix("Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation"))
        #expect(try deployment(shell).metadata.annotations[Self.key] != nil)
    }

    @Test func exportLeavesTheAnnotationOut() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("apply -f \(try folder.write("web.yaml", Self.web()))")
        #expect(try deployment(shell).metadata.annotations[Self.key] != nil)
        #expect(!ManifestExporter.export(shell.cluster).contains("last-applied-configuration"))
    }

    @Test func aCordonSurvivesReapplyingANodeFileThatNeverSetUnschedulable() throws {
        let folder = try ManifestFolder()
        let node = """
            apiVersion: v1
            kind: Node
            metadata:
              name: fast-1
              labels:
                disk: ssd
            """
        let file = try folder.write("node.yaml", node)
        let shell = Shell()
        shell.run("apply -f \(file)")
        shell.run("cordon fast-1")
        shell.run("label node fast-1 zone=a")
        #expect(shell.out("apply -f \(file)") == "node/fast-1 unchanged\n")
        let live = try #require(shell.cluster.store.get(Node.self, "fast-1"))
        #expect(live.spec.unschedulable)
        #expect(live.metadata.labels["zone"] == "a" && live.metadata.labels["disk"] == "ssd")
        // Dropping the file's label removes it; the kubelet's labels stay.
        shell.run("apply -f \(try folder.write("node2.yaml", node.replacingOccurrences(of: "\n  labels:\n    disk: ssd", with: "")))")
        let after = try #require(shell.cluster.store.get(Node.self, "fast-1"))
        #expect(after.metadata.labels["disk"] == nil && after.metadata.labels["zone"] == "a")
        #expect(after.metadata.labels["kubernetes.io/hostname"] == "fast-1")
    }
}

extension ApplyMergeTests {
    @Test func aFileTooBigForItsLastAppliedAnnotationIsRefusedByApplyButNotByCreate() throws {
        let folder = try ManifestFolder()
        // A 200 KiB annotation fits; recorded again inside the last-applied JSON it does not.
        let big = Self.web().replacingOccurrences(of: "  name: web\n", with: "  name: web\n  annotations:\n    notes: \(String(repeating: "x", count: 200 << 10))\n")
        let file = try folder.write("big.yaml", big)
        let shell = Shell()
        let applied = shell.run("apply -f \(file)")
        #expect(applied.failed)
        #expect(applied.stderr == "The Deployment \"web\" is invalid: metadata.annotations: Too long: must have at most 262144 bytes\n")
        #expect(shell.cluster.store.get(Deployment.self, "web", namespace: "default") == nil)
        #expect(shell.out("create -f \(file)") == "deployment.apps/web created\n")
    }
}

extension ApplyMergeTests {
    @Test func taintsDroppedFromANodeFileAreRemovedButTheLifecycleTaintsStay() throws {
        let folder = try ManifestFolder()
        let tainted = """
            apiVersion: v1
            kind: Node
            metadata:
              name: gpu-1
            spec:
              taints:
              - key: gpu
                value: "true"
                effect: NoSchedule
            """
        let shell = Shell()
        shell.run("apply -f \(try folder.write("node.yaml", tainted))")
        let before = try #require(shell.cluster.store.get(Node.self, "gpu-1"))
        #expect(before.spec.taints.contains { $0.key == "gpu" })
        let untainted = tainted.components(separatedBy: "\nspec:")[0]
        #expect(shell.out("apply -f \(try folder.write("node2.yaml", untainted))") == "node/gpu-1 configured\n")
        let after = try #require(shell.cluster.store.get(Node.self, "gpu-1"))
        #expect(!after.spec.taints.contains { $0.key == "gpu" })
        #expect(after.spec.taints.map(\.key) == before.spec.taints.map(\.key).filter { $0 != "gpu" })
    }
}
