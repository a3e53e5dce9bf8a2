import Cluster

extension ObjectEncoder {
    /// A discovery.k8s.io/v1 EndpointSlice. A placeholder slice has `endpoints: null` and
    /// `ports: null`, as the API server returns it; a port's name is written even when empty.
    static func endpointSlice(_ slice: EndpointSlice) -> JSONValue {
        let endpoints: JSONValue = slice.endpoints.isEmpty ? .null : .array(slice.endpoints.map { e in
            var f: Fields = [("addresses", .array(e.addresses.map { .string($0) })),
                             ("conditions", .object([("ready", .bool(e.conditions.ready)), ("serving", .bool(e.conditions.serving)),
                                                     ("terminating", .bool(e.conditions.terminating))]))]
            if !e.nodeName.isEmpty { f.append(("nodeName", .string(e.nodeName))) }
            if let ref = e.targetRef { f.append(("targetRef", targetRef(ref))) }
            return .object(f)
        })
        let ports: JSONValue = slice.ports.isEmpty ? .null : .array(slice.ports.map { p in
            .object([("name", .string(p.name)), ("port", .int(Int64(p.port))), ("protocol", .string(p.protocol))])
        })
        return .object([("addressType", .string(slice.addressType)), ("apiVersion", .string(Kind.endpointSlice.apiVersion)),
                        ("endpoints", endpoints), ("kind", .string(Kind.endpointSlice.rawValue)),
                        ("metadata", metadata(slice.metadata)), ("ports", ports)])
    }

    /// A core/v1 Endpoints. The API server keeps no generation for it.
    static func endpoints(_ ep: Endpoints) -> JSONValue {
        var meta = ep.metadata
        meta.generation = 0
        var f: Fields = [("apiVersion", .string(Kind.endpoints.apiVersion)), ("kind", .string(Kind.endpoints.rawValue)), ("metadata", metadata(meta))]
        if !ep.subsets.isEmpty {
            f.append(("subsets", .array(ep.subsets.map { s in
                var sf: Fields = []
                if !s.addresses.isEmpty { sf.append(("addresses", .array(s.addresses.map(address)))) }
                if !s.notReadyAddresses.isEmpty { sf.append(("notReadyAddresses", .array(s.notReadyAddresses.map(address)))) }
                if !s.ports.isEmpty {
                    sf.append(("ports", .array(s.ports.map { p in
                        .object((p.name.isEmpty ? [] : [("name", .string(p.name))]) + [("port", .int(Int64(p.port))), ("protocol", .string(p.protocol))])
                    })))
                }
                return .object(sf)
            })))
        }
        return .object(f)
    }

    private static func address(_ a: EndpointAddress) -> JSONValue {
        var f: Fields = [("ip", .string(a.ip))]
        if !a.nodeName.isEmpty { f.append(("nodeName", .string(a.nodeName))) }
        if let ref = a.targetRef { f.append(("targetRef", targetRef(ref))) }
        return .object(f)
    }

    private static func targetRef(_ ref: EndpointTargetRef) -> JSONValue {
        .object([("kind", .string(ref.kind)), ("name", .string(ref.name)), ("namespace", .string(ref.namespace)), ("uid", .string(ref.uid))])
    }
}
