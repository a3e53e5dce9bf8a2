/// An HTTP request that reaches one pod: from simulated traffic, a port-forward or `sim serve`.
public struct PodRequest: Sendable {
    public var method: String
    public var path: String
    /// Who the pod sees as the client (a node's address for proxied traffic, 127.0.0.1 for a port-forward).
    public var clientAddress: String
    public var userAgent: String
    /// The container port asked for; nil for the pod's first declared port.
    public var port: Int?
    /// The service the request was sent to (nil for a port-forward straight to a pod).
    public var service: String? = nil

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
    /// an access-log line; otherwise the connection fails. Either way the traffic ledger counts it.
    public func deliver(_ request: PodRequest, toPod name: String, namespace: String) -> PodResponse {
        guard let pod = store.get(Pod.self, name, namespace: namespace) else {
            return PodResponse(outcome: .refused(reason: "pods \"\(name)\" not found"), podName: name, nodeName: "", podIP: "")
        }
        return deliver(request, to: pod, copies: 1)
    }

    /// A request kube-proxy sent to `endpoint` (`copies` of it, sent at the same instant). A pod
    /// gone since its endpoint was published answers nothing: the request fails, counted
    /// against the pod it was meant for.
    func deliver(_ request: PodRequest, to endpoint: ServiceEndpoint, copies: Int) -> PodResponse {
        guard let pod = store.get(Pod.self, endpoint.podName, namespace: endpoint.namespace), pod.metadata.uid == endpoint.podUID else {
            traffic.record(podUID: endpoint.podUID, podName: endpoint.podName, namespace: endpoint.namespace, service: request.service,
                           ok: false, at: now, count: copies)
            return PodResponse(outcome: .refused(reason: "dial tcp \(endpoint.address):\(request.port ?? 80): connect: no route to host"),
                               podName: endpoint.podName, nodeName: endpoint.nodeName, podIP: endpoint.address)
        }
        var request = request
        if let port = endpoint.port { request.port = port }
        return deliver(request, to: pod, copies: copies)
    }

    /// A running container answers; a stopped one refuses the connection; on a node that is
    /// down nothing answers at all and the client gives up (a timeout, not a refusal).
    private func deliver(_ request: PodRequest, to pod: Pod, copies: Int) -> PodResponse {
        let name = pod.metadata.name
        let container = Self.container(answering: request.port, in: pod)
        let running = container.flatMap { name in pod.status.containerStatuses.first { $0.name == name } }.map {
            if case .running = $0.state { return true }
            return false
        } ?? false
        let nodeUp = kubeletIsRunning(pod.spec.nodeName)
        let response: PodResponse
        if running && nodeUp, let container {
            let page = HelloPage.render(pod: pod)
            response = PodResponse(outcome: .answered(status: 200, body: page), podName: name, nodeName: pod.spec.nodeName, podIP: pod.status.podIP)
            let image = pod.spec.containers.first { $0.name == container }?.image ?? ""
            // Identical requests at the same instant write identical lines; more than the log
            // keeps would only push each other out.
            let line = AccessLog.line(image: image, request: request, status: 200, bytes: page.utf8.count, at: now)
            for _ in 0..<min(copies, ContainerLogs.lineCap) { logs.append(line, podUID: pod.metadata.uid, container: container, at: now) }
        } else {
            let port = request.port ?? pod.spec.containers.first { !$0.ports.isEmpty }?.ports.first?.containerPort ?? 80
            let failure = nodeUp ? "connect: connection refused" : "i/o timeout"
            response = PodResponse(outcome: .refused(reason: "dial tcp \(pod.status.podIP):\(port): \(failure)"),
                                   podName: name, nodeName: pod.spec.nodeName, podIP: pod.status.podIP)
        }
        traffic.record(podUID: pod.metadata.uid, podName: name, namespace: pod.metadata.namespace, service: request.service,
                       ok: response.succeeded, at: now, count: copies)
        return response
    }

    /// The container whose application listens on `port`; nil when none does (the connection
    /// is refused). Without a port, the first that declares one, or the first.
    static func container(answering port: Int?, in pod: Pod) -> String? {
        guard let port else { return (pod.spec.containers.first { !$0.ports.isEmpty } ?? pod.spec.containers.first)?.name }
        return pod.spec.containers.first { listens($0, on: port) }?.name
    }

    /// What a simulated application listens on: the ports its container declares, and port 80
    /// where nginx always listens or when it declares none (the hello app's and nginx's port).
    /// Declaring a port is only informational in Kubernetes; the process decides.
    static func listens(_ container: Container, on port: Int) -> Bool {
        if container.ports.contains(where: { $0.containerPort == port }) { return true }
        return port == AccessLog.defaultPort && (container.ports.isEmpty || ImageReference.shortName(container.image) == "nginx")
    }
}
