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
        fileprivate var perNode: [Int] = []
        fileprivate var perZone: [Int] = []
        fileprivate var isFeasibleZone: [Bool] = []
        fileprivate var raw: [Int64] = []
        /// The last call's normalized scores, in the order of its `feasible`.
        private(set) var normalized: [Int64] = []

        /// NormalizeScore: fewer matching pods score higher; all nodes score 100 when none has any.
        fileprivate mutating func normalize() {
            normalized.removeAll(keepingCapacity: true)
            guard let minScore = raw.min(), let maxScore = raw.max() else { return }
            if maxScore == 0 { return normalized.append(contentsOf: repeatElement(100, count: raw.count)) }
            for score in raw { normalized.append(100 * (maxScore + minScore - score) / maxScore) }
        }
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
        let anyZone = feasible.contains { figures[$0].hasZone }
        // Zones by the cache's numbers: which ones the feasible nodes are in, and how many.
        scratch.isFeasibleZone.removeAll(keepingCapacity: true)
        scratch.isFeasibleZone.append(contentsOf: repeatElement(false, count: cache.zoneCount))
        var zoneValueCount = 1 // just "", when no node has a zone
        if anyZone {
            zoneValueCount = 0
            for index in feasible where !scratch.isFeasibleZone[figures[index].zoneIndex] {
                scratch.isFeasibleZone[figures[index].zoneIndex] = true
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
                guard let node = cache.node(index: index), scratch.isFeasibleZone[figures[index].zoneIndex] else { continue }
                if !pod.spec.nodeSelector.isEmpty {
                    let labels = node.box.object.metadata.labels
                    guard pod.spec.nodeSelector.allSatisfy({ labels[$0.key] == $0.value }) else { continue }
                }
                scratch.perZone[figures[index].zoneIndex] += count
            }
        }
        // Pods per node by index: the loop below reads one for every feasible node, and an
        // array read is far cheaper than a dictionary lookup at a thousand nodes per pod.
        if scratch.perNode.count < cache.nodeIndexLimit {
            scratch.perNode.append(contentsOf: repeatElement(0, count: cache.nodeIndexLimit - scratch.perNode.count))
        }
        for (index, count) in counts { scratch.perNode[index] = count }
        let hostname = defaultConstraints[0], zone = defaultConstraints[1]
        scratch.raw.removeAll(keepingCapacity: true)
        for index in feasible {
            let node = figures[index]
            var score = 0.0
            if node.hasHostname {
                score += Double(scratch.perNode[index]) * hostnameWeight + Double(hostname.maxSkew - 1)
            }
            if node.hasZone {
                score += Double(scratch.perZone[node.zoneIndex]) * zoneWeight + Double(zone.maxSkew - 1)
            }
            scratch.raw.append(Int64(score.rounded()))
        }
        for (index, _) in counts { scratch.perNode[index] = 0 }
        scratch.normalize()
        return true
    }
}
