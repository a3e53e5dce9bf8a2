/// core/v1 EndpointAddress: a pod's IP, its node and the pod.
public struct EndpointAddress: Equatable, Sendable {
    public var ip: String
    public var nodeName: String
    public var targetRef: EndpointTargetRef?

    public init(ip: String, nodeName: String, targetRef: EndpointTargetRef?) {
        self.ip = ip
        self.nodeName = nodeName
        self.targetRef = targetRef
    }
}

/// core/v1 EndpointSubset: addresses sharing one set of ports, ready or not.
public struct EndpointSubset: Equatable, Sendable {
    public var addresses: [EndpointAddress]
    public var notReadyAddresses: [EndpointAddress]
    public var ports: [EndpointPort]

    public init(addresses: [EndpointAddress] = [], notReadyAddresses: [EndpointAddress] = [], ports: [EndpointPort] = []) {
        self.addresses = addresses
        self.notReadyAddresses = notReadyAddresses
        self.ports = ports
    }
}

/// core/v1 Endpoints: the legacy one-object-per-service list of a service's backends, named as
/// the service. Deprecated since v1.33 in favour of EndpointSlices; still kept by the endpoints
/// controller.
public struct Endpoints: APIObject, Equatable {
    public static let kind = Kind.endpoints
    public var metadata: ObjectMeta
    public var subsets: [EndpointSubset]

    public init(metadata: ObjectMeta, subsets: [EndpointSubset] = []) {
        self.metadata = metadata
        self.subsets = subsets
    }

    /// What the API server says with every request for v1 Endpoints (KEP-4974), and kubectl prints.
    public static let deprecationWarning = "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"

}
