/// A controller's queue of object keys (names, or namespace and name) to reconcile, as in client-go's workqueue: a name
/// waiting in the queue is not added twice, and each is processed `delay` after it was added,
/// on the virtual clock.
///
/// A sync may come back with more work (`Resumption`): the rest runs in steps of the same
/// timer, at the same instant and before anything else, so a sliced advance can stop between
/// them without changing what happens or in which order.
final class WorkQueue<Key: Hashable> {
    /// The rest of a sync: one step per call; returns whether more remains.
    typealias Resumption = () -> Bool

    private let clock: VirtualClock
    private let delay: SimDuration
    private let process: (Key) -> Resumption?
    /// The sync of a queue whose syncs never leave work: its timers are plain ones, without
    /// the two boxed variables a stepped timer carries (three allocations a key, not one).
    private let plainProcess: ((Key) -> Void)?
    /// Its depth, counted under its name (`QueueDepths`).
    private let depth: QueueDepths.Depth
    /// Sharded: the scheduler's queue holds every pod of a scale-up waiting to be placed.
    private var pending = ShardedSet<Key>()

    init(clock: VirtualClock, delay: SimDuration, name: String, process: @escaping (Key) -> Void) {
        self.clock = clock
        self.delay = delay
        depth = clock.queueDepths.depth(name)
        self.process = { process($0); return nil }
        plainProcess = process
    }

    /// A queue whose syncs may leave work to resume in further steps.
    init(clock: VirtualClock, delay: SimDuration, name: String, processInSteps: @escaping (Key) -> Resumption?) {
        self.clock = clock
        self.delay = delay
        depth = clock.queueDepths.depth(name)
        self.process = processInSteps
        plainProcess = nil
    }

    func add(_ key: Key) { add(key, after: delay) }

    func add(_ key: Key, after wait: SimDuration) {
        guard pending.insert(key).inserted else { return }
        depth.added()
        if let plainProcess {
            clock.schedule(after: wait) { [weak self] in
                guard let self else { return }
                self.pending.remove(key)
                self.depth.removed()
                plainProcess(key)
            }
            return
        }
        var resumption: Resumption?
        var started = false
        clock.scheduleInSteps(after: wait) { [weak self] in
            if started { return resumption?() ?? false }
            started = true
            guard let self else { return false }
            self.pending.remove(key)
            self.depth.removed()
            resumption = self.process(key)
            return resumption != nil
        }
    }
}
