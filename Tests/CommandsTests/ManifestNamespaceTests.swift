import Testing
@testable import Cluster
@testable import Commands

/// Manifests carry their namespace (metadata.namespace), `-n` fills it in when they do not, and
/// `kubesim export` writes it back.
@Suite struct ManifestNamespaceTests {
    static let teamFile = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: team-a
          labels: {owner: alice}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: team-a
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: nginx, image: "nginx:1.27"}]
        """

    static func bareDeployment(namespace: String? = nil) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api\(namespace.map { "\n  namespace: \($0)" } ?? "")
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers: [{name: api, image: "busybox:1.36"}]
        """
    }

    @Test func aFileCreatesItsNamespaceThenTheObjectsInIt() throws {
        let folder = try ManifestFolder()
        let file = try folder.write("team.yaml", Self.teamFile)
        let shell = Shell()
        #expect(shell.out("apply -f \(file)") == "namespace/team-a created\ndeployment.apps/web created\n")
        shell.advance(30)
        #expect(shell.names("get pods -n team-a").count == 2)
        #expect(shell.run("get pods").stderr == "No resources found in default namespace.\n")
        let ns = try #require(shell.cluster.store.get(Namespace.self, "team-a"))
        #expect(ns.metadata.labels == ["owner": "alice", "kubernetes.io/metadata.name": "team-a"])
        #expect(shell.out("apply -f \(file)") == "namespace/team-a unchanged\ndeployment.apps/web unchanged\n")
    }

    @Test func dashNFillsInAMissingNamespaceAndRefusesADifferentOne() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("create namespace team-a")
        let plain = try folder.write("plain.yaml", Self.bareDeployment())
        #expect(shell.out("apply -f \(plain) -n team-a") == "deployment.apps/api created\n")
        #expect(shell.cluster.store.get(Deployment.self, "api", namespace: "team-a") != nil)
        #expect(shell.cluster.store.get(Deployment.self, "api", namespace: "default") == nil)

        let other = try folder.write("other.yaml", Self.bareDeployment(namespace: "team-b"))
        let refused = shell.run("apply -f \(other) -n team-a")
        #expect(refused.failed)
        #expect(refused.stderr == "error: the namespace from the provided object \"team-b\" does not match the namespace \"team-a\". You must pass '--namespace=team-b' to perform this operation.\n")

        // Without -n the file's namespace is used, and a missing one is the API server's NotFound.
        let missing = shell.run("create -f \(other)")
        #expect(missing.stderr == "Error from server (NotFound): error when creating \"\(other)\" (document 1): namespaces \"team-b\" not found\n")
        shell.run("create namespace team-b")
        #expect(shell.out("create -f \(other)") == "deployment.apps/api created\n")
        #expect(shell.cluster.store.get(Deployment.self, "api", namespace: "team-b") != nil)
    }

    @Test func aTerminatingNamespaceRefusesTheFile() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        let file = try folder.write("team.yaml", Self.teamFile)
        shell.run("apply -f \(file)")
        shell.advance(30)
        shell.run("delete ns team-a --wait=false")
        let plain = try folder.write("plain.yaml", Self.bareDeployment(namespace: "team-a"))
        let refused = shell.run("apply -f \(plain)")
        #expect(refused.stderr == "Error from server (Forbidden): error when creating \"\(plain)\" (document 1): deployments.apps \"api\" is forbidden: unable to create new content in namespace team-a because it is being terminated\n")
    }

    @Test func exportWritesNamespacesAndAppliesBackIntoAFreshCluster() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("apply -f \(try folder.write("team.yaml", Self.teamFile))")
        shell.run("create deployment web --image=nginx:1.27")
        shell.advance(30)
        let yaml = ManifestExporter.export(shell.cluster)
        // The four built-in namespaces are not written; team-a is, before what lives in it.
        #expect(!yaml.contains("name: kube-system"))
        let namespaceAt = try #require(yaml.range(of: "kind: Namespace\nmetadata:\n  labels:\n    owner: alice\n  name: team-a\n"))
        let deploymentAt = try #require(yaml.range(of: "  name: web\n  namespace: team-a\n"))
        #expect(namespaceAt.lowerBound < deploymentAt.lowerBound)
        #expect(yaml.contains("  name: web\n  namespace: default\n"))

        let restored = Shell()
        let applied = restored.run("apply -f \(try folder.write("export.yaml", yaml))")
        #expect(!applied.failed, "\(applied.stderr)")
        restored.advance(30)
        #expect(restored.names("get pods -n team-a").count == 2)
        #expect(restored.names("get pods").count == 1)
        #expect(ManifestExporter.export(restored.cluster) == yaml)
    }
}
