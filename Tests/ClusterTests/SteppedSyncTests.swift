import Testing
@testable import Cluster

/// Long syncs run as timers in steps: a sliced advance may stop between steps (the screen
/// draws), and the rest keeps its place, so nothing else runs in between and the outcome is
/// that of one advance.
@Suite struct SteppedSyncTests {
    /// Three timers at t=2s: one in three steps (its second step schedules a timer for "now"),
    /// then a plain one scheduled after it; and one at t=1s.
    static func timers(_ clock: VirtualClock, log: Box) {
        clock.schedule(after: .seconds(1)) { log.lines.append("at 1s") }
        var step = 0
        clock.scheduleInSteps(after: .seconds(2)) {
            log.lines.append("step \(step)")
            if step == 1 { clock.schedule(after: .zero) { log.lines.append("scheduled by step 1") } }
            step += 1
            return step < 3
        }
        clock.schedule(after: .seconds(2)) { log.lines.append("at 2s, scheduled later") }
    }

    final class Box { var lines: [String] = [] }

    static let expected = ["at 1s", "step 0", "step 1", "step 2", "at 2s, scheduled later", "scheduled by step 1"]

    @Test func aSlicedAdvanceStopsBetweenStepsAndTheRestKeepsItsPlace() {
        let clock = VirtualClock(), log = Box()
        Self.timers(clock, log: log)
        let target = SimTime(milliseconds: 3000)
        var afterEachCall: [[String]] = []
        while !clock.advance(to: target, while: { false }) { afterEachCall.append(log.lines) }
        #expect(log.lines == Self.expected)
        // One step per call: the clock waits at 2s with steps left, and nothing else has run.
        #expect(afterEachCall.count == 5)
        #expect(afterEachCall[1] == ["at 1s", "step 0"])
        #expect(afterEachCall[2] == ["at 1s", "step 0", "step 1"])
        #expect(clock.now == target)
    }

    @Test func aPlainAdvanceRunsEveryStepOfATimerAtOnce() {
        let clock = VirtualClock(), log = Box()
        Self.timers(clock, log: log)
        #expect(clock.fireNext(notAfter: SimTime(milliseconds: 3000)))
        #expect(clock.fireNext(notAfter: SimTime(milliseconds: 3000)))
        #expect(log.lines == ["at 1s", "step 0", "step 1", "step 2"])
        clock.advance(to: SimTime(milliseconds: 3000))
        #expect(log.lines == Self.expected)
    }

    /// Slow start cut into steps of any size makes the same calls as slow start in one go.
    @Test(arguments: [1, 3, 16, 1000])
    func slowStartInStepsMakesTheSameCalls(step: Int) {
        for failing in [nil, 1, 2, 5, 40, 300] as [Int?] {
            var whole: [Int] = [], calls = 0
            let created = SlowStart.run(count: 500) { calls += 1; whole.append(calls); return calls != failing }
            var stepped: [Int] = []
            var slowStart = SlowStart(count: 500)
            var n = 0, runs = 0
            var more = true
            while more {
                let before = n
                more = slowStart.run(upTo: step) { n += 1; stepped.append(n); return n != failing }
                runs += 1
                #expect(n - before <= step)
            }
            #expect(stepped == whole, "failing call \(failing.map(String.init) ?? "none")")
            #expect(slowStart.succeeded == created)
            #expect(runs >= (whole.count + step - 1) / step)
        }
    }

    /// A ReplicaSet told to create 500 pods does so in steps of at most `createStep` pods, all
    /// at the sync's instant, with a sliced advance able to stop after each.
    @Test func aReplicaSetCreatesItsBurstInStepsASliceCanStopBetween() throws {
        let sliced = try SlicedAdvanceTests.scaling(to: 503)
        let target = sliced.now + .seconds(5)
        var counts: [(time: SimTime, pods: Int)] = [(sliced.now, sliced.store.count(Pod.self))]
        while !sliced.advance(toward: target, while: { false }) {
            counts.append((sliced.now, sliced.store.count(Pod.self)))
        }
        let growth = zip(counts, counts.dropFirst()).map { ($1.time, $1.pods - $0.pods, $0.time) }
        #expect(growth.allSatisfy { $0.1 <= ReplicaSetController.createStep })
        // The burst: steps at one instant that each added pods.
        let burst = growth.filter { $0.1 > 0 && $0.0 == $0.2 }
        #expect(burst.count >= 500 / ReplicaSetController.createStep - 1)
        #expect(sliced.store.count(Pod.self) == 503)

        let whole = try SlicedAdvanceTests.scaling(to: 503)
        whole.advance(by: .seconds(5))
        #expect(SlicedAdvanceTests.outcome(sliced) == SlicedAdvanceTests.outcome(whole))
    }
}
