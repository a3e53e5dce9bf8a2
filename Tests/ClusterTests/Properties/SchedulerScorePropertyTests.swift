import PropertyBased
import Testing
@testable import Cluster

/// The scheduler's shortcuts in scoring must give the numbers the plain formulas give, or a
/// pod could land on another node than kube-scheduler's rules pick.
@Suite struct SchedulerScorePropertyTests {
    /// Figures from a few values each, so consecutive calls for one node often agree in all but
    /// one input: the case a kept score must not be mistaken for.
    static let call = zip(Gen.int(in: 0...3), Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.int(in: 0...3))
        .map { node, usedChoice, allocatableChoice, wantChoice, field -> (Int, SchedulerCache.Figures, ResourceAmounts) in
            var figures = SchedulerCache.Figures()
            let used: [Int64] = [0, 1_500, 3_000]
            let allocatable: [Int64] = [4_000, 8_000, Int64.max]
            let want: [Int64] = [100, 250, 1 << 40]
            // One field varied from a common base, in turn.
            figures.scoringRequested = ResourceAmounts(cpuMillis: field == 0 ? used[usedChoice] : 1_500,
                                                       memoryBytes: (field == 1 ? used[usedChoice] : 1_500) << 20, pods: 3)
            figures.allocatable = ResourceAmounts(cpuMillis: field == 2 ? allocatable[allocatableChoice] : 8_000,
                                                  memoryBytes: 16 << 30, pods: 110)
            let request = ResourceAmounts(cpuMillis: field == 3 ? want[wantChoice] : 100, memoryBytes: want[wantChoice] << 10, pods: 1)
            return (node, figures, request)
        }

    @Test func keptResourceScoresAreTheFormulasScores() async {
        await propertyCheck(count: 300, input: Self.call.array(of: 1...40)) { calls in
            // One call a pod: the nodes it finds feasible (each once) with their figures then.
            var scores = ResourceScores()
            var figures = Array(repeating: SchedulerCache.Figures(), count: 4)
            for (index, nodeFigures, want) in calls {
                figures[index] = nodeFigures
                let feasible = [index] + (0..<4).filter { $0 != index && ($0 + index) % 2 == 0 }
                scores.score(want, feasible: feasible, figures: figures, nodeIndexLimit: 4)
                #expect(Array(scores.last.prefix(feasible.count)) == feasible.map { ResourceScores.compute(want, figures[$0]) })
            }
        }
    }

    @Test func aNodeNotScoredYetIsScoredWhateverItsFigures() {
        // All zeros: what an empty kept entry holds, so a first score must not be read from it.
        var scores = ResourceScores()
        let empty = SchedulerCache.Figures()
        scores.score(ResourceAmounts(), feasible: [0], figures: [empty], nodeIndexLimit: 1)
        #expect(scores.last[0] == ResourceScores.compute(ResourceAmounts(), empty))
        #expect(scores.last[0] != 0)
    }

    @Test func roundingWithoutTheLibraryIsRounding() async {
        // Whole numbers, exact halves and the doubles either side of them, and arbitrary values.
        let nearHalf = zip(Gen.int(in: 0...1_000_000), Gen.int(in: 0...4)).map { whole, shape -> Double in
            let half = Double(whole) + 0.5
            return [Double(whole), half, half.nextDown, half.nextUp, Double(whole).nextDown.magnitude][shape]
        }
        await propertyCheck(count: 1000, input: nearHalf, Gen.int64(in: 0...(1 << 53))) { x, bits in
            #expect(TopologySpreadScore.roundedHalfAway(x) == Int64(x.rounded()))
            let scaled = Double(bits) / 4_096
            #expect(TopologySpreadScore.roundedHalfAway(scaled) == Int64(scaled.rounded()))
        }
        #expect(TopologySpreadScore.roundedHalfAway(0.49999999999999994) == 0)
        #expect(TopologySpreadScore.roundedHalfAway(2.5) == 3)
        #expect(TopologySpreadScore.roundedHalfAway(-2.5) == -3)
        #expect(TopologySpreadScore.roundedHalfAway(.infinity) == .max)
    }

    @Test func normalizedSpreadScoresAreTheFormulasScores() async {
        // Narrow spans (each distinct score divided once) and wide ones (divided per node).
        await propertyCheck(count: 500, input: Gen.int64(in: 0...60).array(of: 1...50), Gen.int64(in: 0...2)) { raw, scale in
            var scratch = TopologySpreadScore.Scratch()
            scratch.raw = raw.map { $0 * [1, 7, 1_000][Int(scale)] }
            scratch.normalize()
            let low = scratch.raw.min()!, high = scratch.raw.max()!
            let expected = scratch.raw.map { high == 0 ? 100 : 100 * (high + low - $0) / high }
            #expect(scratch.normalized == expected)
        }
    }
}
