import Cluster

/// printService (pkg/printers/internalversion): a row of `kubectl get services`.
enum ServiceCells {
    static func cells(_ s: Service, now: SimTime) -> [String] {
        [s.name, s.spec.type, s.spec.clusterIP.isEmpty ? "<none>" : s.spec.clusterIP, externalIP(s), ports(s.spec.ports),
         ResourceTables.age(s.metadata.creationTimestamp, now: now), selector(s.spec.selector)]
    }

    /// getServiceExternalIP: a ClusterIP or NodePort service has none; a LoadBalancer waits for
    /// a cloud that never comes.
    static func externalIP(_ s: Service) -> String {
        s.spec.type == ServiceSpec.loadBalancer ? "<pending>" : "<none>"
    }

    /// makePortString: `80/TCP`, with the node port `80:31234/TCP`, comma-separated.
    static func ports(_ ports: [ServicePort]) -> String {
        guard !ports.isEmpty else { return "<none>" }
        return ports.map { p in p.nodePort > 0 ? "\(p.port):\(p.nodePort)/\(p.protocol)" : "\(p.port)/\(p.protocol)" }
            .joined(separator: ",")
    }

    /// labels.FormatLabels of the selector, sorted by key; none prints `<none>`.
    static func selector(_ selector: [String: String]?) -> String {
        guard let selector, !selector.isEmpty else { return "<none>" }
        return selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
