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

    /// Normalized scores (0…100) for `feasible`, in its order; nil when the pod has no default
    /// constraints (no controller that gives a selector), where the plugin skips scoring.
    /// `perNode` is the caller's scratch, all zeros, handed back all zeros: pods per node by
    /// index, which at 5,000 nodes would be 40 KB to allocate and clear for every pod.
    static func scores(for pod: Pod, feasible: [SchedulerCache.NodeState], cache: SchedulerCache, perNode: inout [Int]) -> [Int64]? {
        guard let owner = SchedulerCache.spreadingOwner(pod) else { return nil }
        let counts = cache.ownerCounts(owner)
        // System defaults do not require every topology label: a node without a zone label
        // still spreads by hostname; it falls in the "" zone and gets no zone score. Without
        // any zone label, pods per zone are not counted at all.
        let anyZone = feasible.contains { $0.zoneLabel != nil }
        // Zones by the cache's numbers: which ones the feasible nodes are in, and how many.
        var isFeasibleZone = [Bool](repeating: false, count: cache.zoneCount)
        var zoneValueCount = 1 // just "", when no node has a zone
        if anyZone {
            zoneValueCount = 0
            for node in feasible where !isFeasibleZone[node.zoneIndex] {
                isFeasibleZone[node.zoneIndex] = true
                zoneValueCount += 1
            }
        }
        let hostnameWeight = log(Double(feasible.count + 2))
        let zoneWeight = log(Double(zoneValueCount + 2))
        // Pods per zone, over every node the pod's nodeSelector admits (NodeAffinityPolicy Honor).
        var perZone = [Int](repeating: 0, count: cache.zoneCount)
        if anyZone {
            for (index, count) in counts {
                guard let node = cache.node(index: index), isFeasibleZone[node.zoneIndex] else { continue }
                if !pod.spec.nodeSelector.isEmpty {
                    let labels = node.box.object.metadata.labels
                    guard pod.spec.nodeSelector.allSatisfy({ labels[$0.key] == $0.value }) else { continue }
                }
                perZone[node.zoneIndex] += count
            }
        }
        // Pods per node by index: the loop below reads one for every feasible node, and an
        // array read is far cheaper than a dictionary lookup at a thousand nodes per pod.
        if perNode.count < cache.nodeIndexLimit { perNode += Array(repeating: 0, count: cache.nodeIndexLimit - perNode.count) }
        for (index, count) in counts { perNode[index] = count }
        defer { for (index, _) in counts { perNode[index] = 0 } }
        let hostname = defaultConstraints[0], zone = defaultConstraints[1]
        let raw: [Int64] = feasible.map { node in
            var score = 0.0
            if node.hostnameLabel != nil {
                score += Double(perNode[node.index]) * hostnameWeight + Double(hostname.maxSkew - 1)
            }
            if node.zoneLabel != nil {
                score += Double(perZone[node.zoneIndex]) * zoneWeight + Double(zone.maxSkew - 1)
            }
            return Int64(score.rounded())
        }
        return normalize(raw)
    }

    /// NormalizeScore: fewer matching pods score higher; all nodes score 100 when none has any.
    static func normalize(_ raw: [Int64]) -> [Int64] {
        guard let minScore = raw.min(), let maxScore = raw.max() else { return raw }
        if maxScore == 0 { return raw.map { _ in 100 } }
        return raw.map { 100 * (maxScore + minScore - $0) / maxScore }
    }
}
