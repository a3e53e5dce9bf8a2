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

    public init(podName: String, podUID: String, namespace: String, nodeName: String, address: String,
                ready: Bool, serving: Bool, terminating: Bool) {
        self.podName = podName
        self.podUID = podUID
        self.namespace = namespace
        self.nodeName = nodeName
        self.address = address
        self.ready = ready
        self.serving = serving
        self.terminating = terminating
    }
}

extension Cluster {
    /// The endpoints of service `name` in `namespace`, in a stable order (by pod name); empty
    /// when the service is missing or selects nothing.
    // Interim: derived from the pods with the EndpointSlice controller's rules until that
    // controller publishes slices; then this reads the slices, so traffic sees the controller's view.
    public func endpoints(ofService name: String, namespace: String) -> [ServiceEndpoint] {
        guard let service = store.get(Service.self, name, namespace: namespace), let selector = service.spec.selector, !selector.isEmpty else { return [] }
        return store.list(Pod.self, selector: LabelSelector(matchLabels: selector), namespace: namespace)
            .filter { !$0.status.podIP.isEmpty && $0.status.phase != "Succeeded" && $0.status.phase != "Failed" }
            .map { pod in
                let terminating = pod.metadata.deletionTimestamp != nil
                return ServiceEndpoint(podName: pod.metadata.name, podUID: pod.metadata.uid, namespace: namespace, nodeName: pod.spec.nodeName,
                                       address: pod.status.podIP, ready: pod.isReady && !terminating, serving: pod.isReady, terminating: terminating)
            }
            .sorted { $0.podName < $1.podName }
    }
}
