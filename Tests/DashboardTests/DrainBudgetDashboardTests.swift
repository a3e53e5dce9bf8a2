import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// A drain held back by a PodDisruptionBudget in the dashboard: the retries run on the virtual
/// clock while frames keep coming, and the drain finishes once the budget allows.
@Suite struct DrainBudgetDashboardTests {
    @Test func aRefusedDrainRetriesWhileTheDashboardRunsAndFinishesOnceAllowed() throws {
        let dashboard = try demoDashboard()
        let session = dashboard.session
        #expect(!session.runToCompletion("create pdb hold --selector=app=hello-kiamol-2 --min-available=100%").failed)
        dashboard.tick(realElapsed: .seconds(1))
        let held = dashboard.cluster.store.pods(onNode: "node-1").filter { $0.metadata.labels["app"] == "hello-kiamol-2" }
        #expect(!held.isEmpty)
        dashboard.press(.character("1"), .character("r"))
        #expect(!dashboard.running.isEmpty)
        // Frame after frame over 12 s: the drain keeps retrying; the pods stay.
        for _ in 0..<120 { dashboard.tick(realElapsed: .milliseconds(100)) }
        #expect(!dashboard.running.isEmpty)
        let text = dashboard.running.first?.output.combined ?? ""
        let retries = text.components(separatedBy: "(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.").count - 1
        #expect(retries >= 2 * held.count)
        #expect(held.allSatisfy { dashboard.cluster.store.get(Pod.self, key: $0.key)?.isTerminating == false })
        // The budget is lifted: the next retry evicts and the drain ends.
        #expect(!session.runToCompletion("delete pdb hold").failed)
        dashboard.tick(realElapsed: .seconds(15))
        #expect(dashboard.running.isEmpty)
        #expect(dashboard.status?.text == "node/node-1 drained")
    }
}
