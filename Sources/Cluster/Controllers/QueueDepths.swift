/// How many keys wait in the controllers' work queues, by queue name, and the most that waited
/// since the last reset: what `kubesim bench` prints to show where a scenario's work piles up.
/// Counting costs an addition per key; nothing here changes what the simulation does.
public final class QueueDepths {
    public private(set) var current: [String: Int] = [:]
    public private(set) var peak: [String: Int] = [:]

    init() {}

    func added(_ name: String) {
        let depth = current[name, default: 0] + 1
        current[name] = depth
        if depth > peak[name, default: 0] { peak[name] = depth }
    }

    func removed(_ name: String) { current[name, default: 0] -= 1 }

    /// Starts a new measurement: peaks begin again from the depths now.
    public func resetPeaks() { peak = current }
}
