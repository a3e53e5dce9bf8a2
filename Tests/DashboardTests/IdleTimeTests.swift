import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// While the main loop waits for keys, the dashboard makes ahead what the first `/` or sort of
/// the Pods table would make of each pod (its row's text, its sort values), in slices the loop
/// bounds, and only once the pods have stopped changing. A filter afterwards finds what it
/// would have found without.
@Suite struct IdleTimeTests {
    static let podCount = 300

    /// A cluster of `podCount` pods put straight into the store as copies of one the
    /// controllers made, spread over its nodes, and a dashboard showing them.
    static func dashboard() throws -> (Dashboard, Cluster) {
        let cluster = Cluster(seed: 1, nodes: 12)
        Session(cluster: cluster).execute("kubectl create deployment app --image=nginx:1.25 --replicas=1")
        #expect(cluster.advance(until: { cluster.store.list(Pod.self).first?.isReady == true }, timeout: .seconds(60)))
        let model = try #require(cluster.store.list(Pod.self).first)
        for i in 1..<podCount {
            var pod = model
            pod.metadata.name = model.name + "-\(i)"
            pod.metadata.uid = "copy-\(i)"
            pod.spec.nodeName = "node-\(i % 12 + 1)"
            cluster.store.pods.put(pod)
        }
        let dashboard = Dashboard(session: Session(cluster: cluster), theme: try themeLibrary.load("default"))
        dashboard.press(.character("4"))
        _ = dashboard.frameText()
        return (dashboard, cluster)
    }

    /// How many of the listed pods' rows are kept whole.
    static func keptRows(_ dashboard: Dashboard) -> Int {
        dashboard.view.withOrderedPods { _, kept in kept.filter(\.isComplete).count }
    }

    /// A budget of `rows` rows for one call.
    static func budget(rows: Int) -> () -> Bool {
        var left = rows
        return {
            left -= 1
            return left >= 0
        }
    }

    @Test func everyListedPodsRowIsMadeAheadInSlicesThatStopWhereTheBudgetEnds() throws {
        let (dashboard, _) = try Self.dashboard()
        #expect(Self.keptRows(dashboard) == 0)
        // The first call only notes how the pods stand: they may still be changing.
        #expect(!dashboard.useIdleTime(while: Self.budget(rows: 50)))
        #expect(Self.keptRows(dashboard) == 0)
        var calls = 0, done = false
        repeat {
            done = dashboard.useIdleTime(while: Self.budget(rows: 50))
            calls += 1
            #expect(Self.keptRows(dashboard) == min(calls * 50, Self.podCount))
        } while !done
        // The call that makes the last 50 rows says nothing is left.
        #expect(calls == Self.podCount / 50)
        #expect(Self.keptRows(dashboard) == Self.podCount)
        // Nothing left: a call with no budget at all says so.
        #expect(dashboard.useIdleTime(while: { false }))
    }

    @Test func aFilterAndASortAfterwardsShowWhatTheyShowWithoutIt() throws {
        let (ahead, cluster) = try Self.dashboard()
        while !ahead.useIdleTime(while: Self.budget(rows: 1000)) {}
        let cold = Dashboard(session: Session(cluster: cluster), theme: try themeLibrary.load("default"))
        cold.press(.character("4"))
        for dashboard in [ahead, cold] {
            dashboard.press(.character("/"))
            dashboard.type("NODE-1")
            dashboard.press(.enter, .character("S"))
        }
        let rows = cold.rowNames(.pods)
        // node-1, node-10, node-11 and node-12 (no pod's name holds "node").
        #expect(rows.count == cluster.store.list(Pod.self).filter { $0.spec.nodeName.hasPrefix("node-1") }.count)
        #expect(rows.count > Self.podCount / 12)
        #expect(ahead.rowNames(.pods) == rows)
        #expect(ahead.frameText() == cold.frameText())
    }

    @Test func aPodThatChangesIsMadeAgainOnlyOnceThePodsAreQuiet() throws {
        let (dashboard, cluster) = try Self.dashboard()
        while !dashboard.useIdleTime(while: Self.budget(rows: 1000)) {}
        let evicted = try #require(cluster.store.list(Pod.self).last)
        try cluster.store.modify(Pod.self, evicted.name, namespace: "default") { pod in
            pod.status.phase = "Failed"
            pod.status.reason = "Evicted"
        }
        #expect(Self.keptRows(dashboard) == Self.podCount - 1)
        // Pods changed since the last call: nothing is made yet.
        #expect(!dashboard.useIdleTime(while: Self.budget(rows: 1000)))
        #expect(Self.keptRows(dashboard) == Self.podCount - 1)
        #expect(dashboard.useIdleTime(while: Self.budget(rows: 1000)))
        #expect(Self.keptRows(dashboard) == Self.podCount)
        dashboard.press(.character("/"))
        dashboard.type("evicted")
        dashboard.press(.enter)
        #expect(dashboard.rowNames(.pods) == [evicted.name])
    }
}
