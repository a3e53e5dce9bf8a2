import Cluster

/// printEndpointSlice (pkg/printers/internalversion): a row of `kubectl get endpointslices`.
enum EndpointSliceCells {
    static func cells(_ slice: EndpointSlice, now: SimTime) -> [String] {
        [slice.name, slice.addressType, ports(slice.ports), endpoints(slice.endpoints), ResourceTables.age(slice.metadata.creationTimestamp, now: now)]
    }

    /// formatDiscoveryPorts: the first three port numbers, then `+ N more...`; `<unset>` for none.
    static func ports(_ ports: [EndpointPort]) -> String {
        listWithMore(ports.map { String($0.port) })
    }

    /// formatDiscoveryEndpoints: the first three addresses, ready or not.
    static func endpoints(_ endpoints: [SliceEndpoint]) -> String {
        listWithMore(endpoints.flatMap(\.addresses))
    }

    /// listWithMoreString: `a,b,c + 2 more...`, `<unset>` when empty.
    static func listWithMore(_ items: [String], max: Int = 3) -> String {
        if items.count > max { return items.prefix(max).joined(separator: ",") + " + \(items.count - max) more..." }
        return items.isEmpty ? "<unset>" : items.joined(separator: ",")
    }
}
