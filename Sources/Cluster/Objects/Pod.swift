public struct Toleration: Equatable, Sendable {
    public var key: String
    public var `operator`: String // "Exists" or "Equal"
    public var value: String
    public var effect: String // "", "NoSchedule", "PreferNoSchedule", "NoExecute"
    public var tolerationSeconds: Int?

    public init(key: String, operator op: String = "Exists", value: String = "", effect: String = "", tolerationSeconds: Int? = nil) {
        self.key = key
        self.operator = op
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }

    /// Whether this toleration tolerates `taint` (v1 helper ToleratesTaint).
    public func tolerates(_ taint: Taint) -> Bool {
        if !effect.isEmpty && effect != taint.effect { return false }
        if !key.isEmpty && key != taint.key { return false }
        switch self.operator {
        case "Exists": return true
        case "Equal", "": return value == taint.value
        default: return false
        }
    }
}

public struct Container: Equatable, Sendable {
    public var name: String
    public var image: String
    public var requests: ResourceAmounts
    /// resources.limits (cpu, memory); zero means no limit. `kubectl set resources` writes these.
    public var limits = ResourceAmounts()
    public var ports: [ContainerPort]
    public var volumeMounts: [VolumeMount] = []
    /// `Always`, `IfNotPresent` or `Never`; when not given, the API server's default for the image.
    public var imagePullPolicy: String
    /// Literal environment variables, in order (`kubectl set env`).
    public var env: [EnvVar] = []
    /// The probes, out of line (see `ContainerProbes`); nil when the container has none.
    private var probes: ContainerProbes?

    public var readinessProbe: Probe? {
        get { probes?.readiness }
        set { probes = ContainerProbes.make(readiness: newValue, liveness: livenessProbe, startup: startupProbe) }
    }
    public var livenessProbe: Probe? {
        get { probes?.liveness }
        set { probes = ContainerProbes.make(readiness: readinessProbe, liveness: newValue, startup: startupProbe) }
    }
    public var startupProbe: Probe? {
        get { probes?.startup }
        set { probes = ContainerProbes.make(readiness: readinessProbe, liveness: livenessProbe, startup: newValue) }
    }

    public init(name: String, image: String, requests: ResourceAmounts = ResourceAmounts(), ports: [ContainerPort] = [],
                imagePullPolicy: String? = nil) {
        self.name = name
        self.image = image
        self.requests = requests
        self.ports = ports
        self.imagePullPolicy = imagePullPolicy ?? Container.defaultPullPolicy(for: image)
    }

    /// `Always` for untagged or `:latest` images, else `IfNotPresent` (the API server's defaulting).
    public static func defaultPullPolicy(for image: String) -> String {
        let lastSegment = image.split(separator: "/").last.map(String.init) ?? image
        if image.contains("@") { return "IfNotPresent" }
        guard let colon = lastSegment.lastIndex(of: ":") else { return "Always" }
        return lastSegment[lastSegment.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
    }
}

/// A pod's spec is written once (the binding sets nodeName) and read and compared on every
/// one of the pod's writes, so its fields live in one box shared between copies, as the pod's
/// own do: copying a pod's fields retains one box instead of each container list, selector and
/// string, and two copies of one spec compare equal at once.
public struct PodSpec: Equatable, Sendable {
    struct Fields: Equatable {
        var containers: [Container]
        var nodeName: String = ""
        /// The pod shares its node's network: its IP is the node's, and none is taken from the
        /// node's pod range (kube-proxy runs so).
        var hostNetwork = false
        var nodeSelector: [String: String] = [:]
        var tolerations: [Toleration] = []
        /// spec.affinity.nodeAffinity (required terms only); nil when the pod has none.
        var nodeAffinity: NodeAffinity? = nil
        var terminationGracePeriodSeconds: Int = 30
        var restartPolicy: String = "Always"
        var schedulerName: String = "default-scheduler"
        var serviceAccountName: String = "default"
        /// Set by admission on pods (nil in templates, as the API server leaves them there).
        var volumes: [Volume] = []
        var priority: Int?
        var preemptionPolicy: String?
        var enableServiceLinks: Bool?

        init(containers: [Container]) { self.containers = containers }
    }

    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init(containers: [Container]) { box = Box(Fields(containers: containers)) }

    /// The box, made this spec's own before a change (never changed while shared).
    private mutating func uniqueBox() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return box
    }

