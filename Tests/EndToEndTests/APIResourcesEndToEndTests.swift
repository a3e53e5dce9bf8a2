import Foundation
import Testing

/// `kubectl api-resources` and `get pods` across kubectl versions: 1.30+ read the aggregated
/// discovery documents, 1.27 the legacy ones (/api/v1, /apis/apps/v1, …).
@Suite struct APIResourcesEndToEndTests {
    /// The rows kubectl prints for these, as words: NAME SHORTNAMES APIVERSION NAMESPACED KIND.
    static let expectedRows: [[String]] = [
        ["namespaces", "ns", "v1", "false", "Namespace"],
        ["nodes", "no", "v1", "false", "Node"],
        ["pods", "po", "v1", "true", "Pod"],
        ["events", "ev", "v1", "true", "Event"],
        ["daemonsets", "ds", "apps/v1", "true", "DaemonSet"],
        ["deployments", "deploy", "apps/v1", "true", "Deployment"],
        ["replicasets", "rs", "apps/v1", "true", "ReplicaSet"],
    ]

    @Test(arguments: ["1.33", "1.30", "1.27"])
    func apiResourcesListsTheKindsWithShortNames(_ version: String) throws {
        let file = try KubectlGetEndToEndTests().manifestFile()
        defer { try? FileManager.default.removeItem(at: file) }
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "5", "--file", file.path, "--speed", "200"], kubectlVersion: version) else { return }
        defer { server.stop() }
        let resources = try server.kubectl(["api-resources"])
        #expect(resources.status == 0, "\(resources)")
        #expect(resources.stderr.isEmpty, "\(resources)")
        let lines = resources.stdout.split(separator: "\n")
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"])
        let rows = lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        for row in Self.expectedRows {
            #expect(rows.contains(row), "kubectl \(version) api-resources has \(row.joined(separator: " "))\n\(resources.stdout)")
        }
        // get pods with this kubectl prints the table kubectl 1.33 prints.
        let running = try server.kubectl(["get", "pods", "-o", "jsonpath={.items[*].status.phase}"]) { $0.stdout == "Running Running Running" }
        #expect(running.stdout == "Running Running Running", "\(running)")
        let pods = try server.kubectl(["get", "pods"])
        #expect(pods.status == 0, "\(pods)")
        let newest = try server.kubectl(["get", "pods"], using: try #require(RealKubectl.locate(version: "1.33")))
        let table = KubectlGetEndToEndTests()
        #expect(table.cells(pods.stdout) == table.cells(newest.stdout), "kubectl \(version)\n\(pods.stdout)--- 1.33\n\(newest.stdout)")
        #expect(table.cells(pods.stdout).count == 4)
    }
}
