/// One port a Service exposes (core/v1 ServicePort). `targetPort` is an int or a container
/// port's name, kept as written (`8080`, `http`); empty means the same number as `port`.
public struct ServicePort: Equatable, Sendable {
    public var name: String
    public var `protocol`: String
    public var port: Int
    public var targetPort: String
    /// 0 until allocated, for NodePort services.
    public var nodePort: Int

    public init(name: String = "", protocol: String = "TCP", port: Int, targetPort: String = "", nodePort: Int = 0) {
        self.name = name
        self.protocol = `protocol`
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }
}

/// core/v1 ServiceSpec, the parts the simulator models.
public struct ServiceSpec: Equatable, Sendable {
    public var type: String
    /// nil: a service without a selector (its endpoints are managed by hand).
    public var selector: [String: String]?
    public var ports: [ServicePort]
    /// Empty until the API server allocates one from the service CIDR.
    public var clusterIP: String
    public var sessionAffinity: String

    public init(type: String = ServiceSpec.clusterIP, selector: [String: String]?, ports: [ServicePort], clusterIP: String = "",
                sessionAffinity: String = "None") {
        self.type = type
        self.selector = selector
        self.ports = ports
        self.clusterIP = clusterIP
        self.sessionAffinity = sessionAffinity
    }

    public static let clusterIP = "ClusterIP"
    public static let nodePort = "NodePort"
    public static let loadBalancer = "LoadBalancer"
    public static let types = [clusterIP, nodePort, loadBalancer]

    /// Whether the API server gives this type's ports node ports (NodePort and LoadBalancer).
    public var needsNodePorts: Bool { type == Self.nodePort || type == Self.loadBalancer }
}

/// core/v1 Service: a stable virtual IP in front of the pods its selector picks.
/// Its fields are shared between copies until one is changed, as a pod's are (see Pod): the
/// endpoints controllers read every service on every pod write.
public struct Service: APIObject, Equatable {
    public static let kind = Kind.service

    private final class Storage: @unchecked Sendable {
        var metadata: ObjectMeta
        var spec: ServiceSpec

        init(metadata: ObjectMeta, spec: ServiceSpec) {
            self.metadata = metadata
            self.spec = spec
        }
    }

    private var storage: Storage

    public init(metadata: ObjectMeta, spec: ServiceSpec) {
        storage = Storage(metadata: metadata, spec: spec)
    }

    /// The box, made this copy's own before a change (see Pod, and Deployment on getters).
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(metadata: storage.metadata, spec: storage.spec) }
        return storage
    }

    public var metadata: ObjectMeta {
        _read { yield storage.metadata }
        _modify { yield &uniqueStorage().metadata }
        set { uniqueStorage().metadata = newValue }
    }

    public var spec: ServiceSpec {
        _read { yield storage.spec }
        _modify { yield &uniqueStorage().spec }
        set { uniqueStorage().spec = newValue }
    }

    /// Two copies of one service share a box and compare equal at once.
    public static func == (lhs: Service, rhs: Service) -> Bool {
        lhs.storage === rhs.storage
            || (equalInPlace(&lhs.storage.metadata, &rhs.storage.metadata) && equalInPlace(&lhs.storage.spec, &rhs.storage.spec))
    }

    /// Whether the service sends traffic to `pod` (same namespace, selector set and matching).
    public func selects(_ pod: Pod) -> Bool {
        guard pod.metadata.namespace == metadata.namespace, let selector = spec.selector, !selector.isEmpty else { return false }
        return selector.allSatisfy { pod.metadata.labels[$0.key] == $0.value }
    }
}

extension Service {
    /// The `kubernetes` service the API server keeps in `default`: 10.96.0.1:443 to its own port 6443.
    public static func apiServer() -> Service {
        Service(metadata: ObjectMeta(name: "kubernetes", namespace: "default", labels: ["component": "apiserver", "provider": "kubernetes"]),
                spec: ServiceSpec(selector: nil, ports: [ServicePort(name: "https", port: 443, targetPort: "6443")],
                                  clusterIP: ServiceAllocation.apiServerIP))
    }
}
