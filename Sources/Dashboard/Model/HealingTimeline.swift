import Cluster

/// One step of a healing chain, as the timeline pane shows it.
public struct HealingStep: Equatable, Sendable {
    public enum State: Sendable {
        case done, active, pending
        /// Something went wrong that holds the story up (a rollout stalled, a pod failing).
        case failed
    }
    public var state: State
    public var time: SimTime?
    public var text: String
    public var actor: String
}

/// The latest disruption (or scale) and how the cluster is dealing with it, step by step.
public struct HealingTimeline: Equatable, Sendable {
    /// What kind of story the steps tell; the pane's title names it.
    public enum Kind: String, Sendable {
        /// A pod was lost (deleted, evicted, relabeled away, its node lost): it gets replaced.
        case healing = "Healing"
        /// Fewer replicas wanted: pods are chosen by rank and deleted, nothing replaces them.
        case scaleDown = "Scale-down"
        /// More replicas wanted: new pods are created.
        case scaleUp = "Scale-up"
        /// A ReplicaSet found more matching pods than it wants (an orphan adopted back).
        case surplus = "Surplus"
        /// A pod no controller owns was deleted: nothing replaces it.
        case unowned = "Not replaced"
        /// A deployment's template changed: a new ReplicaSet grows as the old ones shrink.
        case rollout = "Rollout"
    }

    public var kind: Kind
    public var title: String
    public var steps: [HealingStep]

    /// `Healing: pod web-1 deleted`, `Scale-down: deployment web 3 → 2`.
    public var heading: String { "\(kind.rawValue): \(title)" }
    public var isComplete: Bool { steps.allSatisfy { $0.state == .done } }
}
