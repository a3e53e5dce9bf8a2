import Foundation
import Cluster
import Commands
import Testing
@testable import KubeAPI

/// A served Node carries the machine, system and boot IDs `kubectl describe node` prints
/// under System Info (they were empty through the API while `kubesim run` showed them).
@Suite struct NodeInfoTests {
    @Test func nodeInfoHasTheIDsDescribePrints() throws {
        let c = try APICluster()
        let node = try c.json("/api/v1/nodes/node-1")
        let uid = try #require(c.store.get(Node.self, "node-1")?.metadata.uid)
        let info = node["status"]?["nodeInfo"]
        #expect(info?["machineID"] == .string(uid.replacingOccurrences(of: "-", with: "")))
        #expect(info?["systemUUID"] == .string(uid))
        #expect(info?["bootID"] == .string(uid))
        #expect(!uid.isEmpty)
        let described = c.run("kubectl describe node node-1").stdout
        let machineID = uid.replacingOccurrences(of: "-", with: "")
        #expect(described.split(separator: "\n").contains { $0.hasPrefix("  Machine ID:") && $0.hasSuffix(" " + machineID) }, "\(described)")
    }
}
