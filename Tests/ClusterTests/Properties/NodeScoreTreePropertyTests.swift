import PropertyBased
import Testing
@testable import Cluster

/// The tree must answer what a walk over the same nodes finds, or the sampled placement would
/// choose from another sample, or another node, than kube-scheduler's cycle.
@Suite struct NodeScoreTreePropertyTests {
    /// A node: fits (score 0…3, few values so that many tie), special, or neither.
    static let leaf = zip(Gen.int(in: 0...5), Gen.int(in: 0...3)).map { kind, score -> NodeScoreTree.Summary in
        NodeScoreTree.leaf(fits: kind >= 2, special: kind == 0, score: score)
    }

    /// Leaves, then updates (position choice, new leaf), then a start and a wanted count.
    static let input = zip(leaf.array(of: 1...70), zip(Gen.int(in: 0...1_000), leaf).array(of: 0...10),
                           Gen.int(in: 0...1_000), Gen.int(in: 1...80))

    @Test func theTreeAnswersWhatAWalkFinds() async {
        await propertyCheck(count: 400, input: Self.input) { leaves, updates, startChoice, wanted in
            var nodes = leaves
            var tree = NodeScoreTree()
            tree.reset(count: nodes.count)
            for (position, leaf) in nodes.enumerated() { tree.setLeaf(position, leaf) }
            tree.summarize()
            for (choice, leaf) in updates {
                nodes[choice % nodes.count] = leaf
                tree.update(choice % nodes.count, leaf)
            }
            let start = startChoice % nodes.count

            // The walk: from `start`, around, until `wanted` fit.
            var examined = 0, found = 0
            var position = start
            while examined < nodes.count && found < wanted {
                examined += 1
                found += Int(nodes[position].fitting)
                position = (position + 1) % nodes.count
            }
            let sample = tree.sample(from: start, wanted: wanted)
            #expect(sample.examined == examined && sample.found == found)

            // Summaries of every range, and the ties at each range's best, in order.
            for lower in 0..<nodes.count {
                for upper in lower...nodes.count {
                    let range = nodes[lower..<upper]
                    let best = range.filter { $0.fitting == 1 }.map(\.best).max() ?? -1
                    let tied = range.indices.filter { nodes[$0].fitting == 1 && nodes[$0].best == best }
                    let summary = tree.summary(lower, upper)
                    #expect(summary.fitting == Int32(range.filter { $0.fitting == 1 }.count))
                    #expect(summary.special == Int32(range.filter { $0.special == 1 }.count))
                    #expect(summary.best == best)
                    #expect(summary.count(scoring: best) == (best < 0 ? 0 : tied.count))
                    if best >= 0 {
                        for (k, expected) in tied.enumerated() {
                            #expect(tree.position(ofTie: k, scoring: best, in: lower, upper) == expected)
                        }
                    }
                }
            }
        }
    }

    @Test func anEmptyOrFullyUnfitTreeSamplesEveryNode() {
        var tree = NodeScoreTree()
        tree.reset(count: 5)
        for position in 0..<5 { tree.setLeaf(position, NodeScoreTree.leaf(fits: false, special: position == 2, score: 0)) }
        tree.summarize()
        #expect(tree.sample(from: 3, wanted: 2) == (examined: 5, found: 0))
        #expect(tree.whole.special == 1)
        tree.update(1, NodeScoreTree.leaf(fits: true, special: false, score: 7))
        // One fits, two wanted: the whole ring is examined, one found.
        #expect(tree.sample(from: 3, wanted: 2) == (examined: 5, found: 1))
        // One wanted: from 3 the walk goes 3, 4, 0, 1.
        #expect(tree.sample(from: 3, wanted: 1) == (examined: 4, found: 1))
    }
}
