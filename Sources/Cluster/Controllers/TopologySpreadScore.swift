import Foundation

/// The PodTopologySpread score with the scheduler's default constraints (plugins/podtopologyspread
/// scoring.go): spread a controller's pods over hostnames (maxSkew 3) and zones (maxSkew 5),
/// ScheduleAnyway. Only pods that are not terminating count, so a killed pod's node scores best.
enum TopologySpreadScore {
    struct Constraint {
        let topologyKey: String
        let maxSkew: Int
    }

    static let hostnameKey = "kubernetes.io/hostname"
    static let zoneKey = "topology.kubernetes.io/zone"
    /// The system default constraints (DefaultConstraints in the plugin's args).
    static let defaultConstraints = [Constraint(topologyKey: hostnameKey, maxSkew: 3), Constraint(topologyKey: zoneKey, maxSkew: 5)]

    /// Buffers kept between pods: at 5,000 nodes, arrays by node would be 40 KB to allocate
    /// and clear for every pod.
    struct Scratch {
        /// Pods per node by index, all zeros between calls.
        var perNode: [Int] = []
        fileprivate var perZone: [Int] = []
        fileprivate var isFeasibleZone: [Bool] = []
        /// Raw scores of the call in progress, in the order of its `feasible`.
        var raw: [Int64] = []
        /// The last call's normalized scores, in the order of its `feasible`.
        private(set) var normalized: [Int64] = []

        /// Normalized scores by raw score less the smallest, -1 until first computed (`normalize`);
        /// or by pods-per-node count less the smallest (`normalizeByCount`).
        private var byOffset: [Int64] = []

        /// NormalizeScore: fewer matching pods score higher; all nodes score 100 when none has any.
        /// Raw scores repeat (pods per node are small numbers), so each distinct one is divided
        /// once a cycle, not once a node.
        mutating func normalize() {
            guard var minScore = raw.first else { return normalized.removeAll(keepingCapacity: true) }
            var maxScore = minScore
            for score in raw {
                minScore = min(minScore, score)
                maxScore = max(maxScore, score)
            }
            func normalizedScore(_ score: Int64) -> Int64 { TopologySpreadScore.normalized(score, min: minScore, max: maxScore) }
            let span = maxScore - minScore
            // Each distinct raw score divided once, when there are fewer distinct ones than nodes.
            let divideEach = maxScore != 0 && span >= Int64(raw.count)
            if !divideEach && maxScore != 0 {
                byOffset.removeAll(keepingCapacity: true)
                byOffset.append(contentsOf: repeatElement(-1, count: Int(span) + 1))
            }
            normalized.overwrite(count: raw.count, filler: 0) { normalized in
                raw.withUnsafeBufferPointer { raw in
                    if maxScore == 0 {
                        normalized.update(repeating: 100)
                    } else if divideEach {
                        for (i, score) in raw.enumerated() { normalized[i] = normalizedScore(score) }
                    } else {
                        byOffset.withUnsafeMutableBufferPointer { byOffset in
                            for (i, score) in raw.enumerated() {
                                let offset = Int(score - minScore)
                                if byOffset[offset] < 0 { byOffset[offset] = normalizedScore(score) }
                                normalized[i] = byOffset[offset]
                            }
                        }
                    }
                }
            }
        }
    }

    /// One constraint's part of a node's raw score: the matching pods in its topology domain,
    /// weighted, plus maxSkew − 1.
    @inline(__always)
    static func term(_ count: Int, weight: Double, base: Double) -> Double { Double(count) * weight + base }

    /// NormalizeScore for one node: fewer matching pods score higher, between the cycle's
    /// smallest and largest raw scores; 100 when the largest is 0.
    @inline(__always)
    static func normalized(_ score: Int64, min minScore: Int64, max maxScore: Int64) -> Int64 {
        maxScore == 0 ? 100 : 100 * (maxScore + minScore - score) / maxScore
    }

    /// `x.rounded()` (half away from zero) for the non-negative raw scores, without the library
    /// call: truncate, then add one when the fraction left is a half or more. `x - trunc(x)` is
    /// exact in floating point, so this is the same number.
    @inline(__always)
    static func roundedHalfAway(_ x: Double) -> Int64 {
        guard x >= 0 && x < 0x1p62 else { return Saturating.int64(x.rounded()) }
        let whole = Int64(x)
        return x - Double(whole) >= 0.5 ? whole + 1 : whole
    }

