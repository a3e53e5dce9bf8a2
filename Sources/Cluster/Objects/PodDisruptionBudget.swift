/// policy/v1 PodDisruptionBudgetSpec: exactly one of minAvailable and maxUnavailable (an integer
/// or a percentage, as written: `2`, `50%`), and the pods it guards.
public struct PodDisruptionBudgetSpec: Equatable, Sendable {
    public var minAvailable: String?
    public var maxUnavailable: String?
    /// nil selects no pods; an empty selector selects every pod of the namespace (policy/v1).
    public var selector: LabelSelector?
    /// `IfHealthyBudget` (what nil means) or `AlwaysAllow`.
    public var unhealthyPodEvictionPolicy: String?

    public init(minAvailable: String? = nil, maxUnavailable: String? = nil, selector: LabelSelector?) {
        self.minAvailable = minAvailable
        self.maxUnavailable = maxUnavailable
        self.selector = selector
    }

    public static let ifHealthyBudget = "IfHealthyBudget"
    public static let alwaysAllow = "AlwaysAllow"
}

/// metav1.Condition, as a PDB's status carries it.
public struct BudgetCondition: Equatable, Sendable {
    public var type: String
    public var status: String
    public var observedGeneration: Int64
    public var lastTransitionTime: SimTime
    public var reason: String
    public var message: String

    public init(type: String, status: String, observedGeneration: Int64, lastTransitionTime: SimTime, reason: String, message: String) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// What the disruption controller last computed, and the evictions it has not yet seen happen.
public struct PodDisruptionBudgetStatus: Equatable, Sendable {
    public var observedGeneration: Int64 = 0
    /// Pods the eviction API let go, by name, with when; the controller forgets each once the pod
    /// is deleted, or after two minutes if it never was.
    public var disruptedPods: [String: SimTime] = [:]
    public var disruptionsAllowed = 0
    public var currentHealthy = 0
    public var desiredHealthy = 0
    public var expectedPods = 0
    public var conditions: [BudgetCondition] = []
    public init() {}

    public func condition(_ type: String) -> BudgetCondition? { conditions.first { $0.type == type } }
}

/// policy/v1 PodDisruptionBudget: how many of a set of pods voluntary disruptions (evictions)
/// must leave running.
public struct PodDisruptionBudget: APIObject, Equatable {
    public static let kind = Kind.podDisruptionBudget
    public var metadata: ObjectMeta
    public var spec: PodDisruptionBudgetSpec
    public var status = PodDisruptionBudgetStatus()

    public init(metadata: ObjectMeta, spec: PodDisruptionBudgetSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    /// Whether the budget guards `pod` (same namespace, selector matches; a nil selector guards none).
    public func guards(_ pod: Pod) -> Bool {
        guard pod.metadata.namespace == metadata.namespace, let selector = spec.selector else { return false }
        return selector.matches(pod.metadata.labels)
    }

    public mutating func truncateToSeconds() {
        if metadata.hasFractionalTimes { metadata.truncateTimesToSeconds() }
        for i in status.conditions.indices where status.conditions[i].lastTransitionTime.hasFraction {
            status.conditions[i].lastTransitionTime = status.conditions[i].lastTransitionTime.wholeSecond
        }
        for (name, time) in status.disruptedPods where time.hasFraction {
            status.disruptedPods[name] = time.wholeSecond
        }
    }
}
