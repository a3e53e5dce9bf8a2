import Cluster

/// A scenario's `wait` step as a running command, so the dashboard can poll it like a drain while
/// the screen stays live. Finishes when the condition holds (printing how long it took) or when
/// the deadline passes (marking the output failed; the caller words the error, since only it
/// knows the scenario and step).
public final class WaitOperation: ClusterOperation {
    public let condition: WaitCondition
    public let started: SimTime
    public let deadline: SimTime
    public private(set) var timedOut = false

    public init(condition: WaitCondition, started: SimTime, timeout: SimDuration) {
        self.condition = condition
        self.started = started
        self.deadline = started + timeout
    }

    public func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool {
        if condition.isMet(cluster) {
            output.out(ScenarioTranscript.waited(cluster.now - started))
            return true
        }
        if cluster.now >= deadline {
            timedOut = true
            output.failed = true
            return true
        }
        return false
    }
}
