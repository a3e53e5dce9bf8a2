import Cluster

/// Plays a scenario on a live screen, one presenter-sized segment at a time: each `advance`
/// plays the steps up to the next `pause` (or the end) while the cluster keeps running. Every
/// step runs at most once: going back and forth only shows again what was already played.
///
/// How a UI drives it:
/// 1. When the presenter asks for the next part, call `advance(session:)`. At the latest part
///    played, it runs at once every step that finishes at once (captions, `kubectl get`) and
///    returns an `Execution` like a typed command: the transcript so far, and an `operation`
///    still running (a wait, a sleep, a drain) or nil when the segment is already over.
/// 2. On every tick, as for any long command, call `operation.poll(cluster, into: &output)` and
///    show what it wrote; draw `currentCaption` in the caption band and `shown?.printed` where the
///    audience sees it. `poll` returns true when the segment reached a pause or the end
///    (`isFinished`) or a step failed (`failure`).
/// 3. `back()` shows the previous part again (its caption and what it printed); the cluster is
///    not rewound and a segment still playing plays on. While an earlier part is shown
///    (`canWalkForward`), `advance` shows the next part played instead of running anything;
///    only past the latest part does it run the steps never played.
public final class ScenarioPlayer {
    public let scenario: Scenario
    /// The index (0-based) of the next step never started: the furthest the show got.
    /// `scenario.steps.count` once all started. Steps before it never run again.
    public private(set) var position = 0
    /// Each caption played so far, with what its steps printed, in order.
    public private(set) var parts: [ScenarioPart] = []
    /// The part on screen, an index into `parts`; nil before the first.
    public private(set) var shownPart: Int?
    /// The error of the step that stopped the last segment (`error: scenario NAME: step N: …`).
    public private(set) var failure: String?

    /// The segment now playing; the end of a segment clears it.
    private var segment: Segment?
    /// Starts a step; tests count the steps started through it.
    private let startStep: (ScenarioStep, Session) -> Execution

    public init(scenario: Scenario, startStep: @escaping (ScenarioStep, Session) -> Execution = { $0.start(on: $1) }) {
        self.scenario = scenario
        self.startStep = startStep
    }

    /// The part on screen, nil before the first.
    public var shown: ScenarioPart? { shownPart.map { parts[$0] } }
    /// The caption of the part on screen, for the caption band.
    public var currentCaption: String? { shown?.caption }
    /// A segment is still running (its operation has not finished).
    public var isPlaying: Bool { segment != nil }
    /// Every step has been played.
    public var isFinished: Bool { position >= scenario.steps.count && segment == nil }
    /// An earlier part is on screen: the next `advance` shows the one after it, running nothing.
    public var canWalkForward: Bool { (shownPart ?? -1) < parts.count - 1 }

    /// Shows the next part already played; otherwise plays new steps until the next pause or the
    /// end. While a segment still plays and the latest part is on screen, it does nothing and
    /// returns an empty Execution: the presenter waits for the cluster, as the audience does.
    public func advance(session: Session) -> Execution {
        if canWalkForward {
            shownPart = (shownPart ?? -1) + 1
            return Execution()
        }
        guard segment == nil, position < scenario.steps.count else { return Execution() }
        failure = nil
        let segment = Segment(player: self, session: session)
        self.segment = segment
        var output = CommandOutput()
        if segment.poll(session.cluster, into: &output) { return Execution(output: output) }
        return Execution(output: output, operation: segment)
    }

    /// Shows the part before the one on screen (nothing before the first). Nothing runs, nothing
    /// stops: a segment still playing goes on, and records its parts without taking the screen.
    public func back() {
        guard let shown = shownPart else { return }
        shownPart = shown > 0 ? shown - 1 : nil
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
                if running.prints { record(stepOutput) }
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
            case .caption(let text): begin(ScenarioPart(caption: text))
            case .run(let line) where step.printsForTheAudience:
                if parts.isEmpty { begin(ScenarioPart(caption: nil)) }
                parts[parts.count - 1].printed.append(PrintedStep(line: line, output: CommandOutput()))
            default: break
            }
            let execution = startStep(step, segment.session)
            output.append(execution.output)
            if step.printsForTheAudience { record(execution.output) }
            if let operation = execution.operation {
                // A command may fail in part at once and still run on (a delete of one missing
                // and one present pod); it counts as failed when it ends.
                segment.running = (index, operation, execution.output.failed, step.printsForTheAudience)
            } else if execution.output.failed {
                return fail(at: index, into: &output)
            }
        }
    }

    /// A new part; the screen follows it when it showed the latest part (the presenter did not
    /// walk back meanwhile).
    private func begin(_ part: ScenarioPart) {
        let following = shownPart == parts.indices.last
        parts.append(part)
        if following { shownPart = parts.count - 1 }
    }

    /// Adds what the printing step started last wrote to its part.
    private func record(_ output: CommandOutput) {
        guard let part = parts.indices.last, let step = parts[part].printed.indices.last else { return }
        parts[part].printed[step].output.append(output)
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
    /// The step started last and still running: its index, whether it failed at once, and
    /// whether the audience sees what it prints.
    var running: (index: Int, operation: any ClusterOperation, failed: Bool, prints: Bool)?

    init(player: ScenarioPlayer, session: Session) {
        self.player = player
        self.session = session
    }

    func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool {
        // A segment the player let go of (already over) has nothing more to do.
        guard let player, player.isCurrent(self) else { return true }
        return player.play(self, into: &output)
    }
}

extension ScenarioPlayer {
    fileprivate func isCurrent(_ candidate: Segment) -> Bool { segment === candidate }
}
