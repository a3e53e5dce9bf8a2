/// The simulation's time line: a queue of timers ordered by (time, insertion order), so that
/// two runs with the same inputs fire the same timers in the same order. Time only moves when
/// the owner advances it.
///
/// A timer may do its work in steps (a ReplicaSet creating 500 pods in slow-start batches): each
/// step returns whether more remains. The plain paths run every step at once; the sliced path
/// (`advance(to:while:)`) may stop between steps, and the rest keeps the timer's place at the
/// head of the queue, so the same timers run in the same order however the work is sliced.
public final class VirtualClock {
    public private(set) var now: SimTime = .zero
    /// The heap holds plain values (time, sequence, slot), so sifting copies no closures; each
    /// timer's work waits in `steps` at its slot, and freed slots are reused.
    private var heap: [Timer] = []
    private var steps: [Work?] = []
    private var freeSlots: [Int] = []
    private var sequence: UInt64 = 0
    /// Runs each step of the sliced path when set: a benchmark's stopwatch around the steps.
    /// The simulation itself never reads real time.
    public var stepObserver: ((() -> Bool) -> Bool)?
    /// The work queues' depths (they all run on this clock).
    public let queueDepths = QueueDepths()
    /// Timers waiting to fire.
    public var pendingTimers: Int { heap.count }

    /// A timer's work: one action, or steps (kept apart so a plain timer is not wrapped in a
    /// second closure, one allocation per timer).
    private enum Work {
        case once(() -> Void)
        /// Steps of an owner that may be gone (see `Lifeline`; nil: no owner): no step runs
        /// once its lifeline has ended.
        case steps(() -> Bool, Lifeline?)
        /// A timer of an owner that may be gone when it is due (see `Lifeline`): skipped then.
        /// The lifeline is kept here, not in a closure around the action, which would be a
        /// second allocation for every such timer.
        case owned(Lifeline, () -> Void)
        /// Steps of a target (see `ClockTarget`), by its lifeline as `owned`.
        case target(Lifeline, UnownedClockTarget)
    }

    struct Timer {
        let time: SimTime
        let sequence: UInt64
        /// Where its work is in `steps`: one step per call, returning whether more remain.
        let slot: Int
    }

    public init() {}

    /// Runs `action` once `delay` of virtual time has passed.
    public func schedule(after delay: SimDuration, _ action: @escaping () -> Void) {
        schedule(at: now + delay, action)
    }

    public func schedule(at time: SimTime, _ action: @escaping () -> Void) {
        add(.once(action), at: time)
    }

    /// Runs `action` once `delay` has passed, unless `lifeline` has ended by then.
    func schedule(after delay: SimDuration, while lifeline: Lifeline, _ action: @escaping () -> Void) {
        add(.owned(lifeline, action), at: now + delay)
    }

    func schedule(at time: SimTime, while lifeline: Lifeline, _ action: @escaping () -> Void) {
        add(.owned(lifeline, action), at: time)
    }

    /// Runs `target`'s steps once `delay` has passed, unless `lifeline` has ended by then.
    func schedule(after delay: SimDuration, while lifeline: Lifeline, target: ClockTarget) {
        add(.target(lifeline, UnownedClockTarget(target: target)), at: now + delay)
    }

    /// Runs `step` once `delay` has passed, and again (at the same instant, before any other
    /// timer) for as long as it returns true: work a sliced advance may interrupt.
    public func scheduleInSteps(after delay: SimDuration, _ step: @escaping () -> Bool) {
        scheduleInSteps(at: now + delay, step)
    }

    public func scheduleInSteps(at time: SimTime, _ step: @escaping () -> Bool) {
        add(.steps(step, nil), at: time)
    }

    /// Steps, as `scheduleInSteps`, that stop (or never start) once `lifeline` has ended.
    func scheduleInSteps(after delay: SimDuration, while lifeline: Lifeline, _ step: @escaping () -> Bool) {
        add(.steps(step, lifeline), at: now + delay)
    }

