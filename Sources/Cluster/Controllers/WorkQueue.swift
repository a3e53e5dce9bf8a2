/// A controller's queue of object keys (names, or namespace and name) to reconcile, as in client-go's workqueue: a name
/// waiting in the queue is not added twice, and each is processed `delay` after it was added,
/// on the virtual clock.
///
/// A sync may come back with more work (`Resumption`): the rest runs in steps of the same
/// timer, at the same instant and before anything else, so a sliced advance can stop between
/// them without changing what happens or in which order.
final class WorkQueue<Key: ShardingKey> {
    /// The rest of a sync: one step per call; returns whether more remains.
    typealias Resumption = () -> Bool

    private let clock: VirtualClock
    private let delay: SimDuration
    /// A queue whose syncs never leave work runs them on plain timers, without the two boxed
    /// variables a stepped timer carries (one allocation a key, not three).
    private enum Sync {
        case plain((Key) -> Void)
        case stepped((Key) -> Resumption?)
    }
    private let sync: Sync
    /// Its depth, counted under its name (`QueueDepths`).
    private let depth: QueueDepths.Depth
    /// Sharded: the scheduler's queue holds every pod of a scale-up waiting to be placed.
    private var pending = ShardedSet<Key>()
    /// What the queue's timers hold of it (not a weak reference: see `Lifeline`).
    private let lifeline = Lifeline()
    /// Keys added with the queue's own delay, in the order their timers fire: added at a time
    /// that never goes back, after the same delay, each fires after the one before (ties go by
    /// scheduling order). Their timers call the queue itself (see `ClockTarget`), which takes
    /// the next key from here.
    private var due = FirstInFirstOut<Key>()
    /// The rest of the stepped sync under way: its steps run one after another before any other
    /// timer, so there is at most one.
    private var resumption: Resumption?
    /// What the timers of `due` call: `fireStep`.
    private var target: ClockTarget!

    init(clock: VirtualClock, delay: SimDuration, name: String, process: @escaping (Key) -> Void) {
        self.clock = clock
        self.delay = delay
        depth = clock.queueDepths.depth(name)
        sync = .plain(process)
        target = ClockTarget { [unowned(unsafe) self] in self.fireStep() }
    }

    /// A queue whose syncs may leave work to resume in further steps.
    init(clock: VirtualClock, delay: SimDuration, name: String, processInSteps: @escaping (Key) -> Resumption?) {
        self.clock = clock
        self.delay = delay
        depth = clock.queueDepths.depth(name)
        sync = .stepped(processInSteps)
        target = ClockTarget { [unowned(unsafe) self] in self.fireStep() }
    }

    deinit { lifeline.end() }

    func add(_ key: Key) { add(key, after: delay) }

    func add(_ key: Key, after wait: SimDuration) {
        guard pending.insert(key).inserted else { return }
        depth.added()
        if wait == delay {
            due.append(key)
            clock.schedule(after: wait, while: lifeline, target: target)
            return
        }
        switch sync {
        case .plain(let process):
            lifeline.schedule(on: clock, after: wait) { [unowned(unsafe) self] in
                self.leaves(key)
                process(key)
            }
        case .stepped(let process):
            addStepped(key, after: wait, process)
        }
    }

    /// A timer of a key added with the queue's delay: the next such key, synced (or the sync
    /// under way, resumed).
    private func fireStep() -> Bool {
        if let resumption {
            if resumption() { return true }
            self.resumption = nil
            return false
        }
        guard let key = due.popFirst() else { return false }
        leaves(key)
        switch sync {
        case .plain(let process):
            process(key)
            return false
        case .stepped(let process):
            resumption = process(key)
            return resumption != nil
        }
    }

    /// `key`'s sync begins: it may be added again from now on.
    private func leaves(_ key: Key) {
        pending.remove(key)
        depth.removed()
    }

    private func addStepped(_ key: Key, after wait: SimDuration, _ process: @escaping (Key) -> Resumption?) {
        var resumption: Resumption?
        var started = false
        // By the lifeline, which the clock checks before every step, as for plain timers.
        clock.scheduleInSteps(after: wait, while: lifeline) { [unowned(unsafe) self] in
            if started { return resumption?() ?? false }
            started = true
            self.leaves(key)
            resumption = process(key)
            return resumption != nil
        }
    }
}
