import Cluster

/// `sim serve service/NAME --port N [-n NS]` and `sim serve --stop N`: a real listener on
/// 127.0.0.1 that sends each request through the service as kube-proxy would (a random ready
/// endpoint per request), so `curl` in a loop shows the pods taking turns.
extension SimulatorCommand {
    static let serveUsage = "error: usage: sim serve service/NAME --port PORT [-n NAMESPACE], sim serve --stop PORT"

    static func serve(_ args: [String], cluster: Cluster, ports: LocalPorts?, out: inout CommandOutput) throws {
        let parser = FlagParser(command: "sim serve", flags: [
            .init(long: "port", short: "p", isBool: false), .init(long: "stop", short: nil, isBool: false),
        ])
        let flags = try parser.parse(args)
        guard let ports else {
            throw KubectlError("error: sim serve needs real local ports, which this kubesim session cannot open (use `kubesim run`, the dashboard or `kubesim serve`)")
        }
        if let stop = flags.string("stop") {
            guard flags.positional.isEmpty, !flags.has("port") else { throw KubectlError(serveUsage) }
            guard let port = Int(stop), let served = ports.removeServed(port: port) else {
                throw KubectlError("error: nothing is served on port \(stop) (serving: \(ports.served.keys.sorted().map(String.init).joined(separator: ", ").ifEmpty("none")))")
            }
            served.listener.close()
            out.out("Stopped serving service/\(served.service) on 127.0.0.1:\(port)\n")
            return
        }
        if flags.positional.isEmpty && !flags.has("port") {
            listServed(ports, out: &out)
            return
        }
        guard flags.positional.count == 1, let portText = flags.string("port") else { throw KubectlError(serveUsage) }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw KubectlError("error: invalid argument \(portText.goQuoted) for \"--port\" flag: a port is a number from 0 (any free port) to 65535")
        }
        let namespace = flags.namespace
        let word = flags.positional[0]
        let name: String
        if word.contains("/") {
            let (_, refs) = try ArgumentResolver.resolve([word], namespace: namespace)
            guard refs[0].type.kind == .service else { throw KubectlError("error: sim serve sends requests through a service (service/NAME), not \(word)") }
            name = refs[0].name
        } else {
            name = word
        }
        guard cluster.store.get(Service.self, name, namespace: namespace) != nil else { throw APIError.notFound(.service, name) }
        let handler = ServiceTrafficHandler(cluster: cluster, service: name, namespace: namespace)
        let listener: any LocalListener
        do {
            listener = try ports.opener.listen(host: "127.0.0.1", port: port, handler: handler)
        } catch {
            throw KubectlError("error: \(error)")
        }
        ports.addServed(LocalPorts.ServedService(service: name, namespace: namespace, listener: listener))
        out.out("Serving service/\(name) on http://127.0.0.1:\(listener.port): each request goes to a ready endpoint, as kube-proxy picks (sim serve --stop \(listener.port) ends it)\n")
    }
}

extension SimulatorCommand {
    /// `sim serve` alone: what is served where, as `sim traffic` alone lists its flows.
    static func listServed(_ ports: LocalPorts, out: inout CommandOutput) {
        let served = ports.served.sorted { $0.key < $1.key }
        guard !served.isEmpty else {
            out.out("Nothing is served. Start with: sim serve service/NAME --port PORT\n")
            return
        }
        var rows = [["ADDRESS", "NAMESPACE", "SERVICE"]]
        for (port, entry) in served { rows.append(["http://127.0.0.1:\(port)", entry.namespace, entry.service]) }
        out.out(TabWriter.format(rows))
    }
}

private extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}

/// A `sim serve` listener's requests, sent through the service.
final class ServiceTrafficHandler: LocalHTTPHandler {
    private unowned let cluster: Cluster
    let service: String
    let namespace: String

    init(cluster: Cluster, service: String, namespace: String) {
        self.cluster = cluster
        self.service = service
        self.namespace = namespace
    }

    func connectionOpened() {}

    func answer(_ request: LocalHTTPRequest) -> LocalHTTPReply {
        let port = targetPort()
        // Traffic entering the cluster through a node is SNATed to that node's address.
        let client = cluster.store.list(Node.self).map(\.status.internalIP).sorted().first ?? "10.244.0.1"
        var podRequest = PodRequest(method: request.method, path: request.path, clientAddress: client, userAgent: request.userAgent, port: port)
        podRequest.service = service
        guard let response = cluster.sendThroughService(podRequest, service: service, namespace: namespace) else {
            return .respond(status: 503, contentType: "text/plain; charset=utf-8", body: "no endpoints available for service \"\(service)\"\n")
        }
        switch response.outcome {
        case .answered(let status, let body):
            return .respond(status: status, contentType: "text/html; charset=utf-8", body: body)
        case .refused(let reason):
            return .respond(status: 502, contentType: "text/plain; charset=utf-8", body: "\(reason)\n")
        }
    }

    /// The container port the service's first port targets (nil: a named port, the pod's first).
    private func targetPort() -> Int? {
        guard let first = cluster.store.get(Service.self, service, namespace: namespace)?.spec.ports.first else { return nil }
        if first.targetPort.isEmpty { return first.port }
        return Int(first.targetPort)
    }
}