    /// Normalized scores (0…100) for the nodes with indexes `feasible`, in its order, left in
    /// `scratch.normalized`; false when the pod has no default constraints (no controller that
    /// gives a selector), where the plugin skips scoring.
    static func scores(for pod: Pod, feasible: [Int], figures: [SchedulerCache.Figures], cache: SchedulerCache,
                       scratch: inout Scratch) -> Bool {
        guard let owner = SchedulerCache.spreadingOwner(pod) else { return false }
        let counts = cache.ownerCounts(owner)
        // System defaults do not require every topology label: a node without a zone label
        // still spreads by hostname; it falls in the "" zone and gets no zone score. Without
        // any zone label, pods per zone are not counted at all.
        let anyZone = cache.someNodeHasHadZone && feasible.contains { figures[$0].hasZone }
        // Zones by the cache's numbers: which ones the feasible nodes are in, and how many.
        scratch.isFeasibleZone.removeAll(keepingCapacity: true)
        scratch.isFeasibleZone.append(contentsOf: repeatElement(false, count: cache.zoneCount))
        var zoneValueCount = 1 // just "", when no node has a zone
        if anyZone {
            zoneValueCount = 0
            for index in feasible where !scratch.isFeasibleZone[Int(figures[index].zoneIndex)] {
                scratch.isFeasibleZone[Int(figures[index].zoneIndex)] = true
                zoneValueCount += 1
            }
        }
        let hostnameWeight = log(Double(feasible.count + 2))
        let zoneWeight = log(Double(zoneValueCount + 2))
        // Pods per zone, over every node the pod's nodeSelector admits (NodeAffinityPolicy Honor).
        scratch.perZone.removeAll(keepingCapacity: true)
        scratch.perZone.append(contentsOf: repeatElement(0, count: cache.zoneCount))
        if anyZone {
            for (index, count) in counts {
                guard let node = cache.node(index: index), scratch.isFeasibleZone[Int(figures[index].zoneIndex)] else { continue }
                if !pod.spec.nodeSelector.isEmpty {
                    let labels = node.box.object.metadata.labels
                    guard pod.spec.nodeSelector.allSatisfy({ labels[$0.key] == $0.value }) else { continue }
                }
                scratch.perZone[Int(figures[index].zoneIndex)] += count
            }
        }
        // Pods per node by index: the loop below reads one for every feasible node, and an
        // array read is far cheaper than a dictionary lookup at a thousand nodes per pod.
        if scratch.perNode.count < cache.nodeIndexLimit {
            scratch.perNode.append(contentsOf: repeatElement(0, count: cache.nodeIndexLimit - scratch.perNode.count))
        }
        for (index, count) in counts { scratch.perNode[index] = count }
        defer { for (index, _) in counts { scratch.perNode[index] = 0 } }
        let hostname = defaultConstraints[0], zone = defaultConstraints[1]
        let hostnameBase = Double(hostname.maxSkew - 1), zoneBase = Double(zone.maxSkew - 1)
        if !anyZone && scratch.normalizeByCount(feasible: feasible, figures: figures, weight: hostnameWeight, base: hostnameBase) {
            return true
        }
        // Read through buffers: a few hundred nodes a pod, each a handful of loads.
        scratch.raw.overwrite(count: feasible.count, filler: 0) { raw in
            figures.withUnsafeBufferPointer { figures in
                scratch.perNode.withUnsafeBufferPointer { perNode in
                    scratch.perZone.withUnsafeBufferPointer { perZone in
                        for (i, index) in feasible.enumerated() {
                            var score = 0.0
                            if figures[index].hasHostname { score += term(perNode[index], weight: hostnameWeight, base: hostnameBase) }
                            if figures[index].hasZone { score += term(perZone[Int(figures[index].zoneIndex)], weight: zoneWeight, base: zoneBase) }
                            raw[i] = roundedHalfAway(score)
                        }
                    }
                }
            }
        }
        scratch.normalize()
        return true
    }
}

/// Without zones a node's raw score is a function of its count alone and rises with it
/// (the weight is a logarithm above 1), so the smallest and largest raw scores are those of
/// the smallest and largest counts: the scores are normalized straight from the counts, each
/// distinct count scored once, as `normalize` would score the raw scores. False, with
/// nothing written, when a feasible node lacks the hostname label (it scores 0 whatever its
/// count); the raw scores are then needed.
extension TopologySpreadScore.Scratch {
    mutating func normalizeByCount(feasible: [Int], figures: [SchedulerCache.Figures], weight: Double, base: Double) -> Bool {
        var low = Int.max, high = Int.min
        let allHaveHostnames = figures.withUnsafeBufferPointer { figures in
            perNode.withUnsafeBufferPointer { perNode in
                for index in feasible {
                    guard figures[index].hasHostname else { return false }
                    low = min(low, perNode[index])
                    high = max(high, perNode[index])
                }
                return true
            }
        }
        guard allHaveHostnames else { return false }
        guard !feasible.isEmpty else {
            normalized.removeAll(keepingCapacity: true)
            return true
        }
        // As the raw scores' loop adds it up (0 plus the one term), so the same doubles.
        func raw(_ count: Int) -> Int64 {
            var score = 0.0
            score += TopologySpreadScore.term(count, weight: weight, base: base)
            return TopologySpreadScore.roundedHalfAway(score)
        }
        let minScore = raw(low), maxScore = raw(high)
        func normalizedScore(_ count: Int) -> Int64 { TopologySpreadScore.normalized(raw(count), min: minScore, max: maxScore) }
        let byTable = high - low < feasible.count
        if byTable {
            byOffset.removeAll(keepingCapacity: true)
            for count in low...high { byOffset.append(normalizedScore(count)) }
        }
        normalized.overwrite(count: feasible.count, filler: 0) { normalized in
            perNode.withUnsafeBufferPointer { perNode in
                if byTable {
                    byOffset.withUnsafeBufferPointer { byOffset in
                        for (i, index) in feasible.enumerated() { normalized[i] = byOffset[perNode[index] - low] }
                    }
                } else {
                    for (i, index) in feasible.enumerated() { normalized[i] = normalizedScore(perNode[index]) }
                }
            }
        }
        return true
    }
}
