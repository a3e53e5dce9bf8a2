/// One backend of a Service as the EndpointSlice controller publishes it: the pod, its address,
/// and the three conditions of discovery.k8s.io/v1 (ready, serving, terminating).
public struct ServiceEndpoint: Equatable, Sendable {
    public var podName: String
    public var podUID: String
    public var namespace: String
    public var nodeName: String
    public var address: String
    /// Ready and not terminating: what kube-proxy sends new connections to.
    public var ready: Bool
    /// Ready, terminating or not: kube-proxy falls back to these when no endpoint is ready.
    public var serving: Bool
    public var terminating: Bool
    /// The pod's port for the service's first port, as its slice resolved the targetPort.
    public var port: Int?

    public init(podName: String, podUID: String, namespace: String, nodeName: String, address: String,
                ready: Bool, serving: Bool, terminating: Bool, port: Int? = nil) {
        self.podName = podName
        self.podUID = podUID
        self.namespace = namespace
        self.nodeName = nodeName
        self.address = address
        self.ready = ready
        self.serving = serving
        self.terminating = terminating
        self.port = port
    }
}

extension Cluster {
    /// The endpoints of service `name` in `namespace` as its EndpointSlices publish them, in a
    /// stable order (by pod name); empty when the service is missing or selects nothing. Traffic
    /// sees what kube-proxy sees: the controller's view, not the pods'.
    public func endpoints(ofService name: String, namespace: String) -> [ServiceEndpoint] {
        var seen: Set<String> = []
        var endpoints: [ServiceEndpoint] = []
        let servicePort = store.get(Service.self, name, namespace: namespace)?.spec.ports.first
        for slice in store.endpointSlices(ofService: name, namespace: namespace) {
            // kube-proxy sends a service port's traffic only to slices carrying that port: a pod
            // whose targetPort did not resolve sits in a slice without ports and gets none.
            var port: Int? = nil
            if let servicePort {
                guard let match = slice.ports.first(where: { $0.name == servicePort.name && $0.protocol == servicePort.protocol }) else { continue }
                port = match.port
            }
            for e in slice.endpoints {
                guard let pod = e.targetRef, let address = e.addresses.first, seen.insert(pod.uid).inserted else { continue }
                endpoints.append(ServiceEndpoint(podName: pod.name, podUID: pod.uid, namespace: namespace, nodeName: e.nodeName, address: address,
                                                 ready: e.conditions.ready, serving: e.conditions.serving, terminating: e.conditions.terminating, port: port))
            }
        }
        return endpoints.sorted { $0.podName < $1.podName }
    }
}
