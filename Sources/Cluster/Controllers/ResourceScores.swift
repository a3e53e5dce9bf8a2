/// The resource plugins' part of a node's score: NodeResourcesFit's LeastAllocated and
/// NodeResourcesBalancedAllocation, weight 1 each. Each node's last score is kept with the
/// figures it came from, because between two pods of one deployment only the node the first was
/// bound to changes: the next cycle compares a few numbers for each of the other few hundred
/// nodes instead of dividing four times. A kept score is used only when its inputs are equal,
/// and the score is a pure function of them, so the choice of node cannot change.
struct ResourceScores {
    private struct Kept {
        let used: ResourceAmounts
        let allocatable: ResourceAmounts
        let want: ResourceAmounts
        let score: Int
    }

    /// By the scheduler cache's node index; nil until the node is first scored.
    private var kept: [Kept?] = []
    /// The last call's scores, in the order of its `feasible` (the buffer may be longer).
    private(set) var last: [Int] = []

    /// Scores the nodes with indexes `feasible` (below `nodeIndexLimit`) for a pod asking `want`
    /// for scoring (non-zero requests), into `last`.
    mutating func score(_ want: ResourceAmounts, feasible: [Int], figures: [SchedulerCache.Figures], nodeIndexLimit: Int) {
        if kept.count < nodeIndexLimit { kept.append(contentsOf: repeatElement(nil, count: nodeIndexLimit - kept.count)) }
        if last.count < feasible.count { last.append(contentsOf: repeatElement(0, count: feasible.count - last.count)) }
        kept.withUnsafeMutableBufferPointer { kept in
            last.withUnsafeMutableBufferPointer { scores in
                figures.withUnsafeBufferPointer { figures in
                    for (i, index) in feasible.enumerated() {
                        let used = figures[index].scoringRequested, allocatable = figures[index].allocatable
                        if let k = kept[index], k.used == used, k.allocatable == allocatable, k.want == want {
                            scores[i] = k.score
                            continue
                        }
                        let score = Self.compute(want, figures[index])
                        kept[index] = Kept(used: used, allocatable: allocatable, want: want, score: score)
                        scores[i] = score
                    }
                }
            }
        }
    }

    /// LeastAllocated (the mean of free CPU and free memory, in percent) plus BalancedAllocation
    /// (100 less half the gap between the CPU and memory fractions), with the pod counted in.
    static func compute(_ want: ResourceAmounts, _ node: SchedulerCache.Figures) -> Int {
        let used = node.scoringRequested + want
        let allocatable = node.allocatable
        let cpuCap = max(allocatable.cpuMillis, 1), memCap = max(allocatable.memoryBytes, 1)
        let cpuFree = percent(max(0, cpuCap - used.cpuMillis), of: cpuCap)
        let memFree = percent(max(0, memCap - used.memoryBytes), of: memCap)
        let leastAllocated = Int((cpuFree + memFree) / 2)
        let cpuFraction = Double(used.cpuMillis) / Double(cpuCap), memFraction = Double(used.memoryBytes) / Double(memCap)
        let balanced = Saturating.int((1 - abs(cpuFraction - memFraction) / 2) * 100)
        return leastAllocated + balanced
    }

    /// part × 100 ÷ whole in integers, as the scoring plugins compute it; for node sizes near
    /// Int64.max (a `sim add-node --memory 8Ei`) the product would overflow, so use doubles there.
    static func percent(_ part: Int64, of whole: Int64) -> Int64 {
        let (product, overflow) = part.multipliedReportingOverflow(by: 100)
        return overflow ? Saturating.int64(Double(part) / Double(whole) * 100) : product / whole
    }
}
