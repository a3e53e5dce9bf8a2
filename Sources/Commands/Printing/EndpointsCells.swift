import Cluster

/// The ENDPOINTS cell of `kubectl get endpoints` (printers.go formatEndpoints) and the
/// `Endpoints:` line of `kubectl describe service` (describe.go formatEndpointSlices).
enum EndpointsCells {
    /// Ready addresses with each port (`10.244.1.5:80`), the first three, then `+ N more...`;
    /// `<none>` without subsets, and nothing when no address is ready.
    static func endpoints(_ ep: Endpoints) -> String {
        guard !ep.subsets.isEmpty else { return "<none>" }
        var list: [String] = []
        for subset in ep.subsets {
            if subset.ports.isEmpty {
                list += subset.addresses.map(\.ip)
            } else {
                for port in subset.ports { list += subset.addresses.map { "\($0.ip):\(port.port)" } }
            }
        }
        return moreText(list)
    }

    /// The ready endpoints of a service port (named `port`) across its slices, as describe
    /// prints them: `<none>` without slices, nothing when none is ready. As in kubectl, reaching
    /// three entries marks "more" even if no further endpoint is ready (`+ 0 more...`).
    static func sliceEndpoints(_ slices: [EndpointSlice], portName: String) -> String {
        guard !slices.isEmpty else { return "<none>" }
        let max = 3
        var list: [String] = []
        var more = false
        var count = 0
        func visit(_ endpoint: SliceEndpoint, _ text: (String) -> String) {
            if list.count == max { more = true }
            guard endpoint.conditions.ready, let address = endpoint.addresses.first else { return }
            if !more { list.append(text(address)) }
            count += 1
        }
        for slice in slices {
            if slice.ports.isEmpty {
                for endpoint in slice.endpoints { visit(endpoint) { $0 } }
            } else {
                for port in slice.ports where port.name == portName {
                    for endpoint in slice.endpoints { visit(endpoint) { "\($0):\(port.port)" } }
                }
            }
        }
        let text = list.joined(separator: ",")
        return more ? "\(text) + \(count - max) more..." : text
    }

    private static func moreText(_ list: [String], max: Int = 3) -> String {
        if list.count > max { return list.prefix(max).joined(separator: ",") + " + \(list.count - max) more..." }
        return list.joined(separator: ",")
    }
}
