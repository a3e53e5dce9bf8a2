public struct Taint: Equatable, Hashable, Sendable {
    public var key: String
    public var value: String
    public var effect: String
    public var timeAdded: SimTime?

    public init(key: String, value: String = "", effect: String, timeAdded: SimTime? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }

    /// `key=value:Effect`, or `key:Effect` without a value, as kubectl prints taints.
    public var description: String { value.isEmpty ? "\(key):\(effect)" : "\(key)=\(value):\(effect)" }

    public static let unreachableKey = "node.kubernetes.io/unreachable"
    public static let notReadyKey = "node.kubernetes.io/not-ready"
    public static let unschedulableKey = "node.kubernetes.io/unschedulable"
}

public struct NodeCondition: Equatable, Sendable {
    public var type: String
    public var status: String
    public var lastHeartbeatTime: SimTime
    public var lastTransitionTime: SimTime
    public var reason: String
    public var message: String

    public init(type: String, status: String, at time: SimTime, reason: String, message: String) {
        self.type = type
        self.status = status
        lastHeartbeatTime = time
        lastTransitionTime = time
        self.reason = reason
        self.message = message
    }
}

public struct NodeSpec: Equatable, Sendable {
    public var unschedulable = false
    public var taints: [Taint] = []
    public var podCIDR = ""
    public init() {}
}

public struct NodeStatus: Equatable, Sendable {
    public var capacity: ResourceAmounts
    public var allocatable: ResourceAmounts
    public var conditions: [NodeCondition] = []
    public var internalIP = ""
    public var kubeletVersion = "v1.33.1"
    public var osImage = "Ubuntu 22.04.4 LTS"
    public var kernelVersion = "5.15.0-119-generic"
    public var containerRuntimeVersion = "containerd://1.7.18"
    /// The node's disk as the kubelet reports it: shown by describe and -o yaml, never scheduled
    /// against (no pod requests it here). Allocatable keeps kubeadm's 10% nodefs eviction reserve.
    public var ephemeralStorage = "101203600Ki"
    public var allocatableEphemeralStorage = "93270501317"
    /// Empty since 1.31: the kubelet no longer reports kube-proxy's version (DisableNodeKubeProxyVersion).
    public var kubeProxyVersion = ""

    public init(capacity: ResourceAmounts) {
        self.capacity = capacity
        allocatable = capacity
    }

    public func condition(_ type: String) -> NodeCondition? { conditions.first { $0.type == type } }
}

public struct Node: ClusterScopedObject, Equatable {
    public static let kind = Kind.node
    public var metadata: ObjectMeta
    public var spec = NodeSpec()
    public var status: NodeStatus

    public init(metadata: ObjectMeta, status: NodeStatus) {
        var meta = metadata
        meta.namespace = ""
        self.metadata = meta
        self.status = status
    }

    /// Ready condition is True.
    public var isReady: Bool { status.condition("Ready")?.status == "True" }
}

/// A kubelet's heartbeat (coordination.k8s.io Lease in kube-node-lease).
public struct Lease: APIObject, Equatable {
    public static let kind = Kind.lease
    /// Where kubelets keep their node leases.
    public static let nodeLeaseNamespace = "kube-node-lease"
    public var metadata: ObjectMeta
    public var holderIdentity: String
    public var leaseDurationSeconds: Int
    public var renewTime: SimTime

    public init(metadata: ObjectMeta, holderIdentity: String, leaseDurationSeconds: Int, renewTime: SimTime) {
        self.metadata = metadata
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.renewTime = renewTime
    }
}
