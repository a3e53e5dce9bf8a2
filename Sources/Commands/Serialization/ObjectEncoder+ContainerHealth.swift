import Cluster

/// The container fields about health: probes in the spec (with the API server's defaults
/// written out), and a container's waiting message and last termination in the status.
extension ObjectEncoder {
    /// Adds the container's probes to its (key-sorted) fields at their sorted places.
    static func addProbes(of c: Container, to fields: inout Fields) {
        for (key, probe) in [("livenessProbe", c.livenessProbe), ("readinessProbe", c.readinessProbe), ("startupProbe", c.startupProbe)] {
            guard let probe else { continue }
            let at = fields.firstIndex { $0.0 > key } ?? fields.endIndex
            fields.insert((key, encode(probe)), at: at)
        }
    }

    static func encode(_ probe: Probe) -> JSONValue {
        func port(_ text: String) -> JSONValue { Int64(text).map(JSONValue.int) ?? .string(text) }
        let handler: (String, JSONValue) = switch probe.handler {
        case .exec(let command): ("exec", .object([("command", .array(command.map(JSONValue.string)))]))
        case let .httpGet(path, p, scheme): ("httpGet", .object([("path", .string(path)), ("port", port(p)), ("scheme", .string(scheme))]))
        case .tcpSocket(let p): ("tcpSocket", .object([("port", port(p))]))
        case .grpc(let p): ("grpc", .object([("port", .int(Int64(p))), ("service", .string(""))]))
        }
        var fields: Fields = [
            ("failureThreshold", .int(Int64(probe.failureThreshold))),
            ("initialDelaySeconds", .int(Int64(probe.initialDelaySeconds))),
            ("periodSeconds", .int(Int64(probe.periodSeconds))),
            ("successThreshold", .int(Int64(probe.successThreshold))),
            ("timeoutSeconds", .int(Int64(probe.timeoutSeconds))),
        ]
        fields.insert(handler, at: fields.firstIndex { $0.0 > handler.0 } ?? fields.endIndex)
        // initialDelaySeconds 0 is omitted, as omitempty drops it.
        if probe.initialDelaySeconds == 0 { fields.removeAll { $0.0 == "initialDelaySeconds" } }
        return .object(fields)
    }

    static func waiting(_ reason: String, message: String) -> JSONValue {
        var fields: Fields = []
        if !message.isEmpty { fields.append(("message", .string(message))) }
        fields.append(("reason", .string(reason)))
        return .object([("waiting", .object(fields))])
    }

    /// state.terminated: the exit, with when the instance had started and its container id.
    static func terminated(_ cs: ContainerStatus, reason: String, exitCode: Int, finishedAt: SimTime) -> JSONValue {
        var fields: Fields = []
        if !cs.containerID.isEmpty { fields.append(("containerID", .string(cs.containerID))) }
        fields += [("exitCode", .int(Int64(exitCode))), ("finishedAt", time(finishedAt)), ("reason", .string(reason))]
        if let started = cs.terminatedStartedAt { fields.append(("startedAt", time(started))) }
        return .object([("terminated", .object(fields))])
    }

    static func lastState(_ cs: ContainerStatus) -> JSONValue {
        guard let last = cs.lastState else { return .object([]) }
        var fields: Fields = []
        if !last.containerID.isEmpty { fields.append(("containerID", .string(last.containerID))) }
        fields += [("exitCode", .int(Int64(last.exitCode))), ("finishedAt", time(last.finishedAt)),
                   ("reason", .string(last.reason)), ("startedAt", time(last.startedAt))]
        return .object([("terminated", .object(fields))])
    }
}
