import Foundation
import Testing

/// The real kubectl against `kubesim serve`: `create pdb`, and `drain` refused by a
/// PodDisruptionBudget (429), retried by kubectl every 5 s until a replacement is ready on the
/// other node, or given up at `--timeout`.
@Suite(.serialized) struct DrainBudgetEndToEndTests {
    /// Two nodes, four ready web pods (two on each), a budget keeping three.
    static func servedWeb() throws -> KubesimServer? {
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "3", "--nodes", "2", "--speed", "10"]) else { return nil }
        _ = try server.kubectl(["create", "deployment", "web", "--image=nginx", "--replicas=4"])
        let ready = try server.kubectl(["get", "deployment", "web", "-o", "jsonpath={.status.readyReplicas}"]) { $0.stdout == "4" }
        #expect(ready.stdout == "4", "\(ready)")
        return server
    }

    @Test func aDrainHeldByABudgetFinishesOnceAReplacementIsReady() throws {
        guard let server = try Self.servedWeb() else { return }
        defer { server.stop() }
        let created = try server.kubectl(["create", "pdb", "web", "--selector=app=web", "--min-available=3"])
        #expect(created.stdout == "poddisruptionbudget.policy/web created\n", "\(created)")
        let allowed = try server.kubectl(["get", "pdb", "web", "-o", "jsonpath={.status.disruptionsAllowed}"]) { $0.stdout == "1" }
        #expect(allowed.stdout == "1", "\(allowed)")

        let drain = try server.kubectl(["drain", "node-1", "--ignore-daemonsets"])
        #expect(drain.status == 0, "\(drain)")
        // Two web pods on node-1, one disruption allowed: the second is refused until the
        // first one's replacement is ready on node-2, then evicted on kubectl's retry.
        #expect(drain.stderr.contains("(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n"), "\(drain)")
        #expect(drain.stdout.hasSuffix("node/node-1 drained\n"), "\(drain)")
        let nodes = try server.kubectl(["get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].spec.nodeName}"]) {
            $0.stdout.split(separator: " ").count == 4 && !$0.stdout.contains("node-1")
        }
        #expect(nodes.stdout == "node-2 node-2 node-2 node-2", "\(nodes)")
    }

    @Test func theTimeoutEndsADrainABudgetNeverAllows() throws {
        guard let server = try Self.servedWeb() else { return }
        defer { server.stop() }
        _ = try server.kubectl(["create", "pdb", "all", "--selector=app=web", "--min-available=100%"])
        let described = try server.kubectl(["describe", "pdb", "all"]) { $0.stdout.contains("Total:                4") }
        #expect(described.stdout.hasPrefix("Name:           all\nNamespace:      default\nMin available:  100%\nSelector:       app=web\nStatus:\n    Allowed disruptions:  0\n"), "\(described)")

        let drain = try server.kubectl(["drain", "node-2", "--ignore-daemonsets", "--timeout=3s"])
        #expect(drain.status != 0, "\(drain)")
        #expect(drain.stderr.contains("global timeout reached: 3s"), "\(drain)")
        #expect(drain.stderr.contains("There are pending nodes to be drained:\n node-2\n"), "\(drain)")
        let ready = try server.kubectl(["get", "deployment", "web", "-o", "jsonpath={.status.readyReplicas}"])
        #expect(ready.stdout == "4", "\(ready)")
    }
}
