import Testing
@testable import Cluster
@testable import Dashboard

/// The names of a kind are kept in order by inserting each frame's new names in place; the
/// result must be the merge of the two lists.
@Suite struct SortedInsertTests {
    @Test func insertingInPlaceGivesTheMerge() {
        let random = RandomSource(seed: 5)
        for round in 0..<300 {
            let all = RowIndexTests.names(random, count: random.int(in: 0...200))
            // Split at random into what was listed and what was added since.
            var listed: [String] = [], added: [String] = []
            for name in all { if random.int(in: 0...3) == 0 { added.append(name) } else { listed.append(name) } }
            var names = listed
            ClusterView.insert(added, into: &names, by: ClusterView.order(of: .pod))
            #expect(names == ClusterView.merge(listed, added, by: ClusterView.order(of: .pod)), "round \(round)")
            #expect(names == all)
        }
        var nodes = ["node-1", "node-3", "node-10"]
        ClusterView.insert(["node-2", "node-11"], into: &nodes, by: ClusterView.order(of: .node))
        #expect(nodes == ["node-1", "node-2", "node-3", "node-10", "node-11"])
    }
}
