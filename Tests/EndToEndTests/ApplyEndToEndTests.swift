import Foundation
import Testing

/// Client-side `kubectl apply -f` against `kubesim serve`: created, unchanged, configured
/// (kubectl's three-way patch from the last-applied annotation), and `rollout status`.
@Suite struct ApplyEndToEndTests {
    static func deployment(labels: [String: String]) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: x
          labels:
        \(labels.sorted { $0.key < $1.key }.map { "    \($0.key): \($0.value)" }.joined(separator: "\n"))
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: x
          template:
            metadata:
              labels:
                app: x
            spec:
              containers:
              - name: web
                image: nginx:1.27

        """
    }

    func write(_ text: String, in server: KubesimServer) throws -> URL {
        let url = server.folder.appendingPathComponent("x-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func applyTwiceThenWithALabelRemoved() throws {
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "3", "--speed", "30"]) else { return }
        defer { server.stop() }
        let first = try write(Self.deployment(labels: ["app": "x", "tier": "web"]), in: server)
        let created = try server.kubectl(["apply", "-f", first.path])
        #expect(created.status == 0, "\(created)")
        #expect(created.stdout == "deployment.apps/x created\n", "\(created)")
        let again = try server.kubectl(["apply", "-f", first.path])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout == "deployment.apps/x unchanged\n", "\(again)")

        let changed = try write(Self.deployment(labels: ["app": "x"]), in: server)
        let configured = try server.kubectl(["apply", "-f", changed.path])
        #expect(configured.status == 0, "\(configured)")
        #expect(configured.stdout == "deployment.apps/x configured\n", "\(configured)")
        let labels = try server.kubectl(["get", "deployment", "x", "-o", "jsonpath={.metadata.labels}"])
        #expect(labels.stdout == #"{"app":"x"}"#, "\(labels)")
        let sameAgain = try server.kubectl(["apply", "-f", changed.path])
        #expect(sameAgain.stdout == "deployment.apps/x unchanged\n", "\(sameAgain)")
    }

    @Test func rolloutStatusWaitsForTheRollout() throws {
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "3", "--speed", "30"]) else { return }
        defer { server.stop() }
        let file = try write(Self.deployment(labels: ["app": "x"]), in: server)
        #expect(try server.kubectl(["apply", "-f", file.path]).status == 0)
        let status = try server.kubectl(["rollout", "status", "deployment/x", "--timeout=60s"], timeout: 90)
        #expect(status.status == 0, "\(status)")
        #expect(status.stdout.hasSuffix("deployment \"x\" successfully rolled out\n"), "\(status)")
        // A new image: a second ReplicaSet rolls out, and status follows it to the end.
        let image = try server.kubectl(["set", "image", "deployment/x", "web=nginx:1.28"])
        #expect(image.stdout == "deployment.apps/x image updated\n", "\(image)")
        let again = try server.kubectl(["rollout", "status", "deployment/x", "--timeout=60s"], timeout: 90)
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.hasSuffix("deployment \"x\" successfully rolled out\n"), "\(again)")
        let replicaSets = try server.kubectl(["get", "rs", "-l", "app=x", "-o", "jsonpath={.items[*].status.replicas}"])
        #expect(replicaSets.stdout.split(separator: " ").sorted() == ["0", "2"], "\(replicaSets)")
    }
}
