/// The simulation's time line: a queue of timers ordered by (time, insertion order), so that
/// two runs with the same inputs fire the same timers in the same order. Time only moves when
/// the owner advances it.
public final class VirtualClock {
    public private(set) var now: SimTime = .zero
    private var heap: [Timer] = []
    private var sequence: UInt64 = 0

    struct Timer {
        let time: SimTime
        let sequence: UInt64
        let action: () -> Void
        func firesBefore(_ other: Timer) -> Bool {
            time != other.time ? time < other.time : sequence < other.sequence
        }
    }

    public init() {}

    /// Runs `action` once `delay` of virtual time has passed.
    public func schedule(after delay: SimDuration, _ action: @escaping () -> Void) {
        schedule(at: now + delay, action)
    }

    public func schedule(at time: SimTime, _ action: @escaping () -> Void) {
        sequence += 1
        push(Timer(time: max(time, now), sequence: sequence, action: action))
    }

    /// The time of the next timer, if any.
    public var nextFireTime: SimTime? { heap.first?.time }

    /// Fires the earliest timer if it is due at or before `limit`; returns false when none is.
    @discardableResult
    public func fireNext(notAfter limit: SimTime) -> Bool {
        guard let first = heap.first, first.time <= limit else { return false }
        let timer = pop()
        now = max(now, timer.time)
        timer.action()
        return true
    }

    /// Fires every timer due up to `target`, then sets the clock to `target`.
    public func advance(to target: SimTime) {
        while fireNext(notAfter: target) {}
        if target > now { now = target }
    }

    /// Like `advance(to:)`, but asks `mayContinue` after each timer whether to go on, so a
    /// caller with a budget can stop part way: the clock then stays at the last timer fired and
    /// the rest wait, in the same order, for the next call. At least one due timer fires per
    /// call. Returns whether the clock reached `target`.
    @discardableResult
    public func advance(to target: SimTime, while mayContinue: () -> Bool) -> Bool {
        while fireNext(notAfter: target) {
            if let next = nextFireTime, next <= target, !mayContinue() { return false }
        }
        if target > now { now = target }
        return true
    }

    private func push(_ timer: Timer) {
        heap.append(timer)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].firesBefore(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func pop() -> Timer {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].firesBefore(heap[smallest]) { smallest = left }
                if right < heap.count, heap[right].firesBefore(heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}
