/// What a timer holds of its owner instead of a weak reference to it.
///
/// A weak reference gives its object a side table, and from then on every retain and release
/// of that object takes the runtime's slow path. A kubelet or a work queue is retained several
/// times for each pod it handles, so its timers do not take weak references: the owner ends
/// its lifeline in `deinit`, and a timer finds out from the lifeline (which it holds strongly)
/// whether the owner is still there before touching it.
final class Lifeline {
    private(set) var isAlive = true

    /// Called by the owner's `deinit`.
    func end() { isAlive = false }

    /// Runs `body` after `delay` with `owner`, unless the owner is gone by then. The owner is
    /// held `unowned(unsafe)` (no side table): its timers must not be what frees it (none of
    /// ours drop their own controller; the cluster's owners do that, outside timers).
    func schedule<Owner: AnyObject>(on clock: VirtualClock, after delay: SimDuration, owner: Owner, _ body: @escaping (Owner) -> Void) {
        clock.schedule(after: delay, while: self) { [unowned(unsafe) owner] in body(owner) }
    }

    /// Runs `body` at `time` with `owner`, unless the owner is gone by then.
    func schedule<Owner: AnyObject>(on clock: VirtualClock, at time: SimTime, owner: Owner, _ body: @escaping (Owner) -> Void) {
        clock.schedule(at: time, while: self) { [unowned(unsafe) owner] in body(owner) }
    }

    /// Runs `body` after `delay` unless the owner is gone by then, for a body that holds its
    /// owner itself (`[unowned(unsafe) self]`): one closure a timer, where the variants above
    /// wrap the caller's closure in a second (two allocations; the hottest timers use this).
    func schedule(on clock: VirtualClock, after delay: SimDuration, _ body: @escaping () -> Void) {
        clock.schedule(after: delay, while: self, body)
    }
}
