import Testing
@testable import Cluster
@testable import Commands

/// `kubesim export` (ManifestExporter): the cluster as manifests that apply back to the same cluster.
@Suite struct ManifestExportTests {
    /// The sample app, a `kubectl create deployment`, a cordoned node, all running.
    func busyCluster() throws -> (Shell, ManifestFolder) {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("apply -f \(try folder.write("app.yaml", SampleManifests.app()))")
        shell.run("create deployment hello --image=kiamol/ch02-hello-kiamol --replicas=2")
        shell.run("cordon node-3")
        shell.advance(30)
        return (shell, folder)
    }

    @Test func exportHoldsOnlyWhatWasDeclared() throws {
        let (shell, _) = try busyCluster()
        let yaml = ManifestExporter.export(shell.cluster)
        for serverSet in ["status:", "uid:", "resourceVersion:", "creationTimestamp:", "generation:", "ownerReferences:", "deployment.kubernetes.io/", "node.kubernetes.io/", "podCIDR"] {
            #expect(!yaml.contains(serverSet), "\(serverSet)")
        }
        let documents = yaml.components(separatedBy: "---\n")
        let kinds = documents.map { document in
            document.split(separator: "\n").first { $0.hasPrefix("kind: ") }.map { String($0.dropFirst(6)) } ?? "none"
        }
        #expect(kinds == ["Node", "Node", "Node", "Node", "Deployment", "Deployment", "Pod"])
        #expect(documents.allSatisfy { $0.hasPrefix("apiVersion: ") && $0.contains("\nkind: ") })
        #expect(yaml.contains("  unschedulable: true\n"))
    }

    @Test func exportAppliesBackToAnEmptyClusterAsTheSameObjects() throws {
        let (original, folder) = try busyCluster()
        let yaml = ManifestExporter.export(original.cluster)
        let restored = Shell(nodes: 0)
        let output = restored.run("apply -f \(try folder.write("export.yaml", yaml))")
        #expect(output.stderr.isEmpty)
        #expect(output.stdout == """
            node/fast-1 created
            node/node-1 created
            node/node-2 created
            node/node-3 created
            deployment.apps/hello created
            deployment.apps/web created
            pod/debug created

            """)
        restored.advance(30)

        let (a, b) = (original.cluster.store, restored.cluster.store)
        #expect(b.list(Node.self).map(\.name) == a.list(Node.self).map(\.name))
        #expect(b.list(Node.self).map(\.metadata.labels) == a.list(Node.self).map(\.metadata.labels))
        #expect(b.get(Node.self, "node-3")?.spec.unschedulable == true)
        for name in ["web", "hello"] {
            let (before, after) = (try #require(a.get(Deployment.self, name, namespace: "default")), try #require(b.get(Deployment.self, name, namespace: "default")))
            #expect(after.metadata.labels == before.metadata.labels)
            #expect(after.spec == before.spec)
            #expect(after.status.readyReplicas == before.spec.replicas)
        }
        let pod = try #require(b.get(Pod.self, "debug", namespace: "default"))
        #expect(pod.spec.nodeName == a.get(Pod.self, "debug", namespace: "default")?.spec.nodeName)
        #expect(pod.spec.containers.map(\.image) == ["busybox:1.36"])
        #expect(pod.isReady)
        // And the restored cluster exports to the very same manifests.
        #expect(ManifestExporter.export(restored.cluster) == yaml)
    }

    @Test func anOrphanedPodIsExportedButAPodWithAnOwnerIsNot() throws {
        let shell = Shell()
        shell.run("create deployment web --image=nginx --replicas=2")
        shell.advance(10)
        let pod = shell.names("get pods")[0]
        shell.run("label pod \(pod) app=released --overwrite")
        shell.advance(10)
        let yaml = ManifestExporter.export(shell.cluster)
        #expect(yaml.contains("  name: \(pod)\n"))
        #expect(yaml.components(separatedBy: "kind: Pod\n").count == 2)
    }
}
