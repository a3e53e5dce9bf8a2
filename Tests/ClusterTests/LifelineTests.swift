import Testing
@testable import Cluster

/// Timers hold their owner by a lifeline instead of a weak reference: they must neither keep the
/// owner alive nor touch it once it is gone.
@Suite struct LifelineTests {
    private final class Owner {
        let lifeline = Lifeline()
        var fired: [String] = []
        deinit { lifeline.end() }

        func schedule(on clock: VirtualClock, _ label: String) {
            lifeline.schedule(on: clock, after: .seconds(1), owner: self) { $0.fired.append(label) }
            lifeline.schedule(on: clock, at: SimTime(milliseconds: 2_000), owner: self) { $0.fired.append(label + " at") }
            // The one-closure form: the body holds its owner itself.
            lifeline.schedule(on: clock, after: .milliseconds(2_500)) { [unowned(unsafe) self] in self.fired.append(label + " held") }
        }
    }

    @Test func aLiveOwnersTimersRunWithIt() {
        let clock = VirtualClock()
        let owner = Owner()
        owner.schedule(on: clock, "tick")
        clock.advance(to: SimTime(milliseconds: 3_000))
        #expect(owner.fired == ["tick", "tick at", "tick held"])
    }

    @Test func aTimerOutlivingItsOwnerNeitherKeepsNorTouchesIt() {
        let clock = VirtualClock()
        weak var gone: Owner?
        var lifeline: Lifeline?
        do {
            let owner = Owner()
            owner.schedule(on: clock, "tick")
            gone = owner
            lifeline = owner.lifeline
        }
        #expect(gone == nil, "the pending timers kept their owner alive")
        #expect(lifeline?.isAlive == false)
        // Firing now must not reach the freed owner (a crash or a write into freed memory).
        clock.advance(to: SimTime(milliseconds: 3_000))
    }

    @Test func stepsStopOnceTheirLifelineEnds() {
        // A work queue's sync in steps (a sliced advance may stop between them): once its owner
        // is gone, no further step may run, and steps not yet begun never start.
        let clock = VirtualClock()
        let lifeline = Lifeline(), never = Lifeline()
        var ran = 0, neverRan = 0
        clock.scheduleInSteps(after: .seconds(1), while: lifeline) { ran += 1; return ran < 5 }
        clock.scheduleInSteps(after: .seconds(2), while: never) { neverRan += 1; return false }
        never.end()
        #expect(clock.fireStep(notAfter: SimTime(milliseconds: 1_000)))
        #expect(clock.fireStep(notAfter: SimTime(milliseconds: 1_000)))
        #expect(ran == 2)
        lifeline.end()
        clock.advance(to: SimTime(milliseconds: 3_000))
        #expect(ran == 2 && neverRan == 0)
        #expect(clock.pendingTimers == 0)
    }
}