    private func add(_ work: Work, at time: SimTime) {
        sequence += 1
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            steps[slot] = work
        } else {
            slot = steps.count
            steps.append(work)
        }
        push(Timer(time: max(time, now), sequence: sequence, slot: slot))
    }

    /// Takes a finished timer's work out of its slot and frees the slot.
    private func release(_ timer: Timer) {
        steps[timer.slot] = nil
        freeSlots.append(timer.slot)
    }

    /// The time of the next timer, if any.
    public var nextFireTime: SimTime? { heap.isEmpty ? nil : heap[0].time }

    /// Fires the earliest timer, all its steps, if it is due at or before `limit`; returns false
    /// when none is.
    @discardableResult
    public func fireNext(notAfter limit: SimTime) -> Bool {
        guard !heap.isEmpty, heap[0].time <= limit else { return false }
        let timer = pop()
        now = max(now, timer.time)
        // Taken out of its slot, not copied: a copy retained the closure (and the lifeline)
        // only to release them again when the slot was cleared. The slot is freed only after
        // the work has run, so timers it schedules take other slots.
        switch steps[timer.slot].take()! {
        case .once(let action): action()
        case .owned(let lifeline, let action): if lifeline.isAlive { action() }
        case .steps(let step, let lifeline): while lifeline?.isAlive ?? true, step() {}
        case .target(let lifeline, let held): while lifeline.isAlive, held.target.fireStep() {}
        }
        freeSlots.append(timer.slot)
        return true
    }

    /// Runs one step of the earliest timer if it is due at or before `limit`; a timer with
    /// steps left goes back in its own place (same time, same sequence), still the earliest.
    /// Returns false when none is due.
    @discardableResult
    public func fireStep(notAfter limit: SimTime) -> Bool {
        guard !heap.isEmpty, heap[0].time <= limit else { return false }
        let timer = pop()
        now = max(now, timer.time)
        switch steps[timer.slot]! {
        case .once(let action):
            if let stepObserver { _ = stepObserver { action(); return false } } else { action() }
            release(timer)
        case .owned(let lifeline, let action):
            if lifeline.isAlive {
                if let stepObserver { _ = stepObserver { action(); return false } } else { action() }
            }
            release(timer)
        case .steps(let step, let lifeline):
            if lifeline?.isAlive == false { release(timer) } else if stepObserver?(step) ?? step() { push(timer) } else { release(timer) }
        case .target(let lifeline, let held):
            if !lifeline.isAlive {
                release(timer)
            } else if stepObserver?({ held.target.fireStep() }) ?? held.target.fireStep() {
                push(timer)
            } else {
                release(timer)
            }
        }
        return true
    }

    /// Fires every timer due up to `target`, then sets the clock to `target`.
    public func advance(to target: SimTime) {
        while fireNext(notAfter: target) {}
        if target > now { now = target }
    }

    /// Like `advance(to:)`, but asks `mayContinue` after each timer step whether to go on, so a
    /// caller with a budget can stop part way: the clock then stays at the last timer fired and
    /// the rest wait, in the same order, for the next call. At least one due step runs per
    /// call. Returns whether the clock reached `target`.
    @discardableResult
    public func advance(to target: SimTime, while mayContinue: () -> Bool) -> Bool {
        while fireStep(notAfter: target) {
            if let next = nextFireTime, next <= target, !mayContinue() { return false }
        }
        if target > now { now = target }
        return true
    }

    // Sifting moves a hole, not the timer: each level is one read and one write of the
    // buffer, where `swapAt` on the array was two of each, with a uniqueness check apiece.
    private func push(_ timer: Timer) {
        heap.append(timer)
        heap.withUnsafeMutableBufferPointer { heap in Self.rise(timer, from: heap.count - 1, in: heap) }
    }

    /// Puts `timer` in the hole at `hole` or above it, moving later parents down into the hole.
    @inline(__always)
    private static func rise(_ timer: Timer, from hole: Int, in heap: UnsafeMutableBufferPointer<Timer>) {
        var hole = hole
        while hole > 0 {
            let parent = (hole - 1) / 2
            guard firesBefore(timer, heap[parent]) else { break }
            heap[hole] = heap[parent]
            hole = parent
        }
        heap[hole] = timer
    }

    /// Whether timer `a` fires before timer `b`: by time, then in scheduling order.
    @inline(__always)
    private static func firesBefore(_ a: Timer, _ b: Timer) -> Bool {
        a.time != b.time ? a.time < b.time : a.sequence < b.sequence
    }

    /// Floyd's pop: the hole at the root goes down to a leaf along the earlier child (one
    /// comparison a level, where sifting `last` down took two), then `last`, a late timer that
    /// nearly always belongs near the bottom, rises from there a level or two.
    private func pop() -> Timer {
        let top = heap[0]
        let last = heap.removeLast()
        guard !heap.isEmpty else { return top }
        heap.withUnsafeMutableBufferPointer { heap in
            var hole = 0
            while true {
                let left = 2 * hole + 1, right = left + 1
                guard left < heap.count else { break }
                let child = right < heap.count && Self.firesBefore(heap[right], heap[left]) ? right : left
                heap[hole] = heap[child]
                hole = child
            }
            Self.rise(last, from: hole, in: heap)
        }
        return top
    }
}
