import Cluster

/// Command lines the dashboard runs a slice at a time, between frames: a preset's 1,500
/// `kubectl create deployment` lines would otherwise keep the first frame waiting. Each line
/// is run as a key or `:` runs it (Session.execute), in order, as one batch (the work a line
/// sets off waits for the clock, not for the next line); the status line counts them.
struct QueuedLines {
    /// What the lines make, for the status line (`preset large`).
    var label: String
    var lines: [String]
    var done = 0
    var failed = 0
    var firstError: String?

    var finished: Bool { done == lines.count }
}

extension Dashboard {
    /// Runs `lines` over the next frames, as many each tick as the slice budget allows (at least one).
    public func runBetweenFrames(_ lines: [String], label: String) {
        queuedLines = QueuedLines(label: label, lines: lines)
        status = StatusMessage(text: "\(label): 0/\(lines.count) commands run", isError: false, at: cluster.now, byRunningCommand: true)
    }

    /// Whether queued lines are still waiting to run.
    public var hasQueuedLines: Bool { queuedLines.map { !$0.finished } ?? false }

    /// Runs the next queued lines within `sliceBudget`.
    func runQueuedLines() {
        guard var queue = queuedLines, !queue.finished else { return }
        let clock = ContinuousClock()
        let start = clock.now
        var ran = 0
        repeat {
            // Sent as one batch: the cluster works on them as its clock moves, frame by frame.
            let output = session.execute(queue.lines[queue.done], finishingDueWork: false).output
            if output.failed {
                queue.failed += 1
                if queue.firstError == nil { queue.firstError = output.stderr.split(separator: "\n").first.map(String.init) }
            }
            queue.done += 1
            ran += 1
        } while !queue.finished && Self.mayRunAnother(after: ran, since: start, clock: clock, budget: sliceBudget)
        queuedLines = queue
        var text = "\(queue.label): \(queue.done)/\(queue.lines.count) commands run"
        if queue.failed > 0 { text += ", \(queue.failed) failed (\(queue.firstError ?? "error"))" }
        status = StatusMessage(text: text, isError: queue.failed > 0, at: cluster.now, byRunningCommand: !queue.finished)
    }

    private static func mayRunAnother(after ran: Int, since start: ContinuousClock.Instant, clock: ContinuousClock, budget: SliceBudget) -> Bool {
        switch budget {
        case .unlimited: true
        case .timers(let limit): ran < limit
        case .realTime(let allowance): clock.now - start < allowance
        }
    }
}
