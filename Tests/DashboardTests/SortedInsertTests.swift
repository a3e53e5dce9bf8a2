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
            // What is kept of each pod moves with its name: here, sort keys told by the name.
            var kept = listed.map { KeptPodRow(searchText: nil, sortKeys: Self.keys(restarts: $0)) }
            ClusterView.insert(added, into: &names, alongside: &kept, by: ClusterView.order(of: .pod))
            #expect(names == ClusterView.merge(listed, added, by: ClusterView.order(of: .pod)), "round \(round)")
            #expect(names == all)
            #expect(kept.map { $0.sortKeys?.restarts } == names.map { added.contains($0) ? nil : Self.restarts($0) })
        }
        var nodes = ["node-1", "node-3", "node-10"], none: [KeptPodRow] = []
        ClusterView.insert(["node-2", "node-11"], into: &nodes, alongside: &none, by: ClusterView.order(of: .node))
        #expect(nodes == ["node-1", "node-2", "node-3", "node-10", "node-11"])
    }

    /// Removing names takes their kept rows too; the others stay beside their names.
    @Test func removingTakesTheKeptRowsAlong() {
        let random = RandomSource(seed: 6)
        for round in 0..<100 {
            let all = RowIndexTests.names(random, count: random.int(in: 0...200))
            var removed = ShardedSet<String>()
            for name in all where random.int(in: 0...2) == 0 { removed.insert(name) }
            var names = all
            var kept = all.map { KeptPodRow(searchText: nil, sortKeys: Self.keys(restarts: $0)) }
            ClusterView.remove(removed, from: &names, alongside: &kept)
            #expect(names == all.filter { !removed.contains($0) }, "round \(round)")
            #expect(kept.map { $0.sortKeys?.restarts } == names.map { Self.restarts($0) })
        }
    }

    /// A number told by the name, to see which row moved where.
    static func restarts(_ name: String) -> Int64 { Int64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xffff) }

    static func keys(restarts name: String) -> PodSortKeys {
        var pod = Pod(metadata: ObjectMeta(), spec: PodSpec(containers: []))
        var status = ContainerStatus(name: "c", image: "nginx", state: .running(startedAt: .zero))
        status.restartCount = Int(restarts(name))
        pod.status.containerStatuses = [status]
        return PodSortKeys(pod)
    }
}
