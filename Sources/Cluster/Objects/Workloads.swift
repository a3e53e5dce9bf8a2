/// The pod template shared by Deployments and ReplicaSets.
public struct PodTemplate: Equatable, Sendable {
    public var labels: [String: String]
    public var annotations: [String: String] = [:]
    public var spec: PodSpec

    public init(labels: [String: String], spec: PodSpec) {
        self.labels = labels
        self.spec = spec
    }
}

public struct DeploymentStrategy: Equatable, Sendable {
    public enum Kind: String, Sendable { case rollingUpdate = "RollingUpdate", recreate = "Recreate" }
    public var type: Kind = .rollingUpdate
    /// An integer or a percentage, as written (`25%`, `1`).
    public var maxSurge: String = "25%"
    public var maxUnavailable: String = "25%"
    public init() {}
}

public struct DeploymentCondition: Equatable, Sendable {
    public var type: String
    public var status: String
    public var reason: String
    public var message: String
    public var lastUpdateTime: SimTime
    public var lastTransitionTime: SimTime
}

public struct DeploymentSpec: Equatable, Sendable {
    public var replicas: Int
    public var selector: LabelSelector
    public var template: PodTemplate
    public var strategy = DeploymentStrategy()
    public var minReadySeconds = 0
    public var revisionHistoryLimit = 10
    public var progressDeadlineSeconds = 600
    public var paused = false

    public init(replicas: Int, selector: LabelSelector, template: PodTemplate) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
    }
}

public struct DeploymentStatus: Equatable, Sendable {
    public var observedGeneration: Int64 = 0
    public var replicas = 0
    public var updatedReplicas = 0
    public var readyReplicas = 0
    public var availableReplicas = 0
    public var unavailableReplicas = 0
    public var collisionCount = 0
    public var conditions: [DeploymentCondition] = []
    public init() {}

    public func condition(_ type: String) -> DeploymentCondition? { conditions.first { $0.type == type } }
}

public struct Deployment: APIObject, Equatable {
    public static let kind = Kind.deployment
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec
    public var status = DeploymentStatus()

    public init(metadata: ObjectMeta, spec: DeploymentSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct ReplicaSetSpec: Equatable, Sendable {
    public var replicas: Int
    public var selector: LabelSelector
    public var template: PodTemplate
    public var minReadySeconds = 0

    public init(replicas: Int, selector: LabelSelector, template: PodTemplate) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
    }
}

public struct ReplicaSetStatus: Equatable, Sendable {
    public var replicas = 0
    public var fullyLabeledReplicas = 0
    public var readyReplicas = 0
    public var availableReplicas = 0
    public var observedGeneration: Int64 = 0
    public init() {}
}

public struct ReplicaSet: APIObject, Equatable {
    public static let kind = Kind.replicaSet
    public var metadata: ObjectMeta
    public var spec: ReplicaSetSpec
    public var status = ReplicaSetStatus()

    public init(metadata: ObjectMeta, spec: ReplicaSetSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// A core/v1 Event, aggregated like Kubernetes' recorder: repeats bump `count` and `lastTimestamp`.
public struct Event: APIObject, Equatable {
    public static let kind = Kind.event
    public struct ObjectReference: Equatable, Sendable, Hashable {
        public var kind: String
        public var name: String
        public var namespace: String
        public var uid: String
        public var apiVersion: String
        /// The part of the object the event is about: `spec.containers{web}` for a container.
        public var fieldPath: String
        public init(kind: String, name: String, namespace: String, uid: String, apiVersion: String, fieldPath: String = "") {
            self.kind = kind
            self.name = name
            self.namespace = namespace
            self.uid = uid
            self.apiVersion = apiVersion
            self.fieldPath = fieldPath
        }
    }

    public var metadata: ObjectMeta
    public var involvedObject: ObjectReference
    public var reason: String
    public var message: String
    public var type: String // Normal or Warning
    public var sourceComponent: String
    public var sourceHost: String
    public var count: Int
    public var firstTimestamp: SimTime
    public var lastTimestamp: SimTime

    public init(metadata: ObjectMeta, involvedObject: ObjectReference, reason: String, message: String, type: String,
                sourceComponent: String, sourceHost: String, count: Int, firstTimestamp: SimTime, lastTimestamp: SimTime) {
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
        self.sourceComponent = sourceComponent
        self.sourceHost = sourceHost
        self.count = count
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
    }

    /// `kubelet, node-1` or `default-scheduler`, as describe's From column prints it.
    public var source: String { sourceHost.isEmpty ? sourceComponent : "\(sourceComponent), \(sourceHost)" }
}
