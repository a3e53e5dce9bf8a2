/// apps/v1 DaemonSetUpdateStrategy: RollingUpdate (maxUnavailable 1, maxSurge 0 by default) or OnDelete.
public struct DaemonSetUpdateStrategy: Equatable, Sendable {
    public var type = "RollingUpdate"
    /// An integer or a percentage, as written.
    public var maxUnavailable = "1"
    public var maxSurge = "0"
    public init() {}
}

public struct DaemonSetSpec: Equatable, Sendable {
    public var selector: LabelSelector
    public var template: PodTemplate
    public var updateStrategy = DaemonSetUpdateStrategy()
    public var minReadySeconds = 0
    public var revisionHistoryLimit = 10

    public init(selector: LabelSelector, template: PodTemplate) {
        self.selector = selector
        self.template = template
    }
}

public struct DaemonSetStatus: Equatable, Sendable {
    public var currentNumberScheduled = 0
    public var numberMisscheduled = 0
    public var desiredNumberScheduled = 0
    public var numberReady = 0
    public var observedGeneration: Int64 = 0
    public var updatedNumberScheduled = 0
    public var numberAvailable = 0
    public var numberUnavailable = 0
    public init() {}
}

/// apps/v1 DaemonSet: one pod per eligible node.
public struct DaemonSet: APIObject, Equatable {
    public static let kind = Kind.daemonSet
    public var metadata: ObjectMeta
    public var spec: DaemonSetSpec
    public var status = DaemonSetStatus()

    public init(metadata: ObjectMeta, spec: DaemonSetSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}
