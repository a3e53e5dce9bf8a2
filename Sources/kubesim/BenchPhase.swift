import Cluster
import Commands
import Foundation

/// The figures of one benchmark phase: real time and CPU time it took, the pods it started (or
/// moved, or deleted and started), the virtual time it covered, and how deep the controllers'
/// work queues and the clock's timers grew.
struct BenchPhase {
    let name: String
    var wallSeconds = 0.0
    var cpuSeconds = 0.0
    var pods = 0
    var virtualSeconds = 0
    var completed = false
    /// For a phase that did not complete: how far it got and why the rest wait, worked out by
    /// `explain` (which the phase sets) once the clock has stopped.
    var shortfall: BenchShortfall?
    var explain: (() -> BenchShortfall)?
    var peakQueueDepths: [(name: String, depth: Int)] = []
    var peakTimers = 0

    var podsPerSecond: Double { wallSeconds > 0 ? Double(pods) / wallSeconds : 0 }

    mutating func finish(pods: Int, _ result: (seconds: Int, done: Bool)) {
        self.pods = pods
        virtualSeconds = result.seconds
        completed = result.done
    }

    /// Runs `body` (which calls `finish`) and times it.
    static func measure(_ name: String, _ bench: BenchCluster, _ body: (inout BenchPhase) throws -> Void) throws -> BenchPhase {
        var phase = BenchPhase(name: name)
        let cluster = bench.cluster
        cluster.clock.queueDepths.resetPeaks()
        bench.timers.reset(cluster.clock.pendingTimers)
        let cpu = ProcessUsage.cpuSeconds(), start = DispatchTime.now().uptimeNanoseconds
        try body(&phase)
        phase.wallSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        phase.cpuSeconds = ProcessUsage.cpuSeconds() - cpu
        if !phase.completed { phase.shortfall = phase.explain?() }
        phase.peakTimers = bench.timers.peak
        phase.peakQueueDepths = cluster.clock.queueDepths.peak.filter { $0.value > 0 }
            .sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
        return phase
    }

    var text: String {
        let queues = peakQueueDepths.isEmpty ? "none" : peakQueueDepths.map { "\($0.name) \($0.depth)" }.joined(separator: ", ")
        return ([
            "\(name): \(completed ? "done" : "NOT DONE") after \(virtualSeconds) s of virtual time",
        ] + (shortfall.map { ["  \($0.text)"] } ?? []) + [
            String(format: "  wall time %.2f s, CPU time %.2f s, %d pods, %.0f pods/s of wall time", wallSeconds, cpuSeconds, pods, podsPerSecond),
            "  deepest work queues: \(queues); most timers waiting: \(peakTimers)",
        ]).joined(separator: "\n")
    }

    var json: JSONValue {
        .object([
            ("name", .string(name)), ("completed", .bool(completed)), ("virtualSeconds", .int(Int64(virtualSeconds))),
            ("wallSeconds", Self.number(wallSeconds)), ("cpuSeconds", Self.number(cpuSeconds)),
            ("pods", .int(Int64(pods))), ("podsPerSecond", Self.number(podsPerSecond)),
            ("peakQueueDepths", .object(peakQueueDepths.map { ($0.name, .int(Int64($0.depth))) })),
            ("peakTimers", .int(Int64(peakTimers))),
            ("shortfall", shortfall?.json ?? .null),
        ])
    }

    static func number(_ value: Double) -> JSONValue { .number(String(format: "%.3f", value)) }
}
