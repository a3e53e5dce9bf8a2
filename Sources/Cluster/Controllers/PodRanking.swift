import Foundation

/// The order in which a ReplicaSet picks pods to delete when scaling down
/// (controller_utils.go ActivePodsWithRanks, with LogarithmicScaleDown, on since 1.31):
/// the first pod in the order goes first.
public enum PodRanking {
    /// The pods a ReplicaSet's victims are ranked against for crowding (getIndirectlyRelatedPods):
    /// those of every ReplicaSet with the same controller, so that during a rollout old and new
    /// pods on one node count together. A ReplicaSet without a controller has none.
    public static func relatedPods(of rs: ReplicaSet, in store: Store) -> [Pod] {
        guard let owner = rs.metadata.controllerRef else { return [] }
        var seen = Set<String>()
        var related: [Pod] = []
        for sibling in store.replicaSets(ownedBy: owner.uid) {
            for pod in store.pods(ownedBy: sibling.metadata.uid) where seen.insert(pod.metadata.uid).inserted {
                related.append(pod)
            }
        }
        return related
    }

    /// Returns `pods` sorted so that the best deletion candidates come first.
    /// `related` are the pods used to count how crowded each node is (active related pods per node).
    static func deletionOrder(_ pods: [Pod], related: [Pod], now: SimTime) -> [Pod] {
        var perNode: [String: Int] = [:]
        for p in related where p.isScheduled && p.isActive { perNode[p.spec.nodeName, default: 0] += 1 }
        // Each pod's facts are worked out once, not in every comparison: a scale-down from
        // 100,000 sorts tens of thousands of pods in one sync. Same comparisons, same order.
        let ranked = pods.indices.map { Rank(pods[$0], index: $0, perNode: perNode, now: now) }
        return ranked.sorted(by: Rank.deleteFirst).map { pods[$0.index] }
    }

    /// What `deleteFirst` compares, read from a pod once.
    struct Rank {
        let index: Int
        let isScheduled: Bool
        let phaseRank: Int
        let isReady: Bool
        let deletionCost: Int
        let podsOnNode: Int
        let readySince: SimTime?
        let readyBucket: Int64
        let maxRestarts: Int
        let creationTimestamp: SimTime
        let creationBucket: Int64
        let uid: String
        let name: String

        init(_ p: Pod, index: Int, perNode: [String: Int], now: SimTime) {
            self.index = index
            isScheduled = p.isScheduled
            phaseRank = PodRanking.phaseRank(p)
            isReady = p.isReady
            deletionCost = PodRanking.deletionCost(p)
            podsOnNode = perNode[p.spec.nodeName] ?? 0
            readySince = PodRanking.readySince(p)
            readyBucket = readySince.map { PodRanking.logBucket($0, now: now) } ?? -1
            maxRestarts = PodRanking.maxRestarts(p)
            creationTimestamp = p.metadata.creationTimestamp
            creationBucket = PodRanking.logBucket(creationTimestamp, now: now)
            uid = p.metadata.uid
            name = p.name
        }

        /// Upstream stops at equal UIDs (sort order then depends on the input); the name keeps
        /// the sim's order reproducible.
        static func lowerUID(_ a: Rank, _ b: Rank) -> Bool { a.uid != b.uid ? a.uid < b.uid : a.name < b.name }

        /// True when `a` should be deleted before `b`.
        static func deleteFirst(_ a: Rank, _ b: Rank) -> Bool {
            // 1. Unassigned < assigned.
            if a.isScheduled != b.isScheduled { return !a.isScheduled }
            // 2. PodPending < PodUnknown < PodRunning.
            if a.phaseRank != b.phaseRank { return a.phaseRank < b.phaseRank }
            // 3. Not ready < ready.
            if a.isReady != b.isReady { return !a.isReady }
            // 4. Lower pod-deletion-cost < higher.
            if a.deletionCost != b.deletionCost { return a.deletionCost < b.deletionCost }
            // 5. Doubled up (more pods of the same owner on the node) < not doubled up.
            if a.podsOnNode != b.podsOnNode { return a.podsOnNode > b.podsOnNode }
            // 6. Ready for less time first, in log2 buckets; a shared bucket is settled by UID.
            if let ra = a.readySince, let rb = b.readySince, ra != rb {
                return a.readyBucket != b.readyBucket ? a.readyBucket < b.readyBucket : lowerUID(a, b)
            }
            // 7. More restarts (of the container that restarted most) first.
            if a.maxRestarts != b.maxRestarts { return a.maxRestarts > b.maxRestarts }
            // 8. Newer first, in log2 buckets; a shared bucket is settled by UID.
            if a.creationTimestamp != b.creationTimestamp {
                return a.creationBucket != b.creationBucket ? a.creationBucket < b.creationBucket : lowerUID(a, b)
            }
            return lowerUID(a, b)
        }
    }

    private static func phaseRank(_ p: Pod) -> Int {
        switch p.status.phase {
        case "Pending": 0
        case "Unknown": 1
        case "Running": 2
        default: 3
        }
    }

    private static func deletionCost(_ p: Pod) -> Int {
        Int(p.metadata.annotations["controller.kubernetes.io/pod-deletion-cost"] ?? "") ?? 0
    }

