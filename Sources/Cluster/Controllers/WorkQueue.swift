/// A controller's queue of object keys (names, or namespace and name) to reconcile, as in client-go's workqueue: a name
/// waiting in the queue is not added twice, and each is processed `delay` after it was added,
/// on the virtual clock.
final class WorkQueue<Key: Hashable> {
    private let clock: VirtualClock
    private let delay: SimDuration
    private let process: (Key) -> Void
    private var pending: Set<Key> = []

    init(clock: VirtualClock, delay: SimDuration, process: @escaping (Key) -> Void) {
        self.clock = clock
        self.delay = delay
        self.process = process
    }

    func add(_ key: Key) { add(key, after: delay) }

    func add(_ key: Key, after wait: SimDuration) {
        guard pending.insert(key).inserted else { return }
        clock.schedule(after: wait) { [weak self] in
            guard let self else { return }
            self.pending.remove(key)
            self.process(key)
        }
    }
}
