/// kube-proxy's choice of backend in iptables mode: each new connection goes to a ready endpoint
/// chosen uniformly at random; with none ready, to a serving (terminating) one; with none of
/// those, nowhere. Its random sequence is its own, so traffic does not change the rest of a
/// seeded run.
public final class ServiceProxy {
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed ^ 0x7472_6166_6669_6300) }

    /// The endpoint a new connection to the service reaches, or nil (no endpoints: kube-proxy rejects it).
    public func pick(from endpoints: [ServiceEndpoint]) -> ServiceEndpoint? {
        let ready = endpoints.filter(\.ready)
        let candidates = ready.isEmpty ? endpoints.filter { $0.serving && $0.terminating } : ready
        guard !candidates.isEmpty else { return nil }
        return candidates[random.int(in: 0...(candidates.count - 1))]
    }
}

extension Cluster {
    /// A request sent to the service's cluster IP: kube-proxy picks the pod from the service's
    /// endpoints and the pod answers. nil when the service has no endpoint to send it to (the
    /// client's connection is rejected); that counts as a failed request in the ledger.
    public func sendThroughService(_ request: PodRequest, service: String, namespace: String) -> PodResponse? {
        guard let endpoint = proxy.pick(from: endpoints(ofService: service, namespace: namespace)) else {
            traffic.recordUnrouted(at: now)
            return nil
        }
        return deliver(request, toPod: endpoint.podName, namespace: namespace)
    }
}
