/// An HTTP request that reaches one pod: from simulated traffic, a port-forward or `sim serve`.
public struct PodRequest: Sendable {
    public var method: String
    public var path: String
    /// Who the pod sees as the client (a node's address for proxied traffic, 127.0.0.1 for a port-forward).
    public var clientAddress: String
    public var userAgent: String
    /// The container port asked for; nil for the pod's first declared port.
    public var port: Int?

    public init(method: String = "GET", path: String = "/", clientAddress: String, userAgent: String = "-", port: Int? = nil) {
        self.method = method
        self.path = path
        self.clientAddress = clientAddress
        self.userAgent = userAgent
        self.port = port
    }
}

/// What the pod answered. A pod whose container is not running refuses the connection.
public struct PodResponse: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case answered(status: Int, body: String)
        /// Nothing listens: the container is not running, or its node is down.
        case refused(reason: String)
    }

    public var outcome: Outcome
    public var podName: String
    public var nodeName: String
    public var podIP: String

    public var succeeded: Bool {
        if case .answered(let status, _) = outcome { return status < 500 }
        return false
    }
}

extension Cluster {
    /// A request reaches pod `name`: a running container answers with the hello page and writes
    /// an access-log line; otherwise the connection is refused. Either way the traffic ledger counts it.
    public func deliver(_ request: PodRequest, toPod name: String, namespace: String) -> PodResponse {
        guard let pod = store.get(Pod.self, name, namespace: namespace) else {
            return PodResponse(outcome: .refused(reason: "pods \"\(name)\" not found"), podName: name, nodeName: "", podIP: "")
        }
        let container = Self.container(answering: request.port, in: pod)
        let running = container.flatMap { name in pod.status.containerStatuses.first { $0.name == name } }.map {
            if case .running = $0.state { return true }
            return false
        } ?? false
        let reachable = running && kubeletIsRunning(pod.spec.nodeName)
        let response: PodResponse
        if reachable, let container {
            let page = HelloPage.render(pod: pod)
            response = PodResponse(outcome: .answered(status: 200, body: page), podName: name, nodeName: pod.spec.nodeName, podIP: pod.status.podIP)
            let image = pod.spec.containers.first { $0.name == container }?.image ?? ""
            logs.append(AccessLog.line(image: image, request: request, status: 200, bytes: page.utf8.count, at: now),
                        podUID: pod.metadata.uid, container: container, at: now)
        } else {
            let port = request.port ?? pod.spec.containers.first?.ports.first?.containerPort ?? 80
            response = PodResponse(outcome: .refused(reason: "dial tcp \(pod.status.podIP):\(port): connect: connection refused"),
                                   podName: name, nodeName: pod.spec.nodeName, podIP: pod.status.podIP)
        }
        traffic.record(podUID: pod.metadata.uid, podName: name, namespace: namespace, ok: response.succeeded, at: now)
        return response
    }

    /// The container that declares `port` (or the first one that declares any, or the first).
    static func container(answering port: Int?, in pod: Pod) -> String? {
        if let port, let owner = pod.spec.containers.first(where: { $0.ports.contains { $0.containerPort == port } }) { return owner.name }
        return (pod.spec.containers.first { !$0.ports.isEmpty } ?? pod.spec.containers.first)?.name
    }
}