    public var containers: [Container] {
        _read { yield box.fields.containers }
        _modify { yield &uniqueBox().fields.containers }
    }
    public var nodeName: String {
        _read { yield box.fields.nodeName }
        _modify { yield &uniqueBox().fields.nodeName }
    }
    public var hostNetwork: Bool {
        _read { yield box.fields.hostNetwork }
        _modify { yield &uniqueBox().fields.hostNetwork }
    }
    public var nodeSelector: [String: String] {
        _read { yield box.fields.nodeSelector }
        _modify { yield &uniqueBox().fields.nodeSelector }
    }
    public var tolerations: [Toleration] {
        _read { yield box.fields.tolerations }
        _modify { yield &uniqueBox().fields.tolerations }
    }
    public var nodeAffinity: NodeAffinity? {
        _read { yield box.fields.nodeAffinity }
        _modify { yield &uniqueBox().fields.nodeAffinity }
    }
    public var terminationGracePeriodSeconds: Int {
        _read { yield box.fields.terminationGracePeriodSeconds }
        _modify { yield &uniqueBox().fields.terminationGracePeriodSeconds }
    }
    public var restartPolicy: String {
        _read { yield box.fields.restartPolicy }
        _modify { yield &uniqueBox().fields.restartPolicy }
    }
    public var schedulerName: String {
        _read { yield box.fields.schedulerName }
        _modify { yield &uniqueBox().fields.schedulerName }
    }
    public var serviceAccountName: String {
        _read { yield box.fields.serviceAccountName }
        _modify { yield &uniqueBox().fields.serviceAccountName }
    }
    public var volumes: [Volume] {
        _read { yield box.fields.volumes }
        _modify { yield &uniqueBox().fields.volumes }
    }
    public var priority: Int? {
        _read { yield box.fields.priority }
        _modify { yield &uniqueBox().fields.priority }
    }
    public var preemptionPolicy: String? {
        _read { yield box.fields.preemptionPolicy }
        _modify { yield &uniqueBox().fields.preemptionPolicy }
    }
    public var enableServiceLinks: Bool? {
        _read { yield box.fields.enableServiceLinks }
        _modify { yield &uniqueBox().fields.enableServiceLinks }
    }

    public static func == (lhs: PodSpec, rhs: PodSpec) -> Bool {
        lhs.box === rhs.box || equalInPlace(&lhs.box.fields, &rhs.box.fields)
    }

    /// Sum of the containers' requests (what the scheduler fits against allocatable).
    public var requests: ResourceAmounts {
        containers.reduce(ResourceAmounts(pods: 1)) { $0 + $1.requests }
    }
}

public struct ContainerStatus: Equatable, Sendable {
    public enum State: Equatable, Sendable {
        case waiting(reason: String)
        case running(startedAt: SimTime)
        case terminated(reason: String, exitCode: Int, finishedAt: SimTime)
    }

    public var name: String
    public var image: String
    public var state: State
    public var ready: Bool = false
    public var started: Bool = false
    public var restartCount: Int = 0

    /// The pulled image's digest reference, once the container has started (as the runtime
    /// reports it); derived from the image name, so an image has one digest everywhere.
    public var imageID: String { hasImageID ? ImageReference.digestReference(image) : "" }
    /// Whether the runtime reports the image's digest: once the container has started.
    public var hasImageID: Bool {
        if started { return true }
        switch state {
        case .running, .terminated: return true
        case .waiting: return false
        }
    }
    /// state.terminated.startedAt: when the instance that has exited had started.
    public var terminatedStartedAt: SimTime? = nil
    /// state.waiting.message: why the container waits (a pull error, a crash back-off).
    public var waitingMessage: String = ""
    /// lastState.terminated: how the previous instance of a restarted container ended.
    public var lastState: ContainerTermination? = nil
    /// When the previous instance ended (kubectl's `N (AGE ago)` in RESTARTS).
    public var lastTerminationFinishedAt: SimTime? { lastState?.finishedAt }
    public var containerID: String = ""

    public init(name: String, image: String, state: State) {
        self.name = name
        self.image = image
        self.state = state
    }
}

/// A container instance that has exited (core/v1 ContainerStateTerminated), kept as lastState.
public struct ContainerTermination: Equatable, Sendable {
    public var reason: String
    public var exitCode: Int
    public var startedAt: SimTime
    public var finishedAt: SimTime
    public var containerID: String

    public init(reason: String, exitCode: Int, startedAt: SimTime, finishedAt: SimTime, containerID: String = "") {
        self.reason = reason
        self.exitCode = exitCode
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }
}

public struct PodCondition: Equatable, Sendable {
    public var type: String
    public var status: String
    public var lastTransitionTime: SimTime
    public var reason: String = ""
    public var message: String = ""

