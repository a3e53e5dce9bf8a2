import Cluster

/// A chaos run's script before it meets a cluster: bursts of actions a few seconds to two
/// minutes apart, each followed by a quiet period after which the invariants are checked;
/// then every fault is healed and the cluster settles for the final check. Drawn from its own
/// seeded sequence, so the same seed gives the same plan, and the same bursts in the same
/// order whatever the quiet period (a longer one only spreads them out).
public struct ChaosPlan: Equatable, Sendable {
    public enum Step: Equatable, Sendable {
        case act(ChaosAction)
        case wait(seconds: Int)
        /// Wait `seconds`, then check the invariants that hold whatever faults remain.
        case quiet(seconds: Int)
        /// Wait `seconds` after healing, then check everything, ready equals spec included.
        case settle(seconds: Int)
    }

    public var steps: [Step]

    public init(steps: [Step]) { self.steps = steps }

    /// The shortest quiet period, and the default: long enough for the scheduler's periodic
    /// retry of unschedulable pods (5 min) and a rollout of a few dozen pods.
    public static let quietSeconds = 600
    public static let settleSeconds = 1800

    /// `quietSeconds` (at least the default) sets the rate: one burst per quiet period and a
    /// few minutes, about 2,700 actions in 10⁶ s at the default and about 550 with an hour.
    public static func generate(seed: UInt64, durationSeconds: Int, kinds: Set<ChaosAction.Kind> = Set(ChaosAction.Kind.allCases),
                                quietSeconds: Int = quietSeconds) -> ChaosPlan {
        precondition(quietSeconds >= Self.quietSeconds, "a quiet period shorter than \(Self.quietSeconds) s checks before the scheduler's retry")
        var random = SeededRandom(seed: seed ^ 0x6368_616f_735f_706c)
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        let kinds = ChaosAction.Kind.allCases.filter(kinds.contains)
        var steps: [Step] = []
        var elapsed = 0
        while !kinds.isEmpty && elapsed + quietSeconds + settleSeconds < durationSeconds {
            for _ in 0..<int(1...4) {
                steps.append(.act(action(kinds[int(0...(kinds.count - 1))], int)))
                let gap = int(1...120)
                steps.append(.wait(seconds: gap))
                elapsed += gap
            }
            steps.append(.quiet(seconds: quietSeconds))
            elapsed += quietSeconds
        }
        steps.append(.act(.heal))
        steps.append(.settle(seconds: max(settleSeconds, durationSeconds - elapsed)))
        return ChaosPlan(steps: steps)
    }

    /// An action of `kind`; paired actions (cordon/uncordon, fail/recover, relabel and back)
    /// come out either way round with equal odds.
    private static func action(_ kind: ChaosAction.Kind, _ int: (ClosedRange<Int>) -> Int) -> ChaosAction {
        let which = int(0...63), other = int(0...63), flip = int(0...1) == 0
        return switch kind {
        case .kill: .killPod(which)
        case .relabel: flip ? .relabelPod(which) : .relabelBack(which)
        case .scale: .scale(deployment: which, replicas: int(0...50))
        case .cordon: flip ? .cordon(node: which) : .uncordon(node: which)
        case .drain: .drain(node: which)
        case .fail: flip ? .failNode(which) : .recoverNode(which)
        case .addNode: .addNode
        case .create: .createDeployment(replicas: int(0...10))
        case .delete: .deleteDeployment(which)
        case .rollout: .rollout(deployment: which, image: other)
        case .badImage: .badImage(deployment: which)
        }
    }
}
