/// Which check a probe worker runs; the raw value is how the kubelet names it in events.
enum ProbeKind: String, CaseIterable {
    case startup = "Startup"
    case liveness = "Liveness"
    case readiness = "Readiness"

    func probe(of container: Container) -> Probe? {
        switch self {
        case .startup: container.startupProbe
        case .liveness: container.livenessProbe
        case .readiness: container.readinessProbe
        }
    }
}

/// One probe of one container instance (kubelet prober worker): a result only counts once it
/// has repeated successThreshold (success) or failureThreshold (failure) times in a row.
struct ProbeWorker {
    let kind: ProbeKind
    let probe: Probe
    private var lastResult: Bool?
    private var resultRun = 0
    /// Set after a liveness or startup failure: the container is being restarted, stop probing it.
    var onHold = false

    init(kind: ProbeKind, probe: Probe) {
        self.kind = kind
        self.probe = probe
    }

    /// Feeds one probe result; returns the result once it passes its threshold, else nil.
    mutating func observe(_ success: Bool) -> Bool? {
        if lastResult == success {
            resultRun += 1
        } else {
            lastResult = success
            resultRun = 1
        }
        let threshold = success ? probe.successThreshold : probe.failureThreshold
        guard resultRun >= max(threshold, 1) else { return nil }
        if !success && kind != .readiness {
            onHold = true
            resultRun = 0
        }
        return success
    }
}

extension Probe {
    /// What the prober reports when the application does not answer yet: its handler's error
    /// for a refused connection (prober http/tcp/grpc), empty output for a failed command.
    func failureOutput(podIP: String) -> String {
        switch handler {
        case let .httpGet(path, port, scheme):
            let address = "\(podIP):\(port)"
            let target = path.hasPrefix("/") ? path : "/" + path
            return "Get \"\(scheme.lowercased())://\(address)\(target)\": dial tcp \(address): connect: connection refused"
        case .tcpSocket(let port):
            return "dial tcp \(podIP):\(port): connect: connection refused"
        case .grpc(let port):
            return "timeout: failed to connect service \"\(podIP):\(port)\" within \(timeoutSeconds)s"
        case .exec:
            return ""
        }
    }
}
