/// kube-scheduler's cycle for the usual pod (no node selector, affinity or host port) over nodes
/// that only NodeResourcesFit can turn away, answered from a `NodeScoreTree` kept for the pod's
/// request instead of by visiting the few hundred nodes of the sample: the same nodes examined,
/// the same number scored, the same node chosen with the same draw among ties as the full
/// cycle. Nil where the cycle must walk the nodes: a node in the sample that needs the full
/// filters (cordoned, tainted, no hostname label) takes the pod, or too many need them; none
/// fits (the failure counts reasons per node); a node has a zone (spreading then scores zones);
/// the request is not the one the tree was kept for; or the spread score must weigh nodes
/// with the spreading owner's pods against each other (every node in the sample, or every one
/// at the best resource score, has some).
struct SampledPlacement {
    struct Outcome {
        /// Nodes looked at from the start index, and how many of them fit (all scored).
        let examined: Int
        let scored: Int
        /// The chosen node's cache index.
        let node: Int
    }

    private var tree = NodeScoreTree()
    /// The request the tree's fits and scores are for, and the request of the last pod asked
    /// about: the tree is rebuilt for a request two pods in a row ask, not for every change.
    private var treeWant: ResourceScores.Want?
    private var lastWant: ResourceScores.Want?
    private var treeOrderVersion = -1
    /// Each node index's position in the cache's order, -1 for a node gone (as of the tree).
    private var positions: [Int] = []
    /// Where the spreading owner's nodes at the sample's best resource score are in it.
    private var ownerAtTop: [Int] = []
    private var specials: [Int] = []
    /// Beyond this many nodes needing the full filters in one sample, the walk is as quick.
    static let mostFiltered = 32

    /// Where `pod` goes, or nil for the walk. `rejects` runs the full filters on a node (by
    /// cache index); `draw(n)` picks one of `0..<n` when `n` nodes tie.
    mutating func place(_ pod: Pod, want: ResourceScores.Want, cache: SchedulerCache, start: Int, wanted: Int,
                        rejects: (Int) -> Bool, draw: (Int) -> Int) -> Outcome? {
        guard !cache.someNodeHasHadZone, bringUpToDate(for: want, cache) else { return nil }
        let total = tree.count
        let (examined, found) = tree.sample(from: start, wanted: wanted)
        guard found > 0 else { return nil }
        let sample = Sample(start: start, examined: examined, total: total)
        let summary = sample.summary(tree, upTo: examined)
        // Nodes that need the full filters: the sample is as the walk's while each turns the
        // pod away (a cordoned or tainted node, for the usual pod); one that takes it would
        // count among those found.
        if summary.special > 0 {
            guard summary.special <= Self.mostFiltered else { return nil }
            specials.removeAll(keepingCapacity: true)
            tree.specialPositions(sample.unwrapped.lowerBound, sample.unwrapped.upperBound, into: &specials)
            tree.specialPositions(sample.wrapped.lowerBound, sample.wrapped.upperBound, into: &specials)
            for position in specials where !rejects(cache.order[position]) { return nil }
        }
        let top = summary.best
        guard let owner = SchedulerCache.spreadingOwner(pod) else {
            // PodTopologySpread skips the pod: the resource score alone decides.
            let ties = summary.count(scoring: top)
            let offset = sample.offset(ofTie: ties > 1 ? draw(ties) : 0, scoring: top, tree)
            return Outcome(examined: examined, scored: found, node: cache.order[sample.position(offset)])
        }
        // The spread score (`TopologySpreadScore.Scratch.normalizeByCount`) normalizes each
        // node's raw score, its count of the owner's pods weighted and plus maxSkew − 1, between
        // the smallest and largest in the sample. Where some node in the sample has none of the
        // owner's pods, the smallest is that of count 0: those nodes score 100, and any with
        // pods less (the weight, a logarithm of the sample size plus 2, is above 1, so one pod
        // raises the rounded raw score). No node's resource score passes the sample's best,
        // so the best nodes are those without the owner's pods at the best resource score, if
        // there are any; only the owner's nodes at that score need finding, to be skipped.
        ownerAtTop.removeAll(keepingCapacity: true)
        var withOwner = 0
        for (index, _) in cache.ownerCounts(owner) {
            guard index < positions.count, positions[index] >= 0 else { continue }
            let leaf = tree.leaf(at: positions[index])
            let offset = sample.offset(ofPosition: positions[index])
            guard offset < examined, leaf.fitting == 1 else { continue }
            withOwner += 1
            if leaf.best == top { ownerAtTop.append(offset) }
        }
        // Every node in the sample has some of the owner's pods (a small cluster, or a large
        // ReplicaSet), or all at the best score do: the spread decides among them; walk.
        let plainAtTop = summary.count(scoring: top) - ownerAtTop.count
        guard withOwner < found, plainAtTop > 0 else { return nil }
        let k = plainAtTop > 1 ? draw(plainAtTop) : 0
        // The k-th node at the top score that is not one of the owner's: each of the owner's
        // at or before the target moves it one on.
        ownerAtTop.sort()
        var target = k
        for ownerOffset in ownerAtTop {
            if sample.summary(tree, upTo: ownerOffset).count(scoring: top) <= target { target += 1 } else { break }
        }
        let offset = sample.offset(ofTie: target, scoring: top, tree)
        return Outcome(examined: examined, scored: found, node: cache.order[sample.position(offset)])
    }

