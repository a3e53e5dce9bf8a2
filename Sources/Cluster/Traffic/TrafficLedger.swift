/// Requests the cluster's pods answered, counted as they happen (simulated traffic, port-forwards
/// and `sim serve` alike): per pod, totals and per-second counts for the last minute of virtual
/// time, and the same for the whole cluster, so the dashboard reads rates without scanning.
public final class TrafficLedger {
    /// Seconds of per-second counts kept.
    public static let window = 60

    /// One second's count.
    public struct Second: Equatable, Sendable {
        public var second: Int64
        public var requests: Int
        public var errors: Int
    }

    /// What one pod has answered so far.
    public struct PodTally: Equatable, Sendable {
        public var podName: String
        public var namespace: String
        /// The service whose traffic reached the pod last (nil: only port-forwards).
        public var service: String? = nil
        public var served = 0
        public var failed = 0
        fileprivate var recent: [Second] = []
    }

    public private(set) var pods: [String: PodTally] = [:]
    private var clusterSeconds: [Second] = []
    public private(set) var totalRequests = 0
    public private(set) var totalErrors = 0

    /// Whether the pod a tally belongs to still exists (the cluster answers from its store).
    var podExists: (_ uid: String, _ tally: PodTally) -> Bool = { _, _ in true }
    /// The second the tallies of gone pods were last swept.
    private var lastSweep: Int64 = 0

    public init() {}

    /// A request (or `count` of them) reached the pod `podUID` at `time`; `ok` false when it failed there.
    public func record(podUID: String, podName: String, namespace: String, service: String? = nil, ok: Bool, at time: SimTime, count: Int = 1) {
        guard count > 0 else { return }
        let second = time.milliseconds / 1000
        sweepGonePods(at: second)
        var tally = pods[podUID] ?? PodTally(podName: podName, namespace: namespace)
        if let service { tally.service = service }
        if ok { tally.served += count } else { tally.failed += count }
        Self.count(&tally.recent, second: second, requests: count, ok: ok)
        pods[podUID] = tally
        Self.count(&clusterSeconds, second: second, requests: count, ok: ok)
        totalRequests += count
        if !ok { totalErrors += count }
    }

    /// A request (or `count`) found no endpoint to go to (kube-proxy rejected it): a cluster-wide error.
    public func recordUnrouted(at time: SimTime, count: Int = 1) {
        guard count > 0 else { return }
        Self.count(&clusterSeconds, second: time.milliseconds / 1000, requests: count, ok: false)
        totalRequests += count
        totalErrors += count
    }

    /// Requests per second the pod answered over the last `seconds` whole seconds before `now`.
    public func requestsPerSecond(podUID: String, at now: SimTime, over seconds: Int = 5) -> Double {
        guard let recent = pods[podUID]?.recent else { return 0 }
        return Self.rate(recent, at: now, over: seconds)
    }

    /// Requests per second across the cluster over the last `seconds` whole seconds before `now`.
    public func requestsPerSecond(at now: SimTime, over seconds: Int = 5) -> Double { Self.rate(clusterSeconds, at: now, over: seconds) }

    /// The cluster's counts for each of the last `seconds` whole seconds before `now`, oldest
    /// first, zero where nothing happened.
    public func history(at now: SimTime, seconds: Int = TrafficLedger.window) -> [Second] {
        let current = now.milliseconds / 1000
        let byTime = Dictionary(clusterSeconds.map { ($0.second, $0) }, uniquingKeysWith: { $1 })
        return (current - Int64(seconds)..<current).map { byTime[$0] ?? Second(second: $0, requests: 0, errors: 0) }
    }

    /// The pod is gone and no longer shown.
    public func forget(podUID: String) { pods.removeValue(forKey: podUID) }

    /// Once a window, forget the tallies of pods that are gone and have been quiet for a whole
    /// window (their rate is zero), so a long demo's churn does not pile up.
    private func sweepGonePods(at second: Int64) {
        guard second - lastSweep >= Int64(Self.window) else { return }
        lastSweep = second
        let quietSince = second - Int64(Self.window)
        for (uid, tally) in pods where (tally.recent.last?.second ?? 0) < quietSince && !podExists(uid, tally) {
            pods.removeValue(forKey: uid)
        }
    }

    private static func count(_ seconds: inout [Second], second: Int64, requests: Int, ok: Bool) {
        if seconds.last?.second != second {
            seconds.append(Second(second: second, requests: 0, errors: 0))
            if seconds.count > window { seconds.removeFirst(seconds.count - window) }
        }
        seconds[seconds.count - 1].requests += requests
        if !ok { seconds[seconds.count - 1].errors += requests }
    }

    private static func rate(_ recent: [Second], at now: SimTime, over seconds: Int) -> Double {
        let current = now.milliseconds / 1000
        let from = current - Int64(seconds)
        let total = recent.reduce(0) { $1.second >= from && $1.second < current ? $0 + $1.requests : $0 }
        return Double(total) / Double(max(seconds, 1))
    }
}
