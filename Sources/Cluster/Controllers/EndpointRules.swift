/// What both endpoints controllers ask of a pod and a service port (pkg/api/v1/endpoints util
/// ShouldPodBeInEndpoints, podutil.FindPort).
enum EndpointRules {
    /// A pod backs a service only once it has an IP and while it has not finished (Succeeded or
    /// Failed); a terminating pod stays only where terminating endpoints are kept (the slices,
    /// or a service that publishes not-ready addresses).
    static func includes(_ pod: Pod, includeTerminating: Bool) -> Bool {
        if pod.status.phase == "Succeeded" || pod.status.phase == "Failed" { return false }
        if pod.status.podIP.isEmpty { return false }
        return includeTerminating || pod.metadata.deletionTimestamp == nil
    }

    /// The pod's port for a service port: the targetPort's number, or the service port's own
    /// number when targetPort is unset. A named targetPort resolves through the pod's container
    /// port names and protocol; nil when no container has it, and the port is left out for this pod.
    static func targetPort(_ port: ServicePort, in pod: Pod) -> Int? {
        if port.targetPort.isEmpty { return port.port }
        return containerPortNumber(for: port.targetPort, in: pod, protocol: port.protocol)
    }

    /// A pod as the endpoints it stands for name it.
    static func targetRef(_ pod: Pod) -> EndpointTargetRef {
        EndpointTargetRef(namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid)
    }

    /// `endpoints.kubernetes.io/last-change-trigger-time`: when the change the controllers
    /// publish happened.
    static let triggerTimeAnnotation = "endpoints.kubernetes.io/last-change-trigger-time"
    /// v1.IsHeadlessService, set on the endpoints of a service without a cluster IP.
    static let headlessLabel = "service.kubernetes.io/headless"
}

extension Store {
    /// The services in the pod's namespace whose selector picks it.
    public func services(selecting pod: Pod) -> [Service] {
        // Read in place first: on every pod write, and most pods back no service.
        guard selectingServices > 0, services.count(where: { $0.selects(pod) }) > 0 else { return [] }
        return list(Service.self, namespace: pod.metadata.namespace).filter { $0.selects(pod) }
    }

    /// The services of a pod before a change, then after it (a relabel moves it), for the
    /// endpoints controllers' watches.
    func servicesSelectingPod(of event: WatchEvent) -> [Service] {
        // Without a selecting service, not even the empty lists are joined (two watchers, every pod write).
        guard selectingServices > 0 else { return [] }
        var found: [Service] = []
        if let old = event.oldPod { found += services(selecting: old) }
        if let pod = event.pod { found += services(selecting: pod) }
        return found
    }

    /// The EndpointSlices labelled as the service's (`kubernetes.io/service-name`), by name.
    public func endpointSlices(ofService name: String, namespace: String) -> [EndpointSlice] {
        guard endpointSlices.count > 0 else { return [] }
        return list(EndpointSlice.self, namespace: namespace).filter { $0.metadata.labels[EndpointSlice.serviceNameLabel] == name }
    }
}
