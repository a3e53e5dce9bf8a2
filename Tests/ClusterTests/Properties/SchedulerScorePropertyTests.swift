import Foundation
import PropertyBased
import Testing
@testable import Cluster

/// The scheduler's shortcuts in scoring must give the numbers the plain formulas give, or a
/// pod could land on another node than kube-scheduler's rules pick.
@Suite struct SchedulerScorePropertyTests {
    /// Amounts from a few values each, so consecutive calls for one node often agree in all but
    /// one input: the case a kept score must not be mistaken for.
    static let call = zip(Gen.int(in: 0...3), Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.int(in: 0...3))
        .map { node, usedChoice, allocatableChoice, wantChoice, field -> (Int, SchedulerCache.Amounts, ResourceScores.Want) in
            var amounts = SchedulerCache.Amounts()
            let used: [Int64] = [0, 1_500, 3_000]
            let allocatable: [Int64] = [4_000, 8_000, Int64.max]
            let want: [Int64] = [100, 250, 1 << 40]
            // One field varied from a common base, in turn; the real requests are the non-zero
            // ones less the defaults of a few containers that ask for nothing.
            let cpu = field == 0 ? used[usedChoice] : 1_500, memory = (field == 1 ? used[usedChoice] : 1_500) << 20
            amounts.add(ResourceAmounts(cpuMillis: max(0, cpu - 300), memoryBytes: max(0, memory - (600 << 20)), pods: 3),
                        scoring: ResourceAmounts(cpuMillis: cpu, memoryBytes: memory, pods: 3))
            amounts.allocatable = ResourceAmounts(cpuMillis: field == 2 ? allocatable[allocatableChoice] : 8_000,
                                                  memoryBytes: 16 << 30, pods: 110)
            let request = ResourceAmounts(cpuMillis: field == 3 ? want[wantChoice] : 100, memoryBytes: want[wantChoice] << 10, pods: 1)
            // The first choice is a pod that asks for nothing (its non-zero requests the defaults).
            let requested = wantChoice == 0 ? ResourceAmounts(pods: 1) : request
            return (node, amounts, ResourceScores.Want(nonZero: request, requested: requested))
        }

    @Test func keptResourceScoresAreTheFormulasScores() async {
        await propertyCheck(count: 300, input: Self.call.array(of: 1...40)) { calls in
            // One call a pod: the nodes it finds feasible (each once) with their amounts then.
            // A node keeps its stamp while its amounts stay the same and gets a new one when
            // they change, as the scheduler's cache gives them; so a node scored again with the
            // same stamp and the same request reads its kept score.
            var scores = ResourceScores()
            var amounts = Array(repeating: SchedulerCache.Amounts(), count: 4)
            var figures = Array(repeating: SchedulerCache.Figures(), count: 4)
            for i in figures.indices { figures[i].stamp = UInt64(i + 1) }
            var nextStamp: UInt64 = 5
            for (index, nodeAmounts, want) in calls {
                let old = amounts[index]
                if old.requested != nodeAmounts.requested || old.scoringRequested != nodeAmounts.scoringRequested
                    || old.allocatable != nodeAmounts.allocatable {
                    amounts[index] = nodeAmounts
                    figures[index].stamp = nextStamp
                    nextStamp += 1
                }
                let feasible = [index] + (0..<4).filter { $0 != index && ($0 + index) % 2 == 0 }
                scores.score(want, feasible: feasible, figures: figures, amounts: amounts, nodeIndexLimit: 4)
                #expect(Array(scores.last.prefix(feasible.count)) == feasible.map { ResourceScores.compute(want, amounts[$0]) })
            }
        }
    }

    @Test func aNodeNotScoredYetIsScoredWhateverItsFigures() {
        // All zeros: what an empty kept entry holds, so a first score must not be read from it.
        var scores = ResourceScores()
        let empty = SchedulerCache.Amounts()
        // (A pod that asks for some CPU: the balance, 100 on a node that offers nothing, is scored.)
        let want = ResourceScores.Want(nonZero: ResourceAmounts(cpuMillis: 100), requested: ResourceAmounts(cpuMillis: 100))
        scores.score(want, feasible: [0], figures: [SchedulerCache.Figures()], amounts: [empty], nodeIndexLimit: 1)
        #expect(scores.last[0] == ResourceScores.compute(want, empty))
        #expect(scores.last[0] != 0)
    }