    public init(type: String, status: String, lastTransitionTime: SimTime, reason: String = "", message: String = "") {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

public struct PodStatus: Equatable, Sendable {
    public var phase: String = "Pending"
    public var conditions: [PodCondition] = []
    public var containerStatuses: [ContainerStatus] = []
    public var hostIP: String = ""
    public var podIP: String = ""
    public var startTime: SimTime? = nil
    /// A one-word reason overriding the phase in STATUS (`Evicted`, `NodeLost`).
    public var reason: String = ""
    public var message: String = ""
    public var qosClass: String = "BestEffort"

    public init() {}

    public func condition(_ type: String) -> PodCondition? { conditions.first { Self.sameType($0.type, type) } }

    /// Condition types are compared by length first: the kubelet's five all differ in length,
    /// and `==` on two different strings is a call into the string library (~40 instructions)
    /// where a length is a field read. Every controller reads Ready this way, often. (Byte
    /// lengths: two spellings of one accented letter no longer match, as Kubernetes, comparing
    /// bytes, never matched them.)
    @inline(__always)
    static func sameType(_ a: String, _ b: String) -> Bool { a.utf8.count == b.utf8.count && a == b }

    /// When condition `type` last changed status, without copying it.
    public func lastTransition(of type: String) -> SimTime? {
        for c in conditions where Self.sameType(c.type, type) { return c.lastTransitionTime }
        return nil
    }

    /// Whether condition `type` is True, without copying it (hot in every controller).
    public func isTrue(_ type: String) -> Bool {
        for c in conditions where Self.sameType(c.type, type) { return c.status == "True" }
        return false
    }

    /// The conditions a kubelet writes, in the order it lists them.
    static let kubeletConditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]

    /// A condition's place in that order; other types after them.
    static func conditionOrder(_ type: String) -> Int {
        kubeletConditions.firstIndex { sameType($0, type) } ?? 99
    }

    /// Sets a condition, keeping its transition time when the status does not change.
    public mutating func setCondition(_ type: String, _ status: String, at now: SimTime, reason: String = "", message: String = "") {
        if let i = conditions.firstIndex(where: { Self.sameType($0.type, type) }) {
            if conditions[i].status != status { conditions[i].lastTransitionTime = now }
            conditions[i].status = status
            conditions[i].reason = reason
            conditions[i].message = message
        } else {
            // Inserted in kubelet's order, after any of the same rank (what a stable sort of the
            // appended list gives), instead of sorting the list again; room for all five at once.
            let order = PodStatus.conditionOrder(type)
            let at = conditions.firstIndex { PodStatus.conditionOrder($0.type) > order } ?? conditions.count
            if conditions.isEmpty { conditions.reserveCapacity(Self.kubeletConditions.count) }
            // Appended, then moved down by swaps through the buffer: `insert(_:at:)` copies the
            // new condition, and the array's own `swapAt` copies both sides (retaining their
            // four strings each), where a buffer's swap only moves values.
            conditions.append(PodCondition(type: type, status: status, lastTransitionTime: now, reason: reason, message: message))
            conditions.withUnsafeMutableBufferPointer { conditions in
                var position = conditions.count - 1
                while position > at {
                    conditions.swapAt(position, position - 1)
                    position -= 1
                }
            }
        }
    }
}

/// A pod is copied far more often than it is changed (every read of the store, every watcher,
/// every write's old and new state), so its fields live in one shared box that is copied only
/// when a shared pod is changed: a copy costs one retain instead of one for each of its dozens
/// of strings, arrays and dictionaries.
public struct Pod: APIObject, Equatable {
    public static let kind = Kind.pod

    private final class Storage: @unchecked Sendable {
        var metadata: ObjectMeta
        var spec: PodSpec
        var status: PodStatus

        init(metadata: ObjectMeta, spec: PodSpec, status: PodStatus) {
            self.metadata = metadata
            self.spec = spec
            self.status = status
        }
    }

    private var storage: Storage

    public init(metadata: ObjectMeta, spec: PodSpec, status: PodStatus = PodStatus()) {
        storage = Storage(metadata: metadata, spec: spec, status: status)
    }

    /// The box, made this pod's own before a change (Storage is never changed while shared, so
    /// it is safe to hand between threads as a value).
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(metadata: storage.metadata, spec: storage.spec, status: storage.status)
        }
        return storage
    }

    public var metadata: ObjectMeta {
        _read { yield storage.metadata } // borrowed: reading one field copies nothing
        _modify { yield &uniqueStorage().metadata }
        set { uniqueStorage().metadata = newValue }
    }

    public var spec: PodSpec {
        _read { yield storage.spec }
        _modify { yield &uniqueStorage().spec }
        set { uniqueStorage().spec = newValue }
    }

    public var status: PodStatus {
        _read { yield storage.status }
        _modify { yield &uniqueStorage().status }
        set { uniqueStorage().status = newValue }
    }

    /// Two copies of one pod share a box and compare equal at once. Otherwise the spec (shared
    /// between versions, so compared at once) and the status (what most writes change) go first.
    public static func == (lhs: Pod, rhs: Pod) -> Bool {
        lhs.storage === rhs.storage
            || (equalInPlace(&lhs.storage.spec, &rhs.storage.spec) && equalInPlace(&lhs.storage.status, &rhs.storage.status)
                && equalInPlace(&lhs.storage.metadata, &rhs.storage.metadata))
    }

    public var isScheduled: Bool { !spec.nodeName.isEmpty }
    public var isReady: Bool { status.isTrue("Ready") }
    /// Not finished and not being deleted: what a ReplicaSet counts (controller.IsPodActive).
    public var isActive: Bool {
        status.phase != "Succeeded" && status.phase != "Failed" && metadata.deletionTimestamp == nil
    }
    public var restartCount: Int { status.containerStatuses.reduce(0) { $0 + $1.restartCount } }
    /// Running and not being deleted. Read here, not through `status` from another module: that
    /// copies the whole status to read its phase.
    public var isRunning: Bool { storage.status.phase == "Running" && storage.metadata.deletionTimestamp == nil }
}
