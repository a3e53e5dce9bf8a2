/// How many keys wait in the controllers' work queues, by queue name, and the most that waited
/// since the last reset: what `kubesim bench` prints to show where a scenario's work piles up.
/// Each queue holds its name's counter, so counting costs an addition per key (no lookup by
/// name); nothing here changes what the simulation does.
public final class QueueDepths {
    /// One name's depth, shared by every queue of that name (all the kubelets' queues count together).
    final class Depth {
        private(set) var current = 0
        fileprivate(set) var peak = 0

        func added() {
            current += 1
            if current > peak { peak = current }
        }

        func removed() { current -= 1 }
    }

    private var depths: [String: Depth] = [:]

    init() {}

    /// The counter queues named `name` share.
    func depth(_ name: String) -> Depth {
        if let depth = depths[name] { return depth }
        let depth = Depth()
        depths[name] = depth
        return depth
    }

    public var current: [String: Int] { depths.mapValues(\.current) }
    public var peak: [String: Int] { depths.mapValues(\.peak) }

    /// Starts a new measurement: peaks begin again from the depths now.
    public func resetPeaks() {
        for depth in depths.values { depth.peak = depth.current }
    }
}
