import Cluster

/// Plays a scenario headless, for CI and rehearsal: prints every step the way the headless shell
/// would (`$ ` and the command, then its output; captions, waits and pauses as `#` lines), runs
/// each step to completion in virtual time, does not stop at pauses, and stops at the first step
/// that fails (a command that fails, a wait that times out) with the step number.
public enum ScenarioRunner {
    /// Returns false if a step failed; its error went to standard error through `write`.
    @discardableResult
    public static func run(_ scenario: Scenario, session: Session,
                           write: (CommandOutput.Stream, String) -> Void) -> Bool {
        var atLineStart = true
        for (index, step) in scenario.steps.enumerated() {
            // Like an interactive shell, start the next line fresh when output (say, a jsonpath
            // result) did not end with a newline.
            write(.out, (atLineStart ? "" : "\n") + ScenarioTranscript.header(step))
            atLineStart = true
            let output = complete(step, session: session)
            for chunk in output.chunks {
                write(chunk.stream, chunk.text)
                atLineStart = chunk.text.hasSuffix("\n")
            }
            if output.failed {
                write(.err, ScenarioTranscript.failure(scenario: scenario.name, number: index + 1, step: step) + "\n")
                return false
            }
        }
        return true
    }

    /// Runs one step until it is over: commands the way the headless shell runs them, sleeps
    /// and waits until their condition or deadline.
    private static func complete(_ step: ScenarioStep, session: Session) -> CommandOutput {
        if case .run(let line) = step { return session.runToCompletion(line) }
        let execution = step.start(on: session)
        var output = execution.output
        guard let operation = execution.operation else { return output }
        // Sleeps and waits finish by their own deadline at the latest, which is where time stops.
        let limit: SimDuration = switch step {
        case .sleep(let duration): duration
        case .wait(_, let timeout): timeout
        default: .zero
        }
        let cluster = session.cluster
        cluster.advance(until: { operation.poll(cluster, into: &output) }, timeout: limit)
        return output
    }
}
