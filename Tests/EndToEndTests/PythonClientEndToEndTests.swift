import Foundation
import Testing

/// The official Python client (`pip install kubernetes`) against `kubesim serve`: list, a watch
/// that sees a kill, a reconnect from a resourceVersion, the scale subresource, an eviction and a
/// NotFound error, each checked by Python/client_checks.py.
@Suite struct PythonClientEndToEndTests {
    /// A python3 on PATH that can import `kubernetes` (CI puts its virtual environment first).
    static func pythonWithClient() -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in directories {
            let python = directory + "/python3"
            guard FileManager.default.isExecutableFile(atPath: python),
                  let probe = try? ProcessRunner.run(python, ["-c", "import kubernetes"], timeout: 60),
                  probe.status == 0 else { continue }
            return python
        }
        return nil
    }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Python/client_checks.py").path
    }

    @Test func pythonClientListsWatchesScalesAndEvicts() throws {
        guard let python = Self.pythonWithClient() else {
            let message = "the Python package `kubernetes` was not found (pip install kubernetes): skipping the Python client test"
            if RealKubectl.required { Issue.record("\(message) — but KUBESIM_REQUIRE_E2E=1 requires it") } else { print("note: \(message)") }
            return
        }
        let server = try KubesimServer(arguments: ["--seed", "5", "--speed", "5"], kubectl: nil)
        let deployment = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.25"}]}}}}"#
        let created = try server.http("POST", "/apis/apps/v1/namespaces/default/deployments", body: deployment)
        #expect(created.status == 201, "\(created.bodyText)")

        let result = try ProcessRunner.run(python, [Self.script, server.kubeconfig.path], timeout: 240)
        #expect(result.status == 0, "\(result)")
        let passed = result.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") }.map { String($0.dropFirst(3)) }
        #expect(passed == ["list", "watch", "reconnect", "scale", "evict", "notfound", "nodes"], "\(result)")
    }
}
