import Cluster

/// The parts of describe's container block about failures and probes (kubectl describe.go
/// describeContainerState, describeContainerProbe, DescribeProbe).
extension Describer {
    /// `Last State: Terminated` with how the previous instance ended.
    static func lastState(_ last: ContainerTermination, into w: inout DescribeWriter) {
        w.write(2, "Last State:\tTerminated\n")
        if !last.reason.isEmpty { w.write(3, "Reason:\t\(last.reason)\n") }
        w.write(3, "Exit Code:\t\(last.exitCode)\n")
        w.write(3, "Started:\t\(time(last.startedAt))\n")
        w.write(3, "Finished:\t\(time(last.finishedAt))\n")
    }

    static func probes(_ c: Container, into w: inout DescribeWriter) {
        if let probe = c.livenessProbe { w.write(2, "Liveness:\t\(describe(probe))\n") }
        if let probe = c.readinessProbe { w.write(2, "Readiness:\t\(describe(probe))\n") }
        if let probe = c.startupProbe { w.write(2, "Startup:\t\(describe(probe))\n") }
    }

    /// `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`.
    static func describe(_ probe: Probe) -> String {
        let attrs = "delay=\(probe.initialDelaySeconds)s timeout=\(probe.timeoutSeconds)s period=\(probe.periodSeconds)s "
            + "#success=\(probe.successThreshold) #failure=\(probe.failureThreshold)"
        switch probe.handler {
        case .exec(let command): return "exec [\(command.joined(separator: " "))] \(attrs)"
        case let .httpGet(path, port, scheme): return "http-get \(scheme.lowercased())://:\(port)\(path) \(attrs)"
        case .tcpSocket(let port): return "tcp-socket :\(port) \(attrs)"
        case .grpc(let port): return "grpc <pod>:\(port)  \(attrs)"
        }
    }
}
