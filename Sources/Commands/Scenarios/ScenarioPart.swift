/// One caption of a scenario as the audience saw it, kept so the presenter can show it again
/// without running anything: the caption and what its printing steps printed.
public struct ScenarioPart: Equatable, Sendable {
    /// The caption's text; nil for steps played before the scenario's first caption.
    public var caption: String?
    /// What each printing step (`kubectl get`, `describe`) of this part printed, in order.
    public var printed: [PrintedStep] = []

    public init(caption: String?, printed: [PrintedStep] = []) {
        self.caption = caption
        self.printed = printed
    }
}

/// A command line of a scenario and everything it printed, both streams in order.
public struct PrintedStep: Equatable, Sendable {
    public var line: String
    public var output: CommandOutput

    public init(line: String, output: CommandOutput) {
        self.line = line
        self.output = output
    }
}
