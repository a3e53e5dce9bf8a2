/// How much simulation work one frame may do before the screen gets its turn again.
public enum SliceBudget: Equatable, Sendable {
    /// Everything that is due: the cluster always reaches the target (tests, benchmarks).
    case unlimited
    /// At most this many timer firings (a timer that works in steps counts each step).
    case timers(Int)
    /// Until this much real time has passed. Checked between timers and between the steps of a
    /// long one (a ReplicaSet's burst of creations), so no single check waits long.
    case realTime(Duration)
}

/// Keeps a live cluster (the dashboard's, or `kubesim serve`'s) in step with real time without
/// ever blocking a frame: real time × speed moves a target forward, and each frame advances the
/// cluster toward it within a budget. What is left over carries over to the next frame, so a burst of work (a scale to
/// 100,000) makes virtual time fall behind instead of freezing the screen. The timers fire in
/// the same order however the work is sliced.
public final class SimulationPacer {
    public let cluster: Cluster
    public var budget: SliceBudget = .unlimited
    /// The virtual time the cluster should have reached.
    public private(set) var target: SimTime

    public init(cluster: Cluster) {
        self.cluster = cluster
        target = cluster.now
    }

    /// How far the cluster is behind the target (zero when it has caught up).
    public var lag: SimDuration { target > cluster.now ? target - cluster.now : .zero }

    /// Moves the target `duration` ahead (of the cluster, if something else moved it further).
    public func add(_ duration: SimDuration) {
        target = max(target, cluster.now) + duration
    }

    /// Forgets work not yet done (pausing stops time where the screen shows it).
    public func dropBacklog() { target = cluster.now }

    /// Advances the cluster toward the target within the budget; returns whether it got there.
    @discardableResult
    public func advance() -> Bool { advance(yieldingWhen: { false }) }

    /// Like `advance()`, but also stops (between timers) as soon as `yield` says something else
    /// needs the cluster's thread: `kubesim serve` answers a request without waiting for the
    /// rest of the slice.
    @discardableResult
    public func advance(yieldingWhen yield: () -> Bool) -> Bool {
        guard target > cluster.now || cluster.clock.nextFireTime.map({ $0 <= target }) == true else { return true }
        switch budget {
        case .unlimited:
            return cluster.advance(toward: target) { !yield() }
        case .timers(let limit):
            var fired = 1
            return cluster.advance(toward: target) {
                fired += 1
                return fired <= limit && !yield()
            }
        case .realTime(let allowance):
            let clock = ContinuousClock()
            let deadline = clock.now + allowance
            return cluster.advance(toward: target) { clock.now < deadline && !yield() }
        }
    }
}
