import Testing
@testable import Cluster
@testable import Commands

/// `describe deployment` lists conditions in the order the controller left them: a condition
/// that changes is removed and appended (SetDeploymentCondition), so after a pod loss and its
/// recovery Available follows Progressing, which stays NewReplicaSetAvailable.
@Suite struct DeploymentConditionsOrderTests {
    func conditionRows(_ describe: String) -> [String] {
        let lines = describe.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(of: "Conditions:") else { return [] }
        return lines[(start + 3)...].prefix { $0.hasPrefix("  ") }.map { $0.split(separator: " ").joined(separator: " ") }
    }

    @Test func availableMovesBehindProgressingAfterAPodLoss() throws {
        let shell = Shell(seed: 2)
        #expect(!shell.run("create deployment web --image=nginx:1.27 --replicas=3").failed)
        shell.advance(30)
        #expect(conditionRows(shell.out("describe deployment web")) == [
            "Available True MinimumReplicasAvailable", "Progressing True NewReplicaSetAvailable",
        ])
        let pod = try #require(shell.names("get pods").first)
        #expect(!shell.run("delete pod \(pod)").failed)
        shell.advance(30)
        #expect(conditionRows(shell.out("describe deployment web")) == [
            "Progressing True NewReplicaSetAvailable", "Available True MinimumReplicasAvailable",
        ])
        #expect(shell.out("describe deployment web").contains("3 desired | 3 updated | 3 total | 3 available | 0 unavailable"))
    }
}
