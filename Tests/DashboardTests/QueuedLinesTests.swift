import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// A preset's creations run between frames, a slice at a time, through the command path.
@Suite struct QueuedLinesTests {
    @Test func linesRunASliceEachTickAndTheStatusLineCountsThem() throws {
        let dashboard = try demoDashboard(empty: true)
        dashboard.sliceBudget = .timers(2)
        let lines = (1...5).map { "kubectl create deployment app-\($0) --image=nginx:1.25 --replicas=2" }
        dashboard.runBetweenFrames(lines, label: "preset test")
        // The first frame does not wait for them.
        #expect(dashboard.frameText(120, 40).contains("preset test: 0/5 commands run"))
        #expect(dashboard.cluster.store.count(Deployment.self) == 0)
        dashboard.tick(realElapsed: .milliseconds(30))
        #expect(dashboard.cluster.store.count(Deployment.self) == 2)
        #expect(dashboard.hasQueuedLines)
        dashboard.tick(realElapsed: .milliseconds(30))
        dashboard.tick(realElapsed: .milliseconds(30))
        #expect(!dashboard.hasQueuedLines)
        #expect(dashboard.cluster.store.list(Deployment.self).map(\.name) == (1...5).map { "app-\($0)" })
        #expect(dashboard.frameText(120, 40).contains("preset test: 5/5 commands run"))
        // The cluster then builds them up as its clock moves.
        dashboard.sliceBudget = .unlimited
        dashboard.tick(realElapsed: .seconds(20))
        #expect(dashboard.cluster.store.countPods(where: \.isReady) == 10)
    }
}
