/// What the API server does to a Service on update (pkg/registry/core/service/storage
/// beginUpdate and strategy.go), before validating it:
/// - values it allocated and the update leaves out are patched back in: the cluster IP, and each
///   node port by port name (so a replace or apply without them keeps them);
/// - node ports are dropped when the type stops needing them and the update did not change them
///   (NodePort → ClusterIP releases them);
/// - node ports are allocated when the type starts needing them;
/// - the cluster IP may not change once set.
enum ServiceUpdate {
    static func prepare(_ service: inout Service, old: Service, others: [Service], random: RandomSource) throws {
        service.spec.keepAllocatedValues(of: old.spec)
        let spec = service.spec
        var causes = ServiceValidation.specErrors(spec)
        if !old.spec.clusterIP.isEmpty && spec.clusterIP != old.spec.clusterIP {
            causes.insert("spec.clusterIPs[0]: Invalid value: []string{\"\(spec.clusterIP)\"}: may not change once set", at: 0)
        }
        if !causes.isEmpty { throw APIError.invalid(.service, service.name, causes) }
        // Node ports this service held stay its own; new ones come from the free range.
        let allocation = ServiceAllocation.nodePortCauses(&service, taken: others, random: random, held: Set(old.spec.ports.map(\.nodePort)))
        if !allocation.isEmpty { throw APIError.invalid(.service, service.name, allocation) }
    }
}

extension ServiceSpec {
    /// The API server's fix-ups of an updated spec against the stored one (patchAllocatedValues,
    /// dropTypeDependentFields): a cluster IP and node ports (matched by port name) the update
    /// leaves out keep their values; node ports the update leaves as they were are dropped when
    /// the type no longer needs them.
    public mutating func keepAllocatedValues(of old: ServiceSpec) {
        if clusterIP.isEmpty { clusterIP = old.clusterIP }
        if old.needsNodePorts && needsNodePorts {
            let oldByName = Dictionary(old.ports.map { ($0.name, $0.nodePort) }, uniquingKeysWith: { first, _ in first })
            let used = Set(old.ports.map(\.nodePort)).intersection(ports.map(\.nodePort))
            for i in ports.indices where ports[i].nodePort == 0 {
                if let previous = oldByName[ports[i].name], !used.contains(previous) { ports[i].nodePort = previous }
            }
        }
        if old.needsNodePorts && !needsNodePorts && ports.map(\.nodePort) == old.ports.map(\.nodePort) {
            for i in ports.indices { ports[i].nodePort = 0 }
        }
    }
}
