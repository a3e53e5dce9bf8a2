import Commands
import Foundation

/// The figures `bench-api` prints, as text beside their goals or as one JSON object.
struct BenchAPIReport {
    struct Latency {
        var seconds: [Double]
        var bytes: Int

        func percentile(_ p: Int) -> Double {
            let sorted = seconds.sorted()
            return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * p / 100)]
        }

        var json: JSONValue {
            .object([("runs", .int(Int64(seconds.count))), ("p50Seconds", Self.number(percentile(50))),
                     ("p99Seconds", Self.number(percentile(99))), ("bytes", .int(Int64(bytes)))])
        }

        static func number(_ value: Double) -> JSONValue { .number(String(format: "%.6f", value)) }
    }

    struct Watch {
        var watchers: Int
        /// Pod changes the store made during the storm.
        var expected: Int
        /// From the first scale request until the storm settled (the store's last change).
        var stormSeconds: Double
        var stormStart: UInt64
        var counts: [BenchWatchClient.Counts]

        /// Every watcher got every change, and none was closed by the server.
        var complete: Bool { counts.allSatisfy { $0.total == expected && !$0.closedByServer } }
        var dropped: Int { counts.filter(\.closedByServer).count }

        /// Events per second of wall time for one watcher, from the storm's start to its last event.
        func rate(_ c: BenchWatchClient.Counts) -> Double {
            c.last > stormStart ? Double(c.total) / (Double(c.last - stormStart) / 1e9) : 0
        }

        /// How long after the storm settled the last event reached the slowest watcher.
        var trailingSeconds: Double {
            let settled = stormStart + UInt64(stormSeconds * 1e9)
            let last = counts.map(\.last).max() ?? 0
            return last > settled ? Double(last - settled) / 1e9 : 0
        }
    }

    var nodes = 0
    var pods = 0
    /// Replicas per deployment (the storm scales each from this to 0 and back).
    var replicas = 0
    var buildSeconds = 0.0
    var listJSON = Latency(seconds: [], bytes: 0)
    var listTable = Latency(seconds: [], bytes: 0)
    var getPod = Latency(seconds: [], bytes: 0)
    var watch: Watch?
    var peakMiB = 0.0

    private static func mib(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MiB", Double(bytes) / 1048576) : String(format: "%.1f KiB", Double(bytes) / 1024)
    }

    private static func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }

    var text: String {
        let goal = BenchAPICommand.listGoal
        func listLine(_ name: String, _ l: Latency) -> String {
            let met = l.percentile(50) < goal ? "met" : "MISSED"
            return "\(name): p50 \(Self.ms(l.percentile(50))), p99 \(Self.ms(l.percentile(99))) over \(l.seconds.count) runs, \(Self.mib(l.bytes))  (goal: under \(Int(goal * 1000)) ms, \(met))"
        }
        var lines = [
            "nodes: \(nodes)  pods: \(pods) (built in \(String(format: "%.1f", buildSeconds)) s of wall time)",
            listLine("list pods, all namespaces, JSON", listJSON),
            listLine("list pods, all namespaces, Table", listTable),
            "get pod: p50 \(Self.ms(getPod.percentile(50))), p99 \(Self.ms(getPod.percentile(99))) over \(getPod.seconds.count) runs, \(Self.mib(getPod.bytes))",
        ]
        if let watch {
            let rates = watch.counts.map(watch.rate)
            lines.append("watch during a scale storm (every deployment \(replicas) → 0 → \(replicas) through the API): \(watch.watchers) watchers, \(watch.expected) pod changes in \(String(format: "%.1f", watch.stormSeconds)) s")
            lines.append(String(format: "  events delivered per watcher: min %.0f/s, max %.0f/s; last event %.2f s after the storm settled",
                                rates.min() ?? 0, rates.max() ?? 0, watch.trailingSeconds))
            let got = watch.counts.map { "\($0.total)" }.joined(separator: " ")
            let c = watch.counts.first ?? BenchWatchClient.Counts()
            lines.append("  events per watcher: \(got) of \(watch.expected) (first watcher: \(c.added) ADDED, \(c.modified) MODIFIED, \(c.deleted) DELETED, \(c.other) other)")
            lines.append("  every watcher got every change: \(watch.complete ? "yes" : "NO"); closed by the server: \(watch.dropped)  (goal: keep up, no drops, \(watch.complete ? "met" : "MISSED"))")
            if let failure = watch.counts.compactMap(\.failure).first { lines.append("  watch failure: \(failure)") }
        }
        lines.append(String(format: "peak memory: %.0f MiB", peakMiB))
        return lines.joined(separator: "\n")
    }

    var json: String {
        var fields: [(String, JSONValue)] = [
            ("nodes", .int(Int64(nodes))), ("pods", .int(Int64(pods))), ("buildSeconds", Latency.number(buildSeconds)),
            ("listJSON", listJSON.json), ("listTable", listTable.json), ("getPod", getPod.json),
        ]
        if let watch {
            fields.append(("watch", .object([
                ("watchers", .int(Int64(watch.watchers))), ("podChanges", .int(Int64(watch.expected))),
                ("stormSeconds", Latency.number(watch.stormSeconds)),
                ("eventsPerWatcher", .array(watch.counts.map { .int(Int64($0.total)) })),
                ("eventsPerSecondPerWatcher", .array(watch.counts.map { Latency.number(watch.rate($0)) })),
                ("trailingSeconds", Latency.number(watch.trailingSeconds)),
                ("closedByServer", .int(Int64(watch.dropped))), ("complete", .bool(watch.complete)),
            ])))
        }
        fields.append(("peakMiB", Latency.number(peakMiB)))
        return JSONValue.object(fields).prettyJSON()
    }
}
