/// One port a container listens on (core/v1 ContainerPort). A name lets a Service's
/// targetPort refer to the port by name, so the number can change without touching the Service.
public struct ContainerPort: Equatable, Sendable, ExpressibleByIntegerLiteral {
    /// An IANA_SVC_NAME (`http`, `metrics`), or empty.
    public var name: String
    public var containerPort: Int
    /// The node's port forwarded to it (0: none). A node has each host port once per protocol,
    /// so the scheduler places such pods on nodes where it is free.
    public var hostPort: Int
    /// `TCP` (the API server's default), `UDP` or `SCTP`.
    public var `protocol`: String

    public init(containerPort: Int, name: String = "", protocol: String = "TCP", hostPort: Int = 0) {
        self.name = name
        self.containerPort = containerPort
        self.hostPort = hostPort
        self.protocol = `protocol`
    }

    /// `ports: [80]`: an unnamed TCP port.
    public init(integerLiteral value: Int) { self.init(containerPort: value) }
}

extension ContainerPort {
    /// The number a Service's `targetPort` reaches on `pod`, as the endpoints controller resolves
    /// it (FindPort, pkg/api/v1/pod/util.go): a number is itself; a name is the first container
    /// port of that name and protocol; nil when no container has such a port (the pod is then no
    /// endpoint for it) or the target is empty (callers default it to the service port first).
    public static func number(for targetPort: String, in pod: Pod, protocol: String = "TCP") -> Int? {
        if targetPort.isEmpty { return nil }
        if let number = Int(targetPort) { return number }
        for container in pod.spec.containers {
            if let port = container.ports.first(where: { $0.name == targetPort && $0.protocol == `protocol` }) { return port.containerPort }
        }
        return nil
    }
}

/// A Service's targetPort (`8080` or `http`) as a port number on `pod`; see `ContainerPort.number`.
public func containerPortNumber(for targetPort: String, in pod: Pod, protocol: String = "TCP") -> Int? {
    ContainerPort.number(for: targetPort, in: pod, protocol: `protocol`)
}

extension Service {
    /// The same resolution, reachable as a Service helper.
    public static func containerPortNumber(for targetPort: String, in pod: Pod, protocol: String = "TCP") -> Int? {
        ContainerPort.number(for: targetPort, in: pod, protocol: `protocol`)
    }
}
