import Cluster

/// A demo written down: the steps a presenter would type and say, played the same way headless
/// (`kubesim run --scenario`) and on the dashboard. The name is the file's base name.
public struct Scenario: Equatable, Sendable {
    public var name: String
    /// One line, shown by `kubesim scenarios`.
    public var description: String
    public var steps: [ScenarioStep]

    public init(name: String, description: String, steps: [ScenarioStep]) {
        self.name = name
        self.description = description
        self.steps = steps
    }
}

/// One step of a scenario, as written in its YAML file.
public enum ScenarioStep: Equatable, Sendable {
    /// A line for the session: kubectl, `sleep`, `sim …`.
    case run(String)
    /// Text for the caption band, so the audience can read what is happening.
    case caption(String)
    /// Let virtual time pass.
    case sleep(SimDuration)
    /// Let virtual time pass until the cluster reaches a state; fail after `timeout`.
    case wait(condition: WaitCondition, timeout: SimDuration)
    /// Hand control to the presenter (headless playback notes it and goes on).
    case pause

    /// The word that starts the step in a scenario file.
    public var keyword: String {
        switch self {
        case .run: "run"
        case .caption: "caption"
        case .sleep: "sleep"
        case .wait: "wait"
        case .pause: "pause"
        }
    }
}
