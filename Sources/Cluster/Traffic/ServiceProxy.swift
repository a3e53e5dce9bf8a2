/// kube-proxy's choice of backend in iptables mode: each new connection goes to a ready endpoint
/// chosen uniformly at random; with none ready, to a serving (terminating) one; with none of
/// those, nowhere. Its random sequence is its own, so traffic does not change the rest of a
/// seeded run.
public final class ServiceProxy {
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed ^ 0x7472_6166_6669_6300) }

    /// The endpoint a new connection to the service reaches, or nil (no endpoints: kube-proxy rejects it).
    public func pick(from endpoints: [ServiceEndpoint]) -> ServiceEndpoint? {
        let candidates = Self.candidates(endpoints)
        return candidates.isEmpty ? nil : candidates[pickIndex(among: candidates.count)]
    }

    /// The endpoints new connections may go to: the ready ones, else the serving terminating ones.
    static func candidates(_ endpoints: [ServiceEndpoint]) -> [ServiceEndpoint] {
        let ready = endpoints.filter(\.ready)
        return ready.isEmpty ? endpoints.filter { $0.serving && $0.terminating } : ready
    }

    /// One draw among `count` candidates (more than zero), as `pick` draws.
    func pickIndex(among count: Int) -> Int { random.int(in: 0...(count - 1)) }
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
        var request = request
        request.service = service
        return deliver(request, to: endpoint, copies: 1)
    }

    /// `count` copies of `request` sent at this instant over `endpoints` (looked up once): each
    /// picked on its own, as kube-proxy picks per connection; the copies that reach the same pod
    /// are answered together, so a large batch costs one answer per pod. Returns how many failed.
    func sendThroughService(_ request: PodRequest, count: Int, to endpoints: [ServiceEndpoint]) -> Int {
        let candidates = ServiceProxy.candidates(endpoints)
        guard !candidates.isEmpty else {
            traffic.recordUnrouted(at: now, count: count)
            return count
        }
        var copies = [Int](repeating: 0, count: candidates.count)
        for _ in 0..<count { copies[proxy.pickIndex(among: candidates.count)] += 1 }
        var failed = 0
        for (endpoint, copies) in zip(candidates, copies) where copies > 0 && !deliver(request, to: endpoint, copies: copies).succeeded {
            failed += copies
        }
        return failed
    }
}
