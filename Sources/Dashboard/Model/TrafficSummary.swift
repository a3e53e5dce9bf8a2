import Cluster
import Commands

/// What the Traffic pane and the Pods pane's REQ/S column show, read from the cluster's
/// traffic ledger for one frame: the rate of each pod that has answered requests, the total,
/// the share that failed, and the last minute second by second. Only the ledger's own tallies
/// are read (pods that served traffic), never a scan of every pod.
struct TrafficSummary {
    struct PodRate: Equatable {
        var name: String
        var namespace: String
        /// Requests per second over the last `rateWindow` seconds.
        var rate: Double
    }

    /// Seconds the rates average over (the ledger's default), so a rate reads steadily.
    static let rateWindow = 5

    /// Requests per second across the cluster, answered or not.
    var total: Double
    /// The share of the last `rateWindow` seconds' requests that failed (0...1).
    var errorRatio: Double
    /// Pods that still exist or answered in the last few seconds, by name (the shown namespace first).
    var pods: [PodRate]
    /// The cluster's counts for each second of the last minute, oldest first.
    var seconds: [TrafficLedger.Second]

    init(cluster: Cluster, namespace: String) {
        let ledger = cluster.traffic
        let now = cluster.now
        seconds = ledger.history(at: now, seconds: TrafficLedger.window)
        total = ledger.requestsPerSecond(at: now, over: Self.rateWindow)
        let recent = seconds.suffix(Self.rateWindow)
        let requests = recent.reduce(0) { $0 + $1.requests }
        errorRatio = requests == 0 ? 0 : Double(recent.reduce(0) { $0 + $1.errors }) / Double(requests)
        // A pod that is gone keeps its row while its rate falls to zero, then leaves.
        pods = ledger.pods.compactMap { uid, tally in
            let rate = ledger.requestsPerSecond(podUID: uid, at: now, over: Self.rateWindow)
            let exists = cluster.store.get(Pod.self, tally.podName, namespace: tally.namespace)?.metadata.uid == uid
            guard exists || rate > 0 else { return nil }
            return PodRate(name: tally.podName, namespace: tally.namespace, rate: rate)
        }.sorted { ($0.namespace != namespace ? 1 : 0, $0.namespace, $0.name) < ($1.namespace != namespace ? 1 : 0, $1.namespace, $1.name) }
    }

    /// Requests arrived in the last minute: the pane is worth its place.
    var isFlowing: Bool { seconds.contains { $0.requests > 0 } }

    /// Whether requests ever arrived: from then on the Pods pane has a REQ/S column.
    static func hasTraffic(_ cluster: Cluster) -> Bool { cluster.traffic.totalRequests > 0 }

    /// The REQ/S cell of a pod: blank when it never answered a request, else its rate.
    static func rateCell(podUID: String, cluster: Cluster) -> String {
        guard cluster.traffic.pods[podUID] != nil else { return "" }
        return format(cluster.traffic.requestsPerSecond(podUID: podUID, at: cluster.now, over: rateWindow))
    }

    static func format(_ rate: Double) -> String { RateText.perSecond(rate) }

    static func percent(_ ratio: Double) -> String { RateText.percent(ratio) }
}
