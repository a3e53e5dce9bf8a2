import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The figures the header and the node overview read: kept from the watch, they must equal a
/// count made from scratch after kills, failures, recoveries, deletions and scaling.
@Suite struct ClusterTallyTests {
    /// Every node's pods by state and whether it is down, as `tally` has them.
    static func figures(_ tally: ClusterTally, nodes: [String]) -> [String] {
        (nodes + [""]).map { node in
            let states = PodTileState.allCases.map { "\(tally.pods(onNode: node)[$0])" }.joined(separator: ",")
            return "\(node) down=\(tally.isDown(node)) \(states)"
        }
    }

    @Test func keptFiguresEqualACountFromScratch() throws {
        let dashboard = try demoDashboard()
        let session = dashboard.session, cluster = dashboard.cluster
        let nodes = cluster.store.list(Node.self).map(\.name)
        func check(_ step: String) {
            let fresh = ClusterTally(store: cluster.store)
            #expect(Self.figures(dashboard.view.tally, nodes: nodes) == Self.figures(fresh, nodes: nodes), "\(step)")
            #expect(dashboard.view.tally.pods == fresh.pods, "\(step)")
        }
        check("the demo")
        session.execute("kubectl scale deployment/hello-kiamol-2 --replicas=8")
        cluster.advance(by: .seconds(1))
        check("scaling up, pods still starting")
        try cluster.failNode("node-2")
        cluster.advance(by: .seconds(60))
        #expect(dashboard.view.tally.isDown("node-2"))
        check("node-2 down")
        try cluster.recoverNode("node-2")
        cluster.advance(by: .seconds(30))
        #expect(!dashboard.view.tally.isDown("node-2"))
        check("node-2 back")
        session.execute("kubectl delete node node-3")
        cluster.advance(by: .seconds(30))
        check("node-3 deleted")
        session.execute("kubectl scale deployment/hello-kiamol-2 --replicas=0")
        cluster.advance(by: .seconds(60))
        check("scaled to 0")
    }

    /// The overview asks for its names' slots every frame: the same names give the same
    /// slots, other names (a filter, a new node) their own, and a name never seen an empty one.
    @Test func slotsFollowTheNamesAsked() throws {
        let dashboard = try demoDashboard()
        let tally = dashboard.view.tally
        let all = tally.slots(of: ["node-1", "node-2", "node-3"])
        #expect(Set(all).count == 3)
        #expect(tally.slots(of: ["node-3"]) == [all[2]])
        #expect(tally.slots(of: ["node-1", "node-2", "node-3"]) == all)
        let unknown = try #require(tally.slots(of: ["node-9"]).first)
        #expect(tally.podsBySlot[unknown].isEmpty && !tally.downBySlot[unknown])
        #expect(tally.pods(onNode: "node-1") == tally.podsBySlot[all[0]])
    }
}
