/// Simulated clients: steady flows of requests to services on the virtual clock, each request
/// going through kube-proxy (`sendThroughService`) to one pod. One timer serves every flow and
/// fires every `tick`, sending the requests that came due since the last one, so a large rate
/// costs work per request but never a timer per request. A flow whose service is deleted ends
/// there, saying why, and stays listed until it is stopped.
public final class TrafficGenerator {
    /// How often due requests are sent.
    public static let tick = SimDuration.milliseconds(100)
    /// The highest rate a flow may ask for, in requests per second.
    public static let maximumRate: Int64 = 10_000
    /// The lowest non-zero rate the clock can keep (one request every 1000 s).
    public static let minimumMillirequests: Int64 = 1
    static let serviceDeleted = "service deleted"

    /// The client the pods see: simulated load enters through a node, as NodePort traffic does.
    static let userAgent = "kubesim-traffic"

    private unowned let cluster: Cluster
    private var flowsByKey: [ObjectKey: TrafficFlow] = [:]
    private var ticking = false
    /// The node the clients' requests enter by, kept while it stays Ready (no node scan per tick).
    private var entryNode: String?
    private var endObservers: [(TrafficFlow) -> Void] = []

    init(cluster: Cluster) {
        self.cluster = cluster
        cluster.store.watch { [unowned self] event in
            guard event.kind == .service, event.type == .deleted else { return }
            end(ObjectKey(namespace: event.object.metadata.namespace, name: event.name), reason: Self.serviceDeleted)
        }
    }

    /// Every flow, flowing or ended, by namespace then service.
    public var flows: [TrafficFlow] {
        flowsByKey.sorted { ($0.key.namespace, $0.key.name) < ($1.key.namespace, $1.key.name) }.map(\.value)
    }

    public func flow(toService name: String, namespace: String) -> TrafficFlow? { flowsByKey[ObjectKey(namespace: namespace, name: name)] }

    /// Whether requests flow to the service now.
    public func isFlowing(toService name: String, namespace: String) -> Bool { flow(toService: name, namespace: namespace)?.isFlowing ?? false }

    /// Called when a flow ends on its own (its service was deleted).
    public func onFlowEnded(_ observer: @escaping (TrafficFlow) -> Void) { endObservers.append(observer) }

    /// Starts sending `requestsPerSecond` to the service, or changes the rate of the flow already
    /// going there (its counts carry on). A flow that had ended starts afresh.
    @discardableResult
    public func start(service name: String, namespace: String, requestsPerSecond: Double) throws -> TrafficFlow {
        let millis = try Self.millirequests(requestsPerSecond)
        guard let service = cluster.store.get(Service.self, name, namespace: namespace) else { throw APIError.notFound(.service, name) }
        guard let selector = service.spec.selector, !selector.isEmpty else { throw TrafficError.noSelector(name) }
        let key = ObjectKey(namespace: namespace, name: name)
        let now = cluster.now
        if var flow = flowsByKey[key], flow.isFlowing {
            flow.changeRate(to: millis, at: now)
            flowsByKey[key] = flow
        } else {
            flowsByKey[key] = TrafficFlow(service: name, namespace: namespace, millirequestsPerSecond: millis, at: now)
        }
        scheduleTick()
        return flowsByKey[key]!
    }

    /// Stops the flow to the service and forgets it; returns it with its final counts, or nil
    /// when there was none.
    @discardableResult
    public func stop(service name: String, namespace: String) -> TrafficFlow? {
        let key = ObjectKey(namespace: namespace, name: name)
        guard var flow = flowsByKey.removeValue(forKey: key) else { return nil }
        if flow.isFlowing { send(&flow) }
        return flow
    }

    /// Stops every flow; returns them with their final counts.
    @discardableResult
    public func stopAll() -> [TrafficFlow] {
        flows.compactMap { stop(service: $0.service, namespace: $0.namespace) }
    }

    /// A rate in requests per second as the clock keeps it, or why it cannot be one.
    public static func millirequests(_ requestsPerSecond: Double) throws -> Int64 {
        guard requestsPerSecond.isFinite, requestsPerSecond > 0, requestsPerSecond <= Double(maximumRate) else {
            throw TrafficError.rateOutOfRange
        }
        let millis = Int64((requestsPerSecond * 1000).rounded())
        guard millis >= minimumMillirequests else { throw TrafficError.rateOutOfRange }
        return millis
    }

    // MARK: sending

    private func scheduleTick() {
        guard !ticking else { return }
        ticking = true
        let tick = Self.tick.milliseconds
        let next = SimTime(milliseconds: (cluster.now.milliseconds / tick + 1) * tick)
        cluster.clock.schedule(at: next) { [weak self] in self?.fire() }
    }

    private func fire() {
        ticking = false
        for key in flowsByKey.keys.sorted(by: { ($0.namespace, $0.name) < ($1.namespace, $1.name) }) {
            guard var flow = flowsByKey[key], flow.isFlowing else { continue }
            send(&flow)
            flowsByKey[key] = flow
        }
        if flowsByKey.values.contains(where: \.isFlowing) { scheduleTick() }
    }

    /// Sends the requests that came due; a service gone since the last tick ends the flow.
    private func send(_ flow: inout TrafficFlow) {
        let due = flow.takeDue(at: cluster.now)
        guard let service = cluster.store.get(Service.self, flow.service, namespace: flow.namespace) else {
            flow.endReason = Self.serviceDeleted
            return
        }
        guard due > 0 else { return }
        // Nothing else runs between these requests, so one look at the endpoints serves them all.
        let endpoints = cluster.endpoints(ofService: flow.service, namespace: flow.namespace)
        var request = PodRequest(clientAddress: clientAddress(), userAgent: Self.userAgent, port: Self.targetPort(of: service))
        request.service = flow.service
        flow.errors += cluster.sendThroughService(request, count: due, to: endpoints)
        flow.sent += due
    }

    private func end(_ key: ObjectKey, reason: String) {
        guard var flow = flowsByKey[key], flow.isFlowing else { return }
        send(&flow)
        flow.endReason = reason
        flowsByKey[key] = flow
        for observer in endObservers { observer(flow) }
    }

    /// The container port the service's first port targets, when it names a number.
    static func targetPort(of service: Service) -> Int? {
        guard let port = service.spec.ports.first else { return nil }
        return port.targetPort.isEmpty ? port.port : Int(port.targetPort)
    }

    /// The first Ready node's address (by name): where the simulated clients' requests enter.
    /// Looked for again only when that node is gone or no longer Ready.
    private func clientAddress() -> String {
        if let name = entryNode, let node = cluster.store.get(Node.self, name), node.isReady { return node.status.internalIP }
        let nodes = cluster.store.list(Node.self).filter(\.isReady).sorted { $0.metadata.name < $1.metadata.name }
        entryNode = nodes.first?.metadata.name
        return nodes.first?.status.internalIP ?? "10.244.0.1"
    }
}

/// Why a flow could not start.
public enum TrafficError: Error, Equatable, CustomStringConvertible {
    /// The rate is not a number of requests per second the generator keeps.
    case rateOutOfRange
    /// The service picks no pods by label (like `kubernetes`), so there is nothing to simulate.
    case noSelector(String)

    public var description: String {
        switch self {
        case .rateOutOfRange:
            "requests per second must be more than 0 and at most \(TrafficGenerator.maximumRate)"
        case .noSelector(let name):
            "service \"\(name)\" has no selector: simulated traffic goes to the pods a selector picks"
        }
    }
}