    /// NodeResourcesFit compares `requested + want` (saturating) with the allocatable; the walk
    /// compares `want` with the room kept for the node. They must agree for every amount, the
    /// largest and an over-full node's among them.
    @Test func roomAgreesWithTheFitCheck() async {
        // Negative requested sums too: a saturated sum less a pod's request can go below zero.
        let edges: [Int64] = [.min, -1_000, -1, 0, 1, 2, 1_000, 4_000, .max / 2, .max - 1, .max]
        let amount = zip(Gen.int(in: 0...(edges.count - 1)), Gen.int64(in: -(1 << 40)...(1 << 40)), Gen.bool)
            .map { choice, any, useEdge in useEdge ? edges[choice] : any }
        await propertyCheck(count: 2000, input: amount, amount, amount) { allocatable, requested, want in
            guard want > 0 else { return }
            let fits = Saturating.add(requested, want) <= allocatable
            #expect((want <= SchedulerCache.Figures.room(allocatable, requested)) == fits, "allocatable \(allocatable), requested \(requested), want \(want)")
        }
    }

    /// The cache must give a node a new stamp whenever what it requests or offers changes, or a
    /// score kept from before would be read as current: pods bound and deleted, nodes resized,
    /// removed and added again (under a new index). A stamp is never given twice.
    @Test func aNodesStampChangesWithItsAmounts() async {
        let step = zip(Gen.int(in: 0...4), Gen.int(in: 0...2), Gen.int(in: 0...3))
        await propertyCheck(count: 60, input: step.array(of: 1...30)) { steps in
            let store = Store(clock: VirtualClock(), random: RandomSource(seed: 1))
            let cache = SchedulerCache()
            store.watch([.pod, .node]) { cache.observe($0, store: store) }
            _ = try? store.create(Namespace(name: "default"))
            func addNode(_ n: Int) {
                _ = try? store.create(Node(metadata: ObjectMeta(name: "node-\(n)"), status: NodeStatus(capacity: ResourceAmounts(cpuMillis: 4_000, memoryBytes: 8 << 30, pods: 5))))
            }
            for n in 0..<3 { addNode(n) }
            var before = zip(cache.figures, cache.amounts).map { ($0.stamp, $1) }
            var given = Set(before.map(\.0))
            var pods = 0
            for (action, node, size) in steps {
                switch action {
                case 0, 1: // a pod bound to the node, asking one of a few sizes (0: nothing)
                    var pod = makeBarePod("p\(pods)", image: "nginx") { $0.requests = ResourceAmounts(cpuMillis: Int64(size) * 500, memoryBytes: Int64(size) << 28) }
                    pod.spec.nodeName = "node-\(node)"
                    pods += 1
                    _ = try? store.create(pod)
                case 2: // a pod deleted
                    if let victim = store.list(Pod.self).first(where: { $0.spec.nodeName == "node-\(node)" }) {
                        try? store.delete(Pod.self, victim.metadata.name, namespace: "default", gracePeriodSeconds: 0)
                    }
                case 3: // the node's allocatable changed (or written unchanged)
                    _ = try? store.modify(Node.self, "node-\(node)") { $0.status.allocatable.cpuMillis = Int64(size + 1) * 1_000 }
                default: // the node removed and added again: a new index, its pods counted anew
                    try? store.delete(Node.self, "node-\(node)")
                    addNode(node)
                }
                let after = zip(cache.figures, cache.amounts).map { ($0.stamp, $1) }
                for (index, (old, new)) in zip(before, after).enumerated() {
                    let amountsChanged = old.1.requested != new.1.requested || old.1.scoringRequested != new.1.scoringRequested
                        || old.1.allocatable != new.1.allocatable
                    if amountsChanged { #expect(old.0 != new.0, "node \(index)'s amounts changed under the same stamp") }
                    if old.0 != new.0 { #expect(given.insert(new.0).inserted, "a stamp given twice") }
                    let figures = cache.figures[index], amounts = cache.amounts[index]
                    #expect(figures.roomCPU == SchedulerCache.Figures.room(amounts.allocatable.cpuMillis, amounts.requested.cpuMillis))
                    #expect(figures.roomMemory == SchedulerCache.Figures.room(amounts.allocatable.memoryBytes, amounts.requested.memoryBytes))
                    #expect(Int64(figures.roomPods) == amounts.allocatable.pods - amounts.requested.pods)
                }
                for new in after.dropFirst(before.count) { #expect(given.insert(new.0).inserted, "a new node's stamp given before") }
                before = after
            }
        }
    }

    /// The cycle walks nodes in the API server's (name) order however they were added or
    /// removed: each new node is placed by halving the names already in order.
    @Test func nodesAreWalkedInNameOrderWhateverOrderTheyCameIn() async {
        let names = (1...40).map { "node-\($0)" } + ["a", "node-", "node-1a", "z"]
        await propertyCheck(count: 100, input: Gen.int(in: 0...(names.count - 1)).array(of: 1...60)) { picks in
            let store = Store(clock: VirtualClock(), random: RandomSource(seed: 1))
            let cache = SchedulerCache()
            store.watch([.node]) { cache.observe($0, store: store) }
            var present: Set<String> = []
            for pick in picks {
                let name = names[pick]
                if present.remove(name) != nil {
                    try? store.delete(Node.self, name)
                } else if (try? store.create(Node(metadata: ObjectMeta(name: name), status: NodeStatus(capacity: ResourceAmounts(pods: 5))))) != nil {
                    present.insert(name)
                }
            }
            #expect(cache.order.map { cache.node(index: $0)!.name } == present.sorted())
        }
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

    /// Without zones the spread scores come from the counts alone; they must be the scores of
    /// the raw-score path for any counts, few distinct ones (a table) or many (one at a time).
    @Test func spreadScoresByCountAreTheRawScoresNormalized() async {
        // One scratch of each for every case, as the scheduler keeps them: each call refills
        // the buffers the last one left, longer or shorter.
        var byCount = TopologySpreadScore.Scratch(), byRaw = TopologySpreadScore.Scratch()
        await propertyCheck(count: 500, input: Gen.int(in: 0...40).array(of: 1...60), Gen.int(in: 0...2)) { counts, scale in
            let feasible = Array(counts.indices.reversed()) // any order: scores follow `feasible`
            var figures = Array(repeating: SchedulerCache.Figures(), count: counts.count)
            for i in figures.indices { figures[i].hasHostname = true }
            let weight = log(Double(feasible.count + 2)), base = 2.0
            byCount.perNode = counts.map { $0 * [1, 9, 1_000][scale] }
            let counted = byCount.normalizeByCount(feasible: feasible, figures: figures, weight: weight, base: base)
            #expect(counted)
            byRaw.raw = feasible.map { index in
                var score = 0.0
                score += Double(byCount.perNode[index]) * weight + base
                return Int64(score.rounded())
            }
            byRaw.normalize()
            #expect(byCount.normalized == byRaw.normalized)
            #expect(byCount.normalized.count == feasible.count)
        }
        // A node without the hostname label needs the raw scores.
        var scratch = TopologySpreadScore.Scratch()
        scratch.perNode = [0, 1]
        var figures = [SchedulerCache.Figures(), SchedulerCache.Figures()]
        figures[0].hasHostname = true
        let counted = scratch.normalizeByCount(feasible: [0, 1], figures: figures, weight: 1, base: 2)
        #expect(!counted)
    }

    @Test func normalizedSpreadScoresAreTheFormulasScores() async {
        // Narrow spans (each distinct score divided once) and wide ones (divided per node).
        var scratch = TopologySpreadScore.Scratch() // refilled case after case, as the scheduler's
        await propertyCheck(count: 500, input: Gen.int64(in: 0...60).array(of: 1...50), Gen.int64(in: 0...2)) { raw, scale in
            scratch.raw = raw.map { $0 * [1, 7, 1_000][Int(scale)] }
            scratch.normalize()
            let low = scratch.raw.min()!, high = scratch.raw.max()!
            let expected = scratch.raw.map { high == 0 ? 100 : 100 * (high + low - $0) / high }
            #expect(scratch.normalized == expected)
        }
    }

    /// selectHost in one pass picks what the plain rule picks: the best total (resource plus
    /// twice the spread), and among nodes tied at it the one the draw names, counted in order.
    @Test func theOnePassHostPickIsTheDrawnTieOfTheBest() async {
        let node = zip(Gen.int(in: 0...3), Gen.int(in: 0...2))
        await propertyCheck(count: 300, input: node.array(of: 1...30), Gen.int(in: 0...1_000), Gen.bool) { nodes, seed, spreads in
            let resource = nodes.map(\.0), spread = nodes.map { Int64($0.1) }
            let total = nodes.indices.map { resource[$0] + (spreads ? 2 * Int(spread[$0]) : 0) }
            let best = total.max()!
            let tiedAtBest = total.indices.filter { total[$0] == best }
            var draws: [Int] = []
            var selection = HostSelection()
            let picked = selection.pick(count: nodes.count, resource: resource + [99], spread: spreads ? spread : nil) { n in
                draws.append(n)
                return seed % n
            }
            #expect(draws == (tiedAtBest.count > 1 ? [tiedAtBest.count] : []), "one draw, and only among ties")
            #expect(picked == tiedAtBest[tiedAtBest.count > 1 ? seed % tiedAtBest.count : 0])
        }
    }
}
