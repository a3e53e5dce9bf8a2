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
}
