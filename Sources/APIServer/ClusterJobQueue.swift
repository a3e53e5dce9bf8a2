import Foundation

/// Work handed to the thread that owns the cluster. HTTP handlers run on NIO's threads; the
/// cluster is single-threaded, so they submit closures here and the owner (the serve loop or the
/// dashboard's frame loop) runs them between slices of simulated time.
public final class ClusterJobQueue: @unchecked Sendable {
    private let lock = NSCondition()
    private var jobs: [() -> Void] = []

    public init() {}

    /// Queues `job` to run on the cluster's thread and wakes the owner.
    public func submit(_ job: @escaping () -> Void) {
        lock.lock()
        jobs.append(job)
        lock.signal()
        lock.unlock()
    }

    /// Runs every queued job (on the owner's thread); returns how many ran.
    @discardableResult
    public func drain() -> Int {
        lock.lock()
        let batch = jobs
        jobs.removeAll()
        lock.unlock()
        for job in batch { job() }
        return batch.count
    }

    /// Blocks the owner until a job arrives or `deadline` passes.
    public func wait(until deadline: Date) {
        lock.lock()
        if jobs.isEmpty { _ = lock.wait(until: deadline) }
        lock.unlock()
    }
}
