/// Why a scenario could not be loaded or played, phrased so a person can find the place:
/// `scenarios/x.yaml: step 3: expected one of run, caption, sleep, wait, pause, got "wiat"`.
public struct ScenarioError: Error, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
