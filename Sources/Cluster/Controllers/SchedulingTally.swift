/// What the scheduler's cycles scored: pods placed after scoring, and nodes scored for them in
/// all. kube-scheduler stops filtering once it has found numFeasibleNodesToFind nodes, so on a
/// large cluster each pod is scored against a sample, not every node.
public final class SchedulingTally {
    public private(set) var cycles = 0
    public private(set) var nodesScored = 0

    func scored(_ nodes: Int) {
        cycles += 1
        nodesScored += nodes
    }

    /// Nodes scored per scheduled pod, on average.
    public var nodesScoredPerCycle: Double { cycles == 0 ? 0 : Double(nodesScored) / Double(cycles) }
}
