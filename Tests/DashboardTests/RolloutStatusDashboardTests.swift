import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// `rollout status` typed in the dashboard runs in the background: the screen stays live and the
/// status line follows the rollout until kubectl's last line.
@Suite struct RolloutStatusDashboardTests {
    @Test func rolloutStatusKeepsTheDashboardLive() throws {
        let dashboard = try demoDashboard()
        dashboard.tick(realElapsed: .seconds(30))
        let name = DemoDeployment.name
        #expect(dashboard.run("kubectl rollout restart deployment/\(name)").stdout == "deployment.apps/\(name) restarted\n")
        dashboard.run("kubectl rollout status deployment/\(name)", fromCommandLine: true)
        #expect(!dashboard.running.isEmpty)
        #expect(dashboard.status?.text.hasPrefix("Waiting for deployment") == true)
        var seen: [String] = []
        for _ in 0..<60 where !dashboard.running.isEmpty {
            dashboard.tick(realElapsed: .milliseconds(500))
            _ = dashboard.render(width: 120, height: 40)
            if let text = dashboard.status?.text, seen.last != text { seen.append(text) }
        }
        #expect(dashboard.running.isEmpty)
        #expect(seen.last == "deployment \"\(name)\" successfully rolled out")
        #expect(seen.count > 2, "the status line moved with the rollout: \(seen)")
    }

    @Test func theCommandLineCompletesRolloutAndSetSubcommandsAndWorkloads() throws {
        let dashboard = try demoDashboard()
        let completer = CommandCompleter(cluster: dashboard.cluster)
        func complete(_ text: String) -> CommandCompleter.Completion { completer.complete(text, cursor: text.count) }
        #expect(complete("rollout st").text == "rollout status ")
        #expect(complete("rollout re").candidates == ["restart", "resume"])
        #expect(complete("set im").text == "set image ")
        #expect(complete("rollout undo deployment/h").text == "rollout undo deployment/\(DemoDeployment.name) ")
        #expect(complete("kubectl set image deploy").candidates == ["deployments", "deployment", "deploy", "deployment/"])
    }
}