    private static func readySince(_ p: Pod) -> SimTime? {
        p.isReady ? p.status.condition("Ready")?.lastTransitionTime : nil
    }

    /// The most restarts of any one container (maxContainerRestarts), not their sum.
    private static func maxRestarts(_ p: Pod) -> Int {
        p.status.containerStatuses.map(\.restartCount).max() ?? 0
    }

    /// ⌊log2(nanoseconds from `t` to `now`)⌋, or −1 when `t` is not before `now`
    /// (logarithmicRankDiff: Go's time.Duration counts nanoseconds).
    static func logBucket(_ t: SimTime, now: SimTime) -> Int64 {
        let elapsed = (now - t).milliseconds
        guard elapsed > 0 else { return -1 }
        return Int64(log2(Double(elapsed) * 1_000_000))
    }

    /// How two pods compare on one of the time rules: the shorter-lived goes first unless both
    /// fall in the same log2 bucket, where the lower UID goes first and the comparison ends.
    private enum TimeOrder {
        case differentBucket(aFirst: Bool)
        case sameBucket(aFirst: Bool)
    }

    private static func compareTimes(_ ta: SimTime, _ tb: SimTime, _ a: Pod, _ b: Pod, now: SimTime) -> TimeOrder {
        let ra = logBucket(ta, now: now), rb = logBucket(tb, now: now)
        let aLowerUID = a.metadata.uid != b.metadata.uid ? a.metadata.uid < b.metadata.uid : a.name < b.name
        return ra != rb ? .differentBucket(aFirst: ra < rb) : .sameBucket(aFirst: aLowerUID)
    }

    /// True when `a` should be deleted before `b` (for explaining a choice; sorting uses `Rank`).
    static func deleteFirst(_ a: Pod, _ b: Pod, perNode: [String: Int], now: SimTime) -> Bool {
        Rank.deleteFirst(Rank(a, index: 0, perNode: perNode, now: now), Rank(b, index: 0, perNode: perNode, now: now))
    }

    /// In a few words, why `victim` ranks for deletion before the other pods in `pods` (the
    /// ReplicaSet's active pods, victim included), for telling an audience why the controller
    /// chose it: the most important rule that sets it apart from any of them, and, when that
    /// rule does not separate it from the pod that would go next, the rule that does
    /// (`2 pods on node-1; ready for the shortest time`). `related` counts the pods per node as
    /// the controller does (see `relatedPods`); by default, `pods` themselves.
    public static func whyFirst(_ victim: Pod, among pods: [Pod], related: [Pod]? = nil, now: SimTime) -> String {
        // As the controller counted when it chose: active pods, the victim (deleted since) included.
        var perNode: [String: Int] = [:]
        var counted = Set<String>()
        for p in (related ?? pods) + [victim] where p.isScheduled && (p.isActive || p.metadata.uid == victim.metadata.uid)
            && counted.insert(p.metadata.uid).inserted {
            perNode[p.spec.nodeName, default: 0] += 1
        }
        let others = pods.filter { $0.metadata.uid != victim.metadata.uid || $0.name != victim.name }
        guard let next = others.min(by: { deleteFirst($0, $1, perNode: perNode, now: now) }) else { return "the only pod" }
        let main = others.map { decidingRule(victim, $0, perNode: perNode, now: now) }.min { $0.rank < $1.rank }!
        let tiebreak = decidingRule(victim, next, perNode: perNode, now: now)
        return main.rank == tiebreak.rank ? main.text : "\(main.text); \(tiebreak.text)"
    }

    /// The first rule of `deleteFirst` that decides between `a` and `b`, with its rank and words.
    private static func decidingRule(_ a: Pod, _ b: Pod, perNode: [String: Int], now: SimTime) -> (rank: Int, text: String) {
        if a.isScheduled != b.isScheduled { return (1, "not scheduled") }
        if phaseRank(a) != phaseRank(b) { return (2, a.status.phase.isEmpty ? "Pending" : a.status.phase) }
        if a.isReady != b.isReady { return (3, "not ready") }
        if deletionCost(a) != deletionCost(b) { return (4, "lower pod-deletion-cost") }
        let ca = perNode[a.spec.nodeName] ?? 0, cb = perNode[b.spec.nodeName] ?? 0
        if ca != cb { return (5, "\(ca) pods on \(a.spec.nodeName)") }
        if let ra = readySince(a), let rb = readySince(b), ra != rb {
            switch compareTimes(ra, rb, a, b, now: now) {
            case .differentBucket: return (6, "ready for the shortest time")
            case .sameBucket: return (6, "ready as long (same log2 bucket), lower UID")
            }
        }
        if maxRestarts(a) != maxRestarts(b) { return (7, "most restarts") }
        if a.metadata.creationTimestamp != b.metadata.creationTimestamp {
            switch compareTimes(a.metadata.creationTimestamp, b.metadata.creationTimestamp, a, b, now: now) {
            case .differentBucket: return (8, "newest")
            case .sameBucket: return (8, "as old (same log2 bucket), lower UID")
            }
        }
        return (9, "a tie, broken by UID")
    }
}
