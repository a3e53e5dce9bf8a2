import Foundation
import Testing

/// The real kubectl reading kubesim's OpenAPI documents: `explain` and apply's choice of
/// server-side field validation.
@Suite struct OpenAPIExplainEndToEndTests {
    @Test func realKubectlExplainsContainersFromTheServedSchemas() throws {
        guard let server = try KubesimServer.startForTest() else { return }
        let containers = try server.kubectl(["explain", "pods.spec.containers"])
        #expect(containers.status == 0, "\(containers)")
        #expect(containers.stdout.hasPrefix("KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n"), "\(containers)")
        #expect(containers.stdout.contains("\n  name\t<string> -required-\n"), "\(containers)")
        #expect(containers.stdout.contains("\n  ports\t<[]ContainerPort>\n"), "\(containers)")
        #expect(containers.stdout.contains("\n  resources\t<ResourceRequirements>\n"), "\(containers)")

        let strategy = try server.kubectl(["explain", "deployment.spec.strategy.rollingUpdate"])
        #expect(strategy.status == 0, "\(strategy)")
        #expect(strategy.stdout.hasPrefix("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n"), "\(strategy)")
        #expect(strategy.stdout.contains("\n  maxSurge\t<IntOrString>\n"), "\(strategy)")

        let nodes = try server.kubectl(["explain", "nodes"])
        #expect(nodes.status == 0, "\(nodes)")
        #expect(nodes.stdout.contains("\n  status\t<NodeStatus>\n"), "\(nodes)")

        let missing = try server.kubectl(["explain", "pods.spec.nope"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: field \"nope\" does not exist\n", "\(missing)")
    }

    static let deploymentAndConfigMap = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers: [{name: c, image: nginx}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cfg}
        data: {a: b}
        """

    /// A kind kubesim does not serve, in a file with others: kubectl finds it in neither OpenAPI
    /// document, so its own mapping says so in the words a real cluster's user reads for a kind
    /// it lacks, and the kinds kubesim serves are applied.
    @Test func applyingAKindKubesimDoesNotServeSaysNoMatchesForKind() throws {
        guard let server = try KubesimServer.startForTest() else { return }
        let applied = try server.kubectl(["apply", "-f", "-"], stdin: Self.deploymentAndConfigMap)
        #expect(applied.status == 1, "\(applied)")
        #expect(applied.stdout == "deployment.apps/api created\n", "\(applied)")
        #expect(applied.stderr.hasPrefix(#"error: resource mapping not found for name: "cfg" namespace: "" from "STDIN": no matches for kind "ConfigMap" in version "v1""#), "\(applied)")
    }

    /// kubectl 1.27 and 1.28 read /openapi/v2 to choose server-side field validation: apply works
    /// without --validate=false, and a typo is the server's strict decoding error.
    @Test(arguments: ["1.27", "1.28"])
    func olderKubectlsApplyWithServerSideValidation(_ version: String) throws {
        guard let server = try KubesimServer.startForTest(kubectlVersion: version) else { return }
        let deployment = String(Self.deploymentAndConfigMap.split(separator: "---")[0])
        let applied = try server.kubectl(["apply", "-f", "-"], stdin: deployment)
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout == "deployment.apps/api created\n", "\(applied)")
        let typoed = deployment.replacingOccurrences(of: "  selector:", with: "  replica: 2\n  selector:")
        // On the live object, a patch: the decoder's words after patching.
        let typo = try server.kubectl(["apply", "-f", "-"], stdin: typoed)
        #expect(typo.status == 1, "\(typo)")
        #expect(typo.stderr.contains(#"error when patching "STDIN": strict decoding error: unknown field "spec.replica""#), "\(typo)")
        // A new object, a create: the decoder's error as the create handler wraps it.
        let fresh = try server.kubectl(["apply", "-f", "-"], stdin: typoed.replacingOccurrences(of: "name: api", with: "name: api-2"))
        #expect(fresh.status == 1, "\(fresh)")
        #expect(fresh.stderr.contains(#"error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica""#),
                "\(fresh)")
    }
}
