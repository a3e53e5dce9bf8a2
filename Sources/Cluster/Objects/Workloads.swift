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

/// Its fields are shared between copies until one is changed (see SharedFields).
public struct Deployment: APIObject, Equatable {
    public static let kind = Kind.deployment

    private struct Fields: Equatable {
        var metadata: ObjectMeta
        var spec: DeploymentSpec
        var status = DeploymentStatus()
    }

    private var shared: SharedFields<Fields>

    public init(metadata: ObjectMeta, spec: DeploymentSpec) {
        shared = SharedFields(Fields(metadata: metadata, spec: spec))
    }

    public var metadata: ObjectMeta {
        _read { yield shared.fields.metadata }
        _modify { yield &shared.fields.metadata }
    }

    public var spec: DeploymentSpec {
        _read { yield shared.fields.spec }
        _modify { yield &shared.fields.spec }
    }

    public var status: DeploymentStatus {
        _read { yield shared.fields.status }
        _modify { yield &shared.fields.status }
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

/// Its fields are shared between copies until one is changed (see SharedFields).
public struct ReplicaSet: APIObject, Equatable {
    public static let kind = Kind.replicaSet

    private struct Fields: Equatable {
        var metadata: ObjectMeta
        var spec: ReplicaSetSpec
        var status = ReplicaSetStatus()
    }

    private var shared: SharedFields<Fields>

    public init(metadata: ObjectMeta, spec: ReplicaSetSpec) {
        shared = SharedFields(Fields(metadata: metadata, spec: spec))
    }

    public var metadata: ObjectMeta {
        _read { yield shared.fields.metadata }
        _modify { yield &shared.fields.metadata }
    }

    public var spec: ReplicaSetSpec {
        _read { yield shared.fields.spec }
        _modify { yield &shared.fields.spec }
    }

    public var status: ReplicaSetStatus {
        _read { yield shared.fields.status }
        _modify { yield &shared.fields.status }
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

    /// Its fields are shared between copies until one is changed (see SharedFields): a pod's
    /// five events are copied into the store, the watch and the expiry queue.
    private struct Fields: Equatable {
        var metadata: ObjectMeta
        var involvedObject: ObjectReference
        var reason: String
        var message: String
        var type: String
        var sourceComponent: String
        var sourceHost: String
        var count: Int
        var firstTimestamp: SimTime
        var lastTimestamp: SimTime
    }

    private var shared: SharedFields<Fields>

    public init(metadata: ObjectMeta, involvedObject: ObjectReference, reason: String, message: String, type: String,
                sourceComponent: String, sourceHost: String, count: Int, firstTimestamp: SimTime, lastTimestamp: SimTime) {
        shared = SharedFields(Fields(metadata: metadata, involvedObject: involvedObject, reason: reason, message: message, type: type,
                                     sourceComponent: sourceComponent, sourceHost: sourceHost, count: count,
                                     firstTimestamp: firstTimestamp, lastTimestamp: lastTimestamp))
    }

    public var metadata: ObjectMeta {
        _read { yield shared.fields.metadata }
        _modify { yield &shared.fields.metadata }
    }

    public var involvedObject: ObjectReference {
        _read { yield shared.fields.involvedObject }
        _modify { yield &shared.fields.involvedObject }
    }

    public var reason: String {
        _read { yield shared.fields.reason }
        _modify { yield &shared.fields.reason }
    }

    public var message: String {
        _read { yield shared.fields.message }
        _modify { yield &shared.fields.message }
    }

    public var type: String { // Normal or Warning
        _read { yield shared.fields.type }
        _modify { yield &shared.fields.type }
    }

    public var sourceComponent: String {
        _read { yield shared.fields.sourceComponent }
        _modify { yield &shared.fields.sourceComponent }
    }

    public var sourceHost: String {
        _read { yield shared.fields.sourceHost }
        _modify { yield &shared.fields.sourceHost }
    }

    public var count: Int {
        _read { yield shared.fields.count }
        _modify { yield &shared.fields.count }
    }

    public var firstTimestamp: SimTime {
        _read { yield shared.fields.firstTimestamp }
        _modify { yield &shared.fields.firstTimestamp }
    }

    public var lastTimestamp: SimTime {
        _read { yield shared.fields.lastTimestamp }
        _modify { yield &shared.fields.lastTimestamp }
    }

    /// `kubelet, node-1` or `default-scheduler`, as describe's From column prints it.
    public var source: String { sourceHost.isEmpty ? sourceComponent : "\(sourceComponent), \(sourceHost)" }
}
