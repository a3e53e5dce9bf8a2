import Cluster

/// `sim traffic svc/NAME [--rps 50] [-n NS]` starts (or re-rates) simulated clients sending
/// requests to a service; `sim traffic svc/NAME --stop` stops them; `sim traffic` lists the
/// flows and the pods answering them (`--stop` alone stops every flow).
extension SimulatorCommand {
    static let trafficUsage = "error: usage: sim traffic svc/NAME [--rps 50] [-n NAMESPACE], sim traffic svc/NAME --stop, or sim traffic to list the flows"
    static let defaultRate = "50"

    static func traffic(_ args: [String], cluster: Cluster, out: inout CommandOutput) throws {
        let parser = FlagParser(command: "sim traffic", flags: [
            .init(long: "rps", short: nil, isBool: false), .init(long: "stop", short: nil, isBool: true),
        ])
        let flags = try parser.parse(args)
        let stopping = flags.bool("stop")
        if stopping && flags.has("rps") { throw KubectlError("error: --rps and --stop cannot be used together") }
        let generator = cluster.trafficGenerator
        guard let name = try trafficTarget(flags.positional) else {
            if flags.has("rps") { throw KubectlError(trafficUsage) }
            if stopping {
                let stopped = generator.stopAll()
                if stopped.isEmpty { out.out("No traffic is flowing.\n") }
                for flow in stopped { out.out(stoppedLine(flow)) }
            } else {
                out.out(trafficTable(cluster, namespace: flags.has("namespace") ? flags.namespace : nil))
            }
            return
        }
        let namespace = flags.namespace
        if stopping {
            guard let flow = generator.stop(service: name, namespace: namespace) else {
                guard cluster.store.get(Service.self, name, namespace: namespace) != nil else { throw APIError.notFound(.service, name) }
                throw KubectlError("error: no traffic is flowing to service/\(name)")
            }
            return out.out(stoppedLine(flow))
        }
        let rateText = flags.string("rps") ?? defaultRate
        guard let rate = Double(rateText) else {
            throw KubectlError("error: invalid argument \(rateText.goQuoted) for \"--rps\" flag: strconv.ParseFloat: parsing \(rateText.goQuoted): invalid syntax")
        }
        let before = generator.flow(toService: name, namespace: namespace).flatMap { $0.isFlowing ? $0 : nil }
        let flow: TrafficFlow
        do {
            flow = try generator.start(service: name, namespace: namespace, requestsPerSecond: rate)
        } catch TrafficError.rateOutOfRange {
            throw KubectlError("error: invalid argument \(rateText.goQuoted) for \"--rps\" flag: \(TrafficError.rateOutOfRange)")
        } catch let error as TrafficError {
            throw KubectlError("error: \(error)")
        }
        if let before {
            out.out("traffic to service/\(name): \(flow.rateText) requests/s (was \(before.rateText))\n")
        } else {
            out.out("traffic to service/\(name) started: \(flow.rateText) requests/s\n")
        }
        if !cluster.endpoints(ofService: name, namespace: namespace).contains(where: \.ready) {
            out.err("Warning: service/\(name) has no ready endpoints: requests fail until one of its pods is Ready\n")
        }
    }

    /// The service named by `svc/NAME` (or `service/NAME`, or `svc NAME`); nil when none is named.
    private static func trafficTarget(_ words: [String]) throws -> String? {
        let serviceTypes = ["svc", "service", "services"]
        switch words.count {
        case 0: return nil
        case 1:
            guard let slash = words[0].firstIndex(of: "/") else { throw KubectlError(trafficUsage) }
            let type = String(words[0][..<slash]), name = String(words[0][words[0].index(after: slash)...])
            guard serviceTypes.contains(type) else {
                throw KubectlError("error: sim traffic sends requests to a service, not \(words[0]): expose it first (kubectl expose \(words[0]) --port=80), then sim traffic svc/NAME")
            }
            guard !name.isEmpty else { throw KubectlError(trafficUsage) }
            return name
        case 2 where serviceTypes.contains(words[0]) && !words[1].isEmpty: return words[1]
        default: throw KubectlError(trafficUsage)
        }
    }

