/// The resource plugins' part of a node's score: NodeResourcesFit's LeastAllocated and
/// NodeResourcesBalancedAllocation, weight 1 each. Each node's last score is kept with the
/// node's stamp, because between two pods of one deployment only the node the first was bound
/// to changes: the next cycle compares two numbers for each of the other few hundred nodes
/// instead of dividing four times. A kept score is used only for the request it was computed
/// for and while the node's stamp (which changes with its amounts) is the same, and the score is
/// a pure function of those, so the choice of node cannot change.
struct ResourceScores {
    /// 16 bytes, four to a cache line: the walk reads one for each of a few hundred nodes.
    private struct Kept {
        var stamp: UInt64 = 0
        /// Two plugins' 0 to 100 each (see `compute`).
        var score: Int32 = 0
        /// The `epoch` it was computed in: 0, never current, until the node is first scored.
        var epoch: UInt32 = 0
    }

    /// By the scheduler cache's node index.
    private var kept: [Kept] = []
    /// A pod's requests as the two plugins read them: LeastAllocated with the 100m / 200Mi
    /// default for a container that requests none (the non-zero requests), BalancedAllocation
    /// as written (`useRequested`).
    struct Want: Equatable {
        var nonZero: ResourceAmounts
        var requested: ResourceAmounts

        /// A pod that requests neither CPU nor memory: BalancedAllocation skips it (PreScore,
        /// since 1.33), so that many such pods do not all go to one balanced node.
        var isBestEffort: Bool { requested.cpuMillis == 0 && requested.memoryBytes == 0 }
    }

    /// The request the kept scores are for, and its number: a new request starts a new epoch.
    private var keptWant: Want?
    private var epoch: UInt32 = 0
    /// The last call's scores, in the order of its `feasible` (the buffer may be longer).
    private(set) var last: [Int] = []

    /// Scores the nodes with indexes `feasible` (below `nodeIndexLimit`) for a pod asking `want`,
    /// into `last`.
    mutating func score(_ want: Want, feasible: [Int], figures: [SchedulerCache.Figures], amounts: [SchedulerCache.Amounts],
                        nodeIndexLimit: Int) {
        if kept.count < nodeIndexLimit { kept.append(contentsOf: repeatElement(Kept(), count: nodeIndexLimit - kept.count)) }
        if last.count < feasible.count { last.append(contentsOf: repeatElement(0, count: feasible.count - last.count)) }
        if want != keptWant {
            keptWant = want
            epoch &+= 1
            if epoch == 0 { // wrapped: forget every score, so none from 2³² requests ago reads as current
                for i in kept.indices { kept[i] = Kept() }
                epoch = 1
            }
        }
        let epoch = epoch
        kept.withUnsafeMutableBufferPointer { kept in
            last.withUnsafeMutableBufferPointer { scores in
                figures.withUnsafeBufferPointer { figures in
                    for (i, index) in feasible.enumerated() {
                        let stamp = figures[index].stamp
                        if kept[index].stamp == stamp && kept[index].epoch == epoch {
                            scores[i] = Int(kept[index].score)
                            continue
                        }
                        let score = Self.compute(want, amounts[index])
                        kept[index] = Kept(stamp: stamp, score: Int32(score), epoch: epoch)
                        scores[i] = score
                    }
                }
            }
        }
    }

    /// LeastAllocated (the mean of free CPU and free memory, in percent, from the non-zero
    /// requests) plus BalancedAllocation (100 less half the gap between the CPU and memory
    /// fractions of the real requests, each at most 1; nothing for a best-effort pod), with the
    /// pod counted in. A resource the node offers none of is left out of both, as upstream skips
    /// it. Between 0 and 200: requests are never negative (quantities are not, and the cache's
    /// sums are exact), and are read as at least zero all the same.
    static func compute(_ want: Want, _ node: SchedulerCache.Amounts) -> Int {
        let allocatable = node.allocatable
        let hasCPU = allocatable.cpuMillis > 0, hasMemory = allocatable.memoryBytes > 0
        func withPod(_ sum: ResourceAmounts, _ pod: ResourceAmounts) -> (cpu: Int64, memory: Int64) {
            let used = sum + pod
            return (max(0, used.cpuMillis), max(0, used.memoryBytes))
        }
        let nonZero = withPod(node.scoringRequested, want.nonZero)
        func free(_ requested: Int64, _ capacity: Int64) -> Int64 { requested > capacity ? 0 : percent(capacity - requested, of: capacity) }
        var leastAllocated: Int64 = 0
        switch (hasCPU, hasMemory) {
        case (true, true): leastAllocated = (free(nonZero.cpu, allocatable.cpuMillis) + free(nonZero.memory, allocatable.memoryBytes)) / 2
        case (true, false): leastAllocated = free(nonZero.cpu, allocatable.cpuMillis)
        case (false, true): leastAllocated = free(nonZero.memory, allocatable.memoryBytes)
        case (false, false): break
        }
        guard !want.isBestEffort else { return Int(leastAllocated) }
        let real = withPod(node.requested, want.requested)
        func fraction(_ requested: Int64, _ capacity: Int64) -> Double { min(1, Double(requested) / Double(capacity)) }
        // With one resource or none the deviation is zero.
        let deviation = hasCPU && hasMemory
            ? abs(fraction(real.cpu, allocatable.cpuMillis) - fraction(real.memory, allocatable.memoryBytes)) / 2 : 0
        return Int(leastAllocated) + Int((1 - deviation) * 100)
    }

    /// part × 100 ÷ whole in integers, as the scoring plugins compute it; for node sizes near
    /// Int64.max (a `sim add-node --memory 8Ei`) the product would overflow, so use doubles there.
    static func percent(_ part: Int64, of whole: Int64) -> Int64 {
        let (product, overflow) = part.multipliedReportingOverflow(by: 100)
        return overflow ? Saturating.int64(Double(part) / Double(whole) * 100) : product / whole
    }
}
