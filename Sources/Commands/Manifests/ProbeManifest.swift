import Cluster

/// A container's probe as a manifest writes it, with the API server's defaults (timeoutSeconds 1,
/// periodSeconds 10, successThreshold 1, failureThreshold 3; httpGet path `/`, scheme HTTP) and
/// its validation (core/v1 validateProbe): exactly one handler, liveness and startup probes
/// succeed once.
enum ProbeManifest {
    static func decode(_ value: ManifestValue?, path: String, kind: String, causes: inout [String]) -> Probe? {
        guard let value, case .object = value else { return nil }
        var handlers: [Probe.Handler] = []
        if let exec = value["exec"] { handlers.append(.exec(command: exec["command"]?.array.compactMap(\.string) ?? [])) }
        if let http = value["httpGet"] {
            let path = http["path"]?.string ?? ""
            handlers.append(.httpGet(path: path.isEmpty ? "/" : path, port: http["port"].map(port) ?? "",
                                     scheme: http["scheme"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? "HTTP"))
        }
        if let tcp = value["tcpSocket"] { handlers.append(.tcpSocket(port: tcp["port"].map(port) ?? "")) }
        if let grpc = value["grpc"] { handlers.append(.grpc(port: grpc["port"]?.int ?? 0)) }
        guard let handler = handlers.first else {
            causes.append("\(path): Required value: must specify a handler type")
            return nil
        }
        if handlers.count > 1 { causes.append("\(path): Forbidden: may not specify more than 1 handler type") }
        var probe = Probe(handler: handler)
        func read(_ field: String, default fallback: Int) -> Int {
            guard let n = value[field]?.int else { return fallback }
            causes += ServerRules.nonNegative(n, "\(path).\(field)")
            return n == 0 ? fallback : n
        }
        probe.initialDelaySeconds = read("initialDelaySeconds", default: 0)
        probe.timeoutSeconds = read("timeoutSeconds", default: 1)
        probe.periodSeconds = read("periodSeconds", default: 10)
        probe.successThreshold = read("successThreshold", default: 1)
        probe.failureThreshold = read("failureThreshold", default: 3)
        if kind != "readinessProbe" && probe.successThreshold != 1 {
            causes.append("\(path).successThreshold: Invalid value: \(probe.successThreshold): must be 1")
        }
        return probe
    }

    private static func port(_ value: ManifestValue) -> String {
        if case .int(let n) = value { return String(n) }
        return value.string ?? ""
    }
}
