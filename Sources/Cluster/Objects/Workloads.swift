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

    /// The reason alone: a whole condition copied out retains its four strings, and the
    /// deployment controller asks for Progressing's reason at every sync.
    public func conditionReason(_ type: String) -> String? { conditions.firstIndex { $0.type == type }.map { conditions[$0].reason } }
}

/// Its fields are shared between copies until one is changed, as a pod's are (see Pod).
///
/// Deployment, ReplicaSet, Event and Service read their fields through getters, not `_read`
/// accessors as Pod does: with `_read`, a caller built without optimization destroyed the
/// yielded spec after the accessor's frame was freed (`kubesim fuzz api` crashed in
/// `keepingUnread`). So each keeps its own small box class rather than one generic holder.
public struct Deployment: APIObject, Equatable {
    public static let kind = Kind.deployment

    private final class Storage: @unchecked Sendable {
        var metadata: ObjectMeta
        var spec: DeploymentSpec
        var status: DeploymentStatus

        init(metadata: ObjectMeta, spec: DeploymentSpec, status: DeploymentStatus) {
            self.metadata = metadata
            self.spec = spec
            self.status = status
        }

        func copy() -> Storage { Storage(metadata: metadata, spec: spec, status: status) }
    }

    private var storage: Storage

    /// The box, made this copy's own before a change (see Pod).
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public var metadata: ObjectMeta {
        _read { yield storage.metadata }
        _modify { yield &uniqueStorage().metadata }
        set { uniqueStorage().metadata = newValue }
    }

    public var spec: DeploymentSpec {
        _read { yield storage.spec }
        _modify { yield &uniqueStorage().spec }
        set { uniqueStorage().spec = newValue }
    }

    public var status: DeploymentStatus {
        _read { yield storage.status }
        _modify { yield &uniqueStorage().status }
        set { uniqueStorage().status = newValue }
    }

    /// Two copies of one object share a box and compare equal at once.
    public static func == (lhs: Deployment, rhs: Deployment) -> Bool {
        lhs.storage === rhs.storage
            || (equalInPlace(&lhs.storage.metadata, &rhs.storage.metadata) && equalInPlace(&lhs.storage.spec, &rhs.storage.spec)
                && equalInPlace(&lhs.storage.status, &rhs.storage.status))
    }

