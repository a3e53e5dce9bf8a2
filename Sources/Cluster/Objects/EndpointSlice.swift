/// A port of an EndpointSlice (discovery/v1 EndpointPort) or of a v1 Endpoints subset
/// (core/v1 EndpointPort): the number the pods answer on, under the service port's name.
public struct EndpointPort: Equatable, Hashable, Sendable {
    /// The service port's name; "" for an unnamed port (still written, as `name: ""`).
    public var name: String
    public var port: Int
    public var `protocol`: String

    public init(name: String = "", port: Int, protocol: String = "TCP") {
        self.name = name
        self.port = port
        self.protocol = `protocol`
    }
}

/// discovery/v1 EndpointConditions. The controller always sets all three.
public struct EndpointConditions: Equatable, Sendable {
    /// Ready and not terminating: new connections go here.
    public var ready: Bool
    /// Ready, whether terminating or not.
    public var serving: Bool
    /// The pod has a deletionTimestamp.
    public var terminating: Bool

    public init(ready: Bool, serving: Bool, terminating: Bool) {
        self.ready = ready
        self.serving = serving
        self.terminating = terminating
    }
}

/// The object an endpoint stands for (core/v1 ObjectReference as endpoints use it): a pod.
public struct EndpointTargetRef: Equatable, Sendable {
    public var kind: String
    public var namespace: String
    public var name: String
    public var uid: String

    public init(kind: String = "Pod", namespace: String, name: String, uid: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
    }
}

/// discovery/v1 Endpoint: one backend (a pod) with its address and conditions.
public struct SliceEndpoint: Equatable, Sendable {
    public var addresses: [String]
    public var conditions: EndpointConditions
    /// "" when the pod is not bound (never, for a pod with an IP).
    public var nodeName: String
    public var targetRef: EndpointTargetRef?

    public init(addresses: [String], conditions: EndpointConditions, nodeName: String, targetRef: EndpointTargetRef?) {
        self.addresses = addresses
        self.conditions = conditions
        self.nodeName = nodeName
        self.targetRef = targetRef
    }
}

/// discovery.k8s.io/v1 EndpointSlice: up to 100 endpoints of one service (the controller's
/// maxEndpointsPerSlice) sharing one set of ports. A service's slices carry the label
/// `kubernetes.io/service-name`.
public struct EndpointSlice: APIObject, Equatable {
    public static let kind = Kind.endpointSlice
    public var metadata: ObjectMeta
    public var addressType: String
    public var endpoints: [SliceEndpoint]
    /// Empty for a placeholder slice (a service that selects no pods).
    public var ports: [EndpointPort]

    public init(metadata: ObjectMeta, addressType: String = EndpointSlice.ipv4, endpoints: [SliceEndpoint] = [], ports: [EndpointPort] = []) {
        self.metadata = metadata
        self.addressType = addressType
        self.endpoints = endpoints
        self.ports = ports
    }

    public static let ipv4 = "IPv4"
    /// discovery.LabelServiceName.
    public static let serviceNameLabel = "kubernetes.io/service-name"
    /// discovery.LabelManagedBy, and the value the EndpointSlice controller writes there.
    public static let managedByLabel = "endpointslice.kubernetes.io/managed-by"
    public static let controllerName = "endpointslice-controller.k8s.io"

}
