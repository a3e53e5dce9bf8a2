/// A segment tree over the scheduler's node order (positions in `SchedulerCache.order`), for one
/// pod request: which nodes fit it, which need the full filters, and each fitting node's
/// resource score. It answers what a sampled scheduling cycle asks of a few hundred nodes in a
/// few dozen steps: where the sample ends (the wanted-th fitting node on from the start), whether
/// any node in it needs the full filters, the best score in it with how many nodes share it, and
/// where the k-th of those is.
struct NodeScoreTree {
    /// What a subtree holds: how many nodes fit and need the full filters, and the best score
    /// among those that fit (-1 when none does) with how many have it.
    struct Summary: Equatable {
        var fitting: Int32 = 0
        var special: Int32 = 0
        var best: Int32 = -1
        var tied: Int32 = 0

        static func + (a: Summary, b: Summary) -> Summary {
            let best = max(a.best, b.best)
            return Summary(fitting: a.fitting + b.fitting, special: a.special + b.special, best: best,
                           tied: (a.best == best ? a.tied : 0) + (b.best == best ? b.tied : 0))
        }

        /// How many nodes score `score`, where no node scores more.
        func count(scoring score: Int32) -> Int { best == score ? Int(tied) : 0 }
    }

    /// Positions held (the node order's length).
    private(set) var count = 0
    /// Leaves start here: a power of two, at least `count`.
    private var leafBase = 1
    /// Heap order: the root at 1, a node's children at 2i and 2i + 1, leaves from `leafBase`.
    private var nodes: [Summary] = [Summary(), Summary()]

    /// Empties the tree for `count` positions; set each with `setLeaf`, then call `summarize`.
    mutating func reset(count: Int) {
        self.count = count
        leafBase = 1
        while leafBase < count { leafBase <<= 1 }
        nodes.removeAll(keepingCapacity: true)
        nodes.append(contentsOf: repeatElement(Summary(), count: 2 * leafBase))
    }

    static func leaf(fits: Bool, special: Bool, score: Int) -> Summary {
        Summary(fitting: fits ? 1 : 0, special: special ? 1 : 0, best: fits ? Int32(score) : -1, tied: fits ? 1 : 0)
    }

    /// Sets a leaf without updating the nodes above it (`summarize` does, once for all).
    mutating func setLeaf(_ position: Int, _ leaf: Summary) { nodes[leafBase + position] = leaf }

    /// Fills every node above the leaves.
    mutating func summarize() {
        var i = leafBase - 1
        while i >= 1 {
            nodes[i] = nodes[2 * i] + nodes[2 * i + 1]
            i -= 1
        }
    }

    /// Sets one leaf and the nodes above it.
    mutating func update(_ position: Int, _ leaf: Summary) {
        var i = leafBase + position
        nodes[i] = leaf
        i >>= 1
        while i >= 1 {
            nodes[i] = nodes[2 * i] + nodes[2 * i + 1]
            i >>= 1
        }
    }

    func leaf(at position: Int) -> Summary { nodes[leafBase + position] }

    var whole: Summary { nodes[1] }

    /// The summary of positions `lower..<upper`.
    func summary(_ lower: Int, _ upper: Int) -> Summary {
        var left = Summary(), right = Summary()
        var l = lower + leafBase, r = upper + leafBase
        while l < r {
            if l & 1 == 1 { left = left + nodes[l]; l += 1 }
            if r & 1 == 1 { r -= 1; right = nodes[r] + right }
            l >>= 1
            r >>= 1
        }
        return left + right
    }

    /// The position of the `n`-th fitting node (from 1) in position order; `n` at most `whole.fitting`.
    private func fitting(_ n: Int) -> Int {
        var n = Int32(n), i = 1
        while i < leafBase {
            if nodes[2 * i].fitting >= n { i = 2 * i } else { n -= nodes[2 * i].fitting; i = 2 * i + 1 }
        }
        return i - leafBase
    }

    /// Walking on from `start` (around the end to the front), how many positions it takes to
    /// meet `wanted` fitting nodes, and how many it met: all positions when fewer fit.
    func sample(from start: Int, wanted: Int) -> (examined: Int, found: Int) {
        let total = Int(whole.fitting)
        guard total >= wanted, wanted > 0 else { return (count, total) }
        let before = Int(summary(0, start).fitting)
        if wanted <= total - before { return (fitting(before + wanted) - start + 1, wanted) }
        return (count - start + fitting(wanted - (total - before)) + 1, wanted)
    }

    /// Appends the positions in `lower..<upper` of the nodes that need the full filters, in order.
    func specialPositions(_ lower: Int, _ upper: Int, into positions: inout [Int]) {
        guard lower < upper else { return }
        // Subtrees with any, from the root; the range's ends cut the walk short.
        func visit(_ node: Int, _ nodeLower: Int, _ nodeUpper: Int) {
            guard nodes[node].special > 0, nodeLower < upper, lower < nodeUpper else { return }
            if node >= leafBase {
                positions.append(node - leafBase)
                return
            }
            let middle = (nodeLower + nodeUpper) / 2
            visit(2 * node, nodeLower, middle)
            visit(2 * node + 1, middle, nodeUpper)
        }
        visit(1, 0, leafBase)
    }

    /// The position of the `k`-th (from 0) node scoring `score` in `lower..<upper`, where no node
    /// scores more; `k` below their number.
    func position(ofTie k: Int, scoring score: Int32, in lower: Int, _ upper: Int) -> Int {
        // The range's covering subtrees in position order. Each lies within the range, so its
        // count of `score` is exact (a subtree reaching outside may hold better scores).
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 128) { cover in
            var fromLeft = 0, fromRight = 127
            var l = lower + leafBase, r = upper + leafBase
            while l < r {
                if l & 1 == 1 { cover[fromLeft] = l; fromLeft += 1; l += 1 }
                if r & 1 == 1 { r -= 1; cover[fromRight] = r; fromRight -= 1 }
                l >>= 1
                r >>= 1
            }
            var k = k
            func descend(_ node: Int) -> Int {
                var i = node
                while i < leafBase {
                    let inLeft = nodes[2 * i].count(scoring: score)
                    if k < inLeft { i = 2 * i } else { k -= inLeft; i = 2 * i + 1 }
                }
                return i - leafBase
            }
            // The right-hand ones were stored from the end inward, so from `fromRight + 1` up
            // they run left to right too.
            for slot in 0..<fromLeft {
                let here = nodes[cover[slot]].count(scoring: score)
                if k < here { return descend(cover[slot]) }
                k -= here
            }
            for slot in (fromRight + 1)..<128 {
                let here = nodes[cover[slot]].count(scoring: score)
                if k < here { return descend(cover[slot]) }
                k -= here
            }
            preconditionFailure("tie \(k) not in \(lower)..<\(upper)")
        }
    }
}