    /// The sample: `examined` positions from `start`, around the end to the front; offsets
    /// count from `start`.
    private struct Sample {
        let start: Int, examined: Int, total: Int

        /// The positions it covers: from `start` to the end (or its own end), then any from the
        /// front it wrapped around to.
        var unwrapped: Range<Int> { start..<min(start + examined, total) }
        var wrapped: Range<Int> { 0..<max(0, start + examined - total) }

        func position(_ offset: Int) -> Int { start + offset < total ? start + offset : start + offset - total }
        func offset(ofPosition position: Int) -> Int { position >= start ? position - start : position + total - start }

        /// The summary of the first `length` offsets.
        func summary(_ tree: NodeScoreTree, upTo length: Int) -> NodeScoreTree.Summary {
            let end = start + length
            if end <= total { return tree.summary(start, end) }
            return tree.summary(start, total) + tree.summary(0, end - total)
        }

        /// The offset of the `k`-th (from 0) node scoring `score`, the best in the sample.
        func offset(ofTie k: Int, scoring score: Int32, _ tree: NodeScoreTree) -> Int {
            let inFirst = tree.summary(unwrapped.lowerBound, unwrapped.upperBound).count(scoring: score)
            if k < inFirst { return offset(ofPosition: tree.position(ofTie: k, scoring: score, in: unwrapped.lowerBound, unwrapped.upperBound)) }
            return offset(ofPosition: tree.position(ofTie: k - inFirst, scoring: score, in: wrapped.lowerBound, wrapped.upperBound))
        }
    }

    /// Brings the tree up to date with the cache for `want`; false when it is not kept for it.
    private mutating func bringUpToDate(for want: ResourceScores.Want, _ cache: SchedulerCache) -> Bool {
        if want != treeWant {
            defer { lastWant = want }
            guard want == lastWant else { return false }
            rebuild(for: want, cache)
            return true
        }
        if cache.orderVersion != treeOrderVersion {
            rebuild(for: want, cache)
            return true
        }
        var tree = NodeScoreTree()
        swap(&tree, &self.tree) // updated in place, not copied
        let positions = positions
        let listed = cache.drainChangedFigures { index in
            guard index < positions.count, positions[index] >= 0 else { return }
            tree.update(positions[index], Self.leaf(index, want, cache))
        }
        swap(&tree, &self.tree)
        if !listed { rebuild(for: want, cache) }
        return true
    }

    private mutating func rebuild(for want: ResourceScores.Want, _ cache: SchedulerCache) {
        treeWant = want
        treeOrderVersion = cache.orderVersion
        _ = cache.drainChangedFigures { _ in } // all read below
        let order = cache.order
        positions.removeAll(keepingCapacity: true)
        positions.append(contentsOf: repeatElement(-1, count: cache.nodeIndexLimit))
        tree.reset(count: order.count)
        for (position, index) in order.enumerated() {
            positions[index] = position
            tree.setLeaf(position, Self.leaf(index, want, cache))
        }
        tree.summarize()
    }

    /// A node as the tree keeps it: special when the full filters or the raw spread scores
    /// are needed for it; fitting when only NodeResourcesFit could reject it and does not.
    private static func leaf(_ index: Int, _ want: ResourceScores.Want, _ cache: SchedulerCache) -> NodeScoreTree.Summary {
        let figures = cache.figures[index]
        let special = figures.unschedulable || figures.hasSchedulingTaints || !figures.hasHostname
        let fits = !special && KubeScheduler.shortfall(want.requested, figures) == (false, false, false)
        return NodeScoreTree.leaf(fits: fits, special: special, score: fits ? ResourceScores.compute(want, cache.amounts[index]) : 0)
    }
}