    private static func stoppedLine(_ flow: TrafficFlow) -> String {
        "traffic to service/\(flow.service) stopped: \(flow.sent) requests sent, \(flow.errors) failed\n"
    }

    /// The flows, then the pods their services select with what each has answered.
    static func trafficTable(_ cluster: Cluster, namespace: String?) -> String {
        let flows = cluster.trafficGenerator.flows.filter { namespace == nil || $0.namespace == namespace }
        guard !flows.isEmpty else { return "No traffic is flowing; start some with: sim traffic svc/NAME --rps 50\n" }
        var rows = [["NAMESPACE", "SERVICE", "RPS", "SENT", "ERRORS", "AGE", "STATUS"]]
        for flow in flows {
            rows.append([flow.namespace, flow.service, flow.rateText, String(flow.sent), String(flow.errors),
                         ResourceTables.age(flow.startedAt, now: cluster.now), flow.endReason.map { "Stopped (\($0))" } ?? "Flowing"])
        }
        var text = TabWriter.format(rows)
        // The SERVICE column only when pods of several services are listed: the table then fits 80 columns.
        let flowing = flows.filter(\.isFlowing)
        let showService = flowing.count > 1
        var podRows = [["POD"] + (showService ? ["SERVICE"] : []) + ["ENDPOINT", "REQUESTS", "ERRORS", "REQ/S"]]
        for flow in flowing {
            guard let service = cluster.store.get(Service.self, flow.service, namespace: flow.namespace),
                  let selector = service.spec.selector, !selector.isEmpty else { continue }
            let endpoints = Dictionary(cluster.endpoints(ofService: flow.service, namespace: flow.namespace).map { ($0.podUID, $0) },
                                       uniquingKeysWith: { first, _ in first })
            let pods = cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: selector), namespace: flow.namespace)
                .sorted { $0.metadata.name < $1.metadata.name }
            for pod in pods {
                let tally = cluster.traffic.pods[pod.metadata.uid]
                let rate = cluster.traffic.requestsPerSecond(podUID: pod.metadata.uid, at: cluster.now)
                podRows.append([pod.metadata.name] + (showService ? [flow.service] : []) + [endpointState(endpoints[pod.metadata.uid]),
                                String((tally?.served ?? 0) + (tally?.failed ?? 0)), String(tally?.failed ?? 0), rateText(rate)])
            }
            // Pods that served this flow and are gone keep a row while the ledger keeps them,
            // so the rows still add up to what was sent.
            let present = Set(pods.map(\.metadata.uid))
            let gone = cluster.traffic.pods.filter { uid, tally in
                !present.contains(uid) && tally.namespace == flow.namespace && tally.service == flow.service
            }.sorted { $0.value.podName < $1.value.podName }
            for (uid, tally) in gone {
                podRows.append([tally.podName] + (showService ? [flow.service] : []) + ["<gone>", String(tally.served + tally.failed),
                                String(tally.failed), rateText(cluster.traffic.requestsPerSecond(podUID: uid, at: cluster.now))])
            }
        }
        if podRows.count > 1 { text += "\n" + TabWriter.format(podRows) }
        return text
    }

    /// How kube-proxy sees the pod: a ready endpoint (new requests go there), a terminating one
    /// (only when no endpoint is ready), one not ready, or none (no address yet, or finished).
    private static func endpointState(_ endpoint: ServiceEndpoint?) -> String {
        guard let endpoint else { return "<none>" }
        if endpoint.ready { return "Ready" }
        return endpoint.terminating ? "Terminating" : "NotReady"
    }

    private static func rateText(_ rate: Double) -> String { RateText.perSecond(rate) }
}
