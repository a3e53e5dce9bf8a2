import Cluster

/// Plays a scenario on a live screen, one presenter-sized segment at a time: each `advance`
/// plays the steps up to the next `pause` (or the end) while the cluster keeps running.
///
/// How a UI drives it:
/// 1. When the presenter asks for the next part, call `advance(session:)`. It runs at once every
///    step that finishes at once (captions, `kubectl get`) and returns an `Execution` like a typed
///    command: the transcript so far, and an `operation` still running (a wait, a sleep, a drain)
///    or nil when the segment is already over.
/// 2. On every tick, as for any long command, call `operation.poll(cluster, into: &output)` and
///    show what it wrote; draw `currentCaption` in the caption band. `poll` returns true when the
///    segment reached a pause or the end (`isFinished`) or a step failed (`failure`).
/// 3. `back()` shows the previous caption again; the next `advance` plays on from there. The
///    cluster is not rewound: steps replay against the cluster as it is now.
public final class ScenarioPlayer {
    public let scenario: Scenario
    /// The index (0-based) of the next step to start; `scenario.steps.count` once all started.
    public private(set) var position = 0
    /// The text of the latest caption played, for the caption band; nil before the first.
    public private(set) var currentCaption: String?
    /// The error of the step that stopped the last segment (`error: scenario NAME: step N: …`).
    public private(set) var failure: String?

    /// Index of the step whose caption is shown, so `back()` knows where "previous" is.
    private var captionIndex: Int?
    /// The segment now playing; `back()` and the end of a segment clear it, which also stops a
    /// segment the UI still polls.
    private var segment: Segment?

    public init(scenario: Scenario) { self.scenario = scenario }

    /// A segment is still running (its operation has not finished).
    public var isPlaying: Bool { segment != nil }
    /// Every step has been played.
    public var isFinished: Bool { position >= scenario.steps.count && segment == nil }

    /// Plays steps until the next pause or the end. While a segment still plays, it does nothing
    /// and returns an empty Execution: the presenter waits for the cluster, as the audience does.
    public func advance(session: Session) -> Execution {
        guard segment == nil, position < scenario.steps.count else { return Execution() }
        failure = nil
        let segment = Segment(player: self, session: session)
        self.segment = segment
        var output = CommandOutput()
        if segment.poll(session.cluster, into: &output) { return Execution(output: output) }
        return Execution(output: output, operation: segment)
    }

    /// Goes back to the caption before the one shown (or to the start when there is none),
    /// stopping the segment now playing.
    public func back() {
        segment = nil
        failure = nil
        guard let shown = captionIndex else {
            position = 0
            return
        }
        let previous = scenario.steps[..<shown].lastIndex { if case .caption = $0 { true } else { false } }
        if let previous, case .caption(let text) = scenario.steps[previous] {
            captionIndex = previous
            currentCaption = text
            position = previous
        } else {
            captionIndex = nil
            currentCaption = nil
            position = 0
        }
    }

    /// Starts and polls steps in order until one is still running, a pause, the end, or a
    /// failure. Returns true when the segment is over.
    fileprivate func play(_ segment: Segment, into output: inout CommandOutput) -> Bool {
        let cluster = segment.session.cluster
        while true {
            if let running = segment.running {
                var stepOutput = CommandOutput()
                let done = running.operation.poll(cluster, into: &stepOutput)
                output.append(stepOutput)
                guard done else { return false }
                segment.running = nil
                if running.failed || stepOutput.failed { return fail(at: running.index, into: &output) }
            }
            guard position < scenario.steps.count else { return end() }
            let index = position
            let step = scenario.steps[index]
            position += 1
            output.out(ScenarioTranscript.header(step))
            switch step {
            case .pause: return end()
            case .caption(let text):
                currentCaption = text
                captionIndex = index
            default: break
            }
            let execution = step.start(on: segment.session)
            output.append(execution.output)
            if let operation = execution.operation {
                // A command may fail in part at once and still run on (a delete of one missing
                // and one present pod); it counts as failed when it ends.
                segment.running = (index, operation, execution.output.failed)
            } else if execution.output.failed {
                return fail(at: index, into: &output)
            }
        }
    }

    private func fail(at index: Int, into output: inout CommandOutput) -> Bool {
        let message = ScenarioTranscript.failure(scenario: scenario.name, number: index + 1, step: scenario.steps[index])
        failure = message
        output.fail(message)
        return end()
    }

    private func end() -> Bool {
        segment = nil
        return true
    }
}

/// The steps between two pauses, as one running command the UI polls.
private final class Segment: ClusterOperation {
    weak var player: ScenarioPlayer?
    let session: Session
    /// The step started last and still running: its index, and whether it failed at once.
    var running: (index: Int, operation: any ClusterOperation, failed: Bool)?

    init(player: ScenarioPlayer, session: Session) {
        self.player = player
        self.session = session
    }

    func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool {
        // A segment the player let go of (back(), or already over) has nothing more to do.
        guard let player, player.isCurrent(self) else { return true }
        return player.play(self, into: &output)
    }
}

extension ScenarioPlayer {
    fileprivate func isCurrent(_ candidate: Segment) -> Bool { segment === candidate }
}
