/// A controller's queue of object names to reconcile, as in client-go's workqueue: a name
/// waiting in the queue is not added twice, and each is processed `delay` after it was added,
/// on the virtual clock.
final class WorkQueue {
    private let clock: VirtualClock
    private let delay: SimDuration
    private let process: (String) -> Void
    private var pending: Set<String> = []

    init(clock: VirtualClock, delay: SimDuration, process: @escaping (String) -> Void) {
        self.clock = clock
        self.delay = delay
        self.process = process
    }

    func add(_ key: String) { add(key, after: delay) }

    func add(_ key: String, after wait: SimDuration) {
        guard pending.insert(key).inserted else { return }
        clock.schedule(after: wait) { [weak self] in
            guard let self else { return }
            self.pending.remove(key)
            self.process(key)
        }
    }
}
