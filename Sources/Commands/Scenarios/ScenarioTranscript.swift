import Cluster

/// The words scenario playback prints, shared by the headless runner and the dashboard's player
/// so a rehearsal transcript reads like the show: commands as the headless shell echoes them,
/// everything else as `#` comments.
public enum ScenarioTranscript {
    /// The line announcing a step before it starts.
    public static func header(_ step: ScenarioStep) -> String {
        switch step {
        case .run(let line): "$ \(line)\n"
        case .caption(let text): "# caption: \(text)\n"
        case .sleep(let duration): "$ sleep \(format(duration))\n"
        case .wait(let condition, let timeout): "# wait: \(condition) (timeout \(format(timeout)))\n"
        case .pause: "# pause\n"
        }
    }

    /// A wait that succeeded, with the virtual time it took.
    static func waited(_ elapsed: SimDuration) -> String { "# ok after \(format(elapsed))\n" }

    /// Why step `number` (1-based) stopped the scenario.
    static func failure(scenario: String, number: Int, step: ScenarioStep) -> String {
        let reason = switch step {
        case .wait(let condition, let timeout): "timed out after \(format(timeout)) waiting for \(condition)"
        case .run(let line): "command failed: \(line)"
        default: "failed"
        }
        return "error: scenario \(scenario): step \(number): \(reason)"
    }

    /// Durations as people write them in a scenario: seconds up to two minutes (`60s`, `4.2s`,
    /// like kubectl's ages), then Go's form without zero units (`2m`, `1h30m`).
    public static func format(_ duration: SimDuration) -> String {
        let ms = duration.milliseconds
        if ms >= 0 && ms < 1000 && ms != 0 { return "\(ms)ms" }
        if ms >= 0 && ms < 120_000 {
            var text = String(ms / 1000)
            if ms % 1000 != 0 {
                var fraction = String(ms % 1000)
                fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
                while fraction.hasSuffix("0") { fraction.removeLast() }
                text += "." + fraction
            }
            return text + "s"
        }
        var text = GoDuration.format(duration)
        if text.hasSuffix("m0s") { text.removeLast(2) }
        if text.hasSuffix("h0m") { text.removeLast(2) }
        return text
    }
}
