import Foundation

/// Work handed to the thread that owns the cluster. HTTP handlers run on NIO's threads; the
/// cluster is single-threaded, so they submit closures here and the owner (the serve loop or the
/// dashboard's frame loop) runs them between slices of simulated time.
public final class ClusterJobQueue: @unchecked Sendable {
    private let lock = NSCondition()
    private var jobs: [() -> Void] = []
    private var head = 0

    public init() {}

    /// Queues `job` to run on the cluster's thread and wakes the owner.
    public func submit(_ job: @escaping () -> Void) {
        lock.lock()
        jobs.append(job)
        lock.signal()
        lock.unlock()
    }

    /// Jobs waiting to run.
    public var pending: Int {
        lock.lock()
        defer { lock.unlock() }
        return jobs.count - head
    }

    /// Runs every queued job (on the owner's thread), including any they queue; returns how many ran.
    @discardableResult
    public func drain() -> Int {
        var ran = 0
        while let job = next() {
            job()
            ran += 1
        }
        return ran
    }

    /// Runs queued jobs until none is left or `budget` of real time has passed (checked between
    /// jobs), so a frame loop keeps its frame rate while the API is busy; the rest wait for the
    /// next call, in order. Returns how many ran.
    @discardableResult
    public func drain(within budget: Duration) -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + budget
        var ran = 0
        while clock.now < deadline || ran == 0, let job = next() {
            job()
            ran += 1
        }
        return ran
    }

    /// Blocks the owner until a job arrives or `deadline` passes.
    public func wait(until deadline: Date) {
        lock.lock()
        if jobs.count == head { _ = lock.wait(until: deadline) }
        lock.unlock()
    }

    private func next() -> (() -> Void)? {
        lock.lock()
        defer { lock.unlock() }
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        head += 1
        // Compact once the consumed prefix dominates, so the array does not grow without bound.
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }
}
