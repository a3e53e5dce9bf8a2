import Cluster

extension ObjectEncoder {
    /// A core/v1 Service with the defaults the API server fills in (single-stack IPv4, Cluster
    /// traffic policies); targetPort keeps its type (`8080` or `"http"`).
    static func service(_ s: Service) -> JSONValue {
        var spec: Fields = []
        if !s.spec.clusterIP.isEmpty {
            spec += [("clusterIP", .string(s.spec.clusterIP)), ("clusterIPs", .array([.string(s.spec.clusterIP)]))]
        }
        if s.spec.needsNodePorts { spec.append(("externalTrafficPolicy", .string("Cluster"))) }
        spec += [("internalTrafficPolicy", .string("Cluster")), ("ipFamilies", .array([.string("IPv4")])),
                 ("ipFamilyPolicy", .string("SingleStack"))]
        spec.append(("ports", .array(s.spec.ports.map { p in
            var f: Fields = []
            if !p.name.isEmpty { f.append(("name", .string(p.name))) }
            if p.nodePort > 0 { f.append(("nodePort", .int(Int64(p.nodePort)))) }
            f += [("port", .int(Int64(p.port))), ("protocol", .string(p.protocol)),
                  ("targetPort", targetPort(p))]
            return .object(f)
        })))
        if let selector = s.spec.selector {
            spec.append(("selector", .object(selector.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        spec += [("sessionAffinity", .string(s.spec.sessionAffinity)), ("type", .string(s.spec.type))]
        return .object([("apiVersion", .string(Kind.service.apiVersion)), ("kind", .string(Kind.service.rawValue)),
                        ("metadata", metadata(s.metadata)), ("spec", .object(spec)),
                        ("status", .object([("loadBalancer", .object([]))]))])
    }

    /// An unset targetPort defaults to the port's number.
    static func targetPort(_ p: ServicePort) -> JSONValue {
        let written = p.targetPort.isEmpty ? String(p.port) : p.targetPort
        return Int64(written).map { .int($0) } ?? .string(written)
    }
}