    public init(metadata: ObjectMeta, spec: DeploymentSpec) {
        storage = Storage(metadata: metadata, spec: spec, status: DeploymentStatus())
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

/// Its fields are shared between copies until one is changed, as a pod's are (see Pod).
public struct ReplicaSet: APIObject, Equatable {
    public static let kind = Kind.replicaSet

    private final class Storage: @unchecked Sendable {
        var metadata: ObjectMeta
        var spec: ReplicaSetSpec
        var status: ReplicaSetStatus

        init(metadata: ObjectMeta, spec: ReplicaSetSpec, status: ReplicaSetStatus) {
            self.metadata = metadata
            self.spec = spec
            self.status = status
        }

        func copy() -> Storage { Storage(metadata: metadata, spec: spec, status: status) }
    }

    private var storage: Storage

    /// The box, made this copy's own before a change (see Pod).
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public var metadata: ObjectMeta {
        _read { yield storage.metadata }
        _modify { yield &uniqueStorage().metadata }
        set { uniqueStorage().metadata = newValue }
    }

    public var spec: ReplicaSetSpec {
        _read { yield storage.spec }
        _modify { yield &uniqueStorage().spec }
        set { uniqueStorage().spec = newValue }
    }

    public var status: ReplicaSetStatus {
        _read { yield storage.status }
        _modify { yield &uniqueStorage().status }
        set { uniqueStorage().status = newValue }
    }

    /// Two copies of one object share a box and compare equal at once.
    public static func == (lhs: ReplicaSet, rhs: ReplicaSet) -> Bool {
        lhs.storage === rhs.storage
            || (equalInPlace(&lhs.storage.metadata, &rhs.storage.metadata) && equalInPlace(&lhs.storage.spec, &rhs.storage.spec)
                && equalInPlace(&lhs.storage.status, &rhs.storage.status))
    }

    public init(metadata: ObjectMeta, spec: ReplicaSetSpec) {
        storage = Storage(metadata: metadata, spec: spec, status: ReplicaSetStatus())
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

    // Its fields are shared between copies until one is changed, as a pod's are (see Pod): a
    // pod's five events are copied into the store, the watch and the expiry queue.
    private final class Storage: @unchecked Sendable {
        var metadata: ObjectMeta
        var involvedObject: ObjectReference
        var reason: String
        var message: String
        var type: String
        var sourceComponent: String
        var sourceHost: String
        var count: Int
        /// nil as an API client may leave them (a real server keeps them null).
        var firstTimestamp: SimTime?
        var lastTimestamp: SimTime?
        /// events.k8s.io/v1's fields (the recorder leaves them unset, as client-go's core/v1 one does).
        var eventTime: SimTime?
        var action: String

        init(metadata: consuming ObjectMeta, involvedObject: consuming ObjectReference, reason: String, message: String, type: String, sourceComponent: String, sourceHost: String, count: Int, firstTimestamp: SimTime?, lastTimestamp: SimTime?, eventTime: SimTime?, action: String) {
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
            self.eventTime = eventTime
            self.action = action
        }

        func copy() -> Storage { Storage(metadata: metadata, involvedObject: involvedObject, reason: reason, message: message, type: type, sourceComponent: sourceComponent, sourceHost: sourceHost, count: count, firstTimestamp: firstTimestamp, lastTimestamp: lastTimestamp, eventTime: eventTime, action: action) }
    }

    private var storage: Storage

    /// The box, made this copy's own before a change (see Pod).
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public var metadata: ObjectMeta {
        _read { yield storage.metadata }
        _modify { yield &uniqueStorage().metadata }
        set { uniqueStorage().metadata = newValue }
    }

    public var involvedObject: ObjectReference {
        _read { yield storage.involvedObject }
        _modify { yield &uniqueStorage().involvedObject }
        set { uniqueStorage().involvedObject = newValue }
    }

    public var reason: String {
        _read { yield storage.reason }
        _modify { yield &uniqueStorage().reason }
        set { uniqueStorage().reason = newValue }
    }

    public var message: String {
        _read { yield storage.message }
        _modify { yield &uniqueStorage().message }
        set { uniqueStorage().message = newValue }
    }

    public var type: String { // Normal or Warning
        _read { yield storage.type }
        _modify { yield &uniqueStorage().type }
        set { uniqueStorage().type = newValue }
    }

    public var sourceComponent: String {
        _read { yield storage.sourceComponent }
        _modify { yield &uniqueStorage().sourceComponent }
        set { uniqueStorage().sourceComponent = newValue }
    }

    public var sourceHost: String {
        _read { yield storage.sourceHost }
        _modify { yield &uniqueStorage().sourceHost }
        set { uniqueStorage().sourceHost = newValue }
    }

    public var count: Int {
        _read { yield storage.count }
        _modify { yield &uniqueStorage().count }
        set { uniqueStorage().count = newValue }
    }

    public var firstTimestamp: SimTime? {
        _read { yield storage.firstTimestamp }
        _modify { yield &uniqueStorage().firstTimestamp }
        set { uniqueStorage().firstTimestamp = newValue }
    }

    public var lastTimestamp: SimTime? {
        _read { yield storage.lastTimestamp }
        _modify { yield &uniqueStorage().lastTimestamp }
        set { uniqueStorage().lastTimestamp = newValue }
    }

    /// When the event happened, to the microsecond (events.k8s.io/v1; nil for core/v1 writers).
    public var eventTime: SimTime? {
        _read { yield storage.eventTime }
        _modify { yield &uniqueStorage().eventTime }
        set { uniqueStorage().eventTime = newValue }
    }

    /// What was done about it (events.k8s.io/v1's `action`; "" when unset).
    public var action: String {
        _read { yield storage.action }
        _modify { yield &uniqueStorage().action }
        set { uniqueStorage().action = newValue }
    }

    /// Two copies of one object share a box and compare equal at once.
    public static func == (lhs: Event, rhs: Event) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.metadata == rhs.metadata && lhs.involvedObject == rhs.involvedObject && lhs.reason == rhs.reason && lhs.message == rhs.message && lhs.type == rhs.type && lhs.sourceComponent == rhs.sourceComponent && lhs.sourceHost == rhs.sourceHost && lhs.count == rhs.count && lhs.firstTimestamp == rhs.firstTimestamp && lhs.lastTimestamp == rhs.lastTimestamp
                && lhs.eventTime == rhs.eventTime && lhs.action == rhs.action)
    }

    public init(metadata: consuming ObjectMeta, involvedObject: consuming ObjectReference, reason: String, message: String, type: String,
                sourceComponent: String, sourceHost: String, count: Int, firstTimestamp: SimTime?, lastTimestamp: SimTime?,
                eventTime: SimTime? = nil, action: String = "") {
        storage = Storage(metadata: metadata, involvedObject: involvedObject, reason: reason, message: message, type: type,
                          sourceComponent: sourceComponent, sourceHost: sourceHost, count: count,
                          firstTimestamp: firstTimestamp, lastTimestamp: lastTimestamp, eventTime: eventTime, action: action)
    }

    /// When it was first and last seen as kubectl reads it: the core timestamps, else the
    /// events.k8s.io event time (printEvent, `kubectl events`' eventTime).
    public var firstSeen: SimTime? { firstTimestamp ?? eventTime }
    public var lastSeen: SimTime? { lastTimestamp ?? eventTime }

    /// `kubelet, node-1` or `default-scheduler`, as describe's From column prints it.
    public var source: String { sourceHost.isEmpty ? sourceComponent : "\(sourceComponent), \(sourceHost)" }
}
