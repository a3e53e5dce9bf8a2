import Cluster

/// `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE… [--address A]`: picks one pod as kubectl
/// does, checks it runs, opens a real listener per port on loopback and answers every request
/// from that pod until it goes away (client-go's ErrLostConnectionToPod).
enum PortForwardCommand {
    static let parser = FlagParser(command: "port-forward", flags: [
        .init(long: "address", short: nil, isBool: false, accumulates: true),
        .init(long: "pod-running-timeout", short: nil, isBool: false),
    ])

    /// One `[LOCAL:]REMOTE` as client-go's ForwardedPort holds it.
    struct ForwardedPort: Equatable {
        var local: Int
        var remote: Int
    }

    /// An address to bind: what kubectl's parseAddresses makes of `--address` (`localhost`
    /// binds 127.0.0.1 and ::1 and fails only if both fail; a literal IP must bind).
    struct BindAddress: Equatable {
        var host: String
        var network: String
        var mustBind: Bool
    }

    static func run(_ args: [String], cluster: Cluster, ports: LocalPorts?) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            guard flags.positional.count >= 2 else {
                throw KubectlError("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples")
            }
            _ = try GoDuration.flag(flags.string("pod-running-timeout"), name: "pod-running-timeout", command: "port-forward")
            let namespace = flags.namespace
            let object = try target(flags.positional[0], namespace: namespace, cluster: cluster)
            let pod = try forwardablePod(for: object, namespace: namespace, cluster: cluster)
            let specs = Array(flags.positional.dropFirst())
            let portTexts: [String]
            if let service = object as? Service {
                portTexts = try translateServicePorts(specs, service: service, pod: pod)
            } else {
                portTexts = try podPorts(specs, pod: pod)
            }
            guard pod.status.phase == "Running" else {
                throw KubectlError("error: unable to forward port because pod is not running. Current status=\(pod.status.phase)")
            }
            // kubectl upgrades its connection through the API server to the kubelet before it listens.
            if let dial = cluster.kubeletDialError(onNode: pod.spec.nodeName) {
                throw KubectlError("error: error upgrading connection: error dialing backend: \(dial)")
            }
            let addresses = try bindAddresses(flags.string("address") ?? "localhost")
            var forwarded = try parsePorts(portTexts)
            guard let ports else {
                throw KubectlError("error: port-forward needs real local ports, which this kubesim session cannot open (use `kubesim run`, the dashboard or `kubesim serve`)")
            }
            let operation = PortForwardOperation(pod: pod, cluster: cluster, ports: ports)
            var anyListening = false
            for i in forwarded.indices {
                var errors: [String] = []
                var mustFailed = 0, mayFailed = 0, mayBound = 0
                for address in addresses {
                    do {
                        let handler = ForwardedPortHandler(operation: operation, local: forwarded[i].local, remote: forwarded[i].remote)
                        let listener = try ports.opener.listen(host: address.host, port: forwarded[i].local, handler: handler)
                        // Port 0 is resolved by the first bind; the other addresses take the same port.
                        forwarded[i].local = listener.port
                        handler.local = listener.port
                        operation.add(listener)
                        out.out("Forwarding from \(hostPort(address.host, listener.port)) -> \(forwarded[i].remote)\n")
                        if !address.mustBind { mayBound += 1 }
                    } catch {
                        errors.append("unable to create listener: Error \(error)")
                        if address.mustBind { mustFailed += 1 } else { mayFailed += 1 }
                    }
                }
                let failed = mustFailed > 0 || (mayFailed > 0 && mayBound == 0)
                if failed {
                    out.err("Unable to listen on port \(forwarded[i].local): Listeners failed to create with the following errors: [\(errors.joined(separator: " "))]\n")
                } else {
                    anyListening = true
                }
            }
            guard anyListening else {
                operation.interrupt()
                throw KubectlError("error: unable to listen on any of the requested ports: [\(forwarded.map { "{\($0.local) \($0.remote)}" }.joined(separator: " "))]")
            }
            ports.track(operation)
            return operation
        }
    }

    /// `Go`'s net.JoinHostPort: IPv6 in brackets.
    static func hostPort(_ host: String, _ port: Int) -> String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The object named: a bare name is a pod (kubectl's builder defaults the type to pods).
    private static func target(_ word: String, namespace: String, cluster: Cluster) throws -> any APIObject {
        let kind: Kind
        let name: String
        if word.contains("/") {
            let (_, refs) = try ArgumentResolver.resolve([word], namespace: namespace)
            kind = refs[0].type.kind
            name = refs[0].name
        } else {
            kind = .pod
            name = word
        }
        guard let object = cluster.store.object(kind: kind, name: name, namespace: namespace) else { throw APIError.notFound(kind, name) }
        return object
    }

    /// kubectl's AttachablePodForObject: the pod itself, or the most active pod the object's
    /// selector picks (podutils.ActivePods reversed).
    private static func forwardablePod(for object: any APIObject, namespace: String, cluster: Cluster) throws -> Pod {
        let selector: LabelSelector
        switch object {
        case let pod as Pod: return pod
        case let d as Deployment: selector = d.spec.selector
        case let rs as ReplicaSet: selector = rs.spec.selector
        case let ds as DaemonSet: selector = ds.spec.selector
        case let service as Service:
            guard let labels = service.spec.selector, !labels.isEmpty else {
                throw KubectlError("error: cannot attach to *v1.Service: invalid service '\(service.metadata.name)': Service is defined without a selector")
            }
            selector = LabelSelector(matchLabels: labels)
        default:
            let kind = type(of: object).kind.rawValue
            throw KubectlError("error: cannot attach to *v1.\(kind): selector for *v1.\(kind) not implemented")
        }
        let pods = cluster.store.list(Pod.self, selector: selector, namespace: namespace)
        guard let first = ActivePods.mostActiveFirst(pods).first else { throw KubectlError("error: timed out waiting for the condition") }
        return first
    }

    /// `[LOCAL:]REMOTE` split as kubectl's splitPort does.
    private static func split(_ spec: String) -> (local: String, remote: String) {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : (parts[0], parts[0])
    }

    private static func join(_ local: String, _ remote: String) -> String { local == remote ? remote : "\(local):\(remote)" }

    /// convertPodNamedPortToNumber: a named remote port is looked up in the pod's containers.
    private static func podPorts(_ specs: [String], pod: Pod) throws -> [String] {
        try specs.map { spec in
            let (local, remote) = split(spec)
            if remote.isEmpty { throw KubectlError("error: remote port cannot be empty") }
            if Int(remote) != nil { return join(local, remote) }
            guard let number = containerPortNumber(for: remote, in: pod) else {
                throw KubectlError("error: Pod '\(pod.metadata.name)' does not have a named port '\(remote)'")
            }
            return join(local == remote ? String(number) : local, String(number))
        }
    }

    /// translateServicePortToTargetPort: the service port becomes the target port in the pod.
    private static func translateServicePorts(_ specs: [String], service: Service, pod: Pod) throws -> [String] {
        try specs.map { spec in
            var (local, remote) = split(spec)
            let number: Int
            if let n = Int(remote) {
                number = n
            } else {
                guard let named = service.spec.ports.first(where: { $0.name == remote }) else {
                    throw KubectlError("error: Service '\(service.metadata.name)' does not have a named port '\(remote)'")
                }
                number = named.port
                if local == remote { local = String(number) }
            }
            guard let servicePort = service.spec.ports.first(where: { $0.port == number }) else {
                throw KubectlError("error: Service \(service.metadata.name) does not have a service port \(number)")
            }
            let target: Int
            if service.spec.clusterIP == "None" || servicePort.targetPort.isEmpty {
                target = number
            } else if let n = Int(servicePort.targetPort) {
                target = n == 0 ? number : n
            } else if let n = containerPortNumber(for: servicePort.targetPort, in: pod) {
                target = n
            } else {
                throw KubectlError("error: Pod '\(pod.metadata.name)' does not have a named port '\(servicePort.targetPort)'")
            }
            return join(local, String(target))
        }
    }

    /// client-go's parsePorts, with its messages.
    static func parsePorts(_ specs: [String]) throws -> [ForwardedPort] {
        try specs.map { spec in
            let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let local: String, remote: String
            switch parts.count {
            case 1: (local, remote) = (parts[0], parts[0])
            case 2: (local, remote) = (parts[0].isEmpty ? "0" : parts[0], parts[1])
            default: throw KubectlError("error: invalid port format '\(spec)'")
            }
            guard let l = parseUInt16(local) else { throw KubectlError("error: error parsing local port '\(local)': \(parseUIntError(local))") }
            guard let r = parseUInt16(remote) else { throw KubectlError("error: error parsing remote port '\(remote)': \(parseUIntError(remote))") }
            if r == 0 { throw KubectlError("error: remote port must be > 0") }
            return ForwardedPort(local: l, remote: r)
        }
    }

    private static func parseUInt16(_ text: String) -> Int? {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), let n = Int(text), n <= 65535 else { return nil }
        return n
    }

    /// strconv.ParseUint's error for a 16-bit size.
    private static func parseUIntError(_ text: String) -> String {
        let digits = !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
        return "strconv.ParseUint: parsing \"\(text)\": \(digits ? "value out of range" : "invalid syntax")"
    }

    /// kubectl's parseAddresses, sorted as it sorts them; kubesim binds loopback only.
    static func bindAddresses(_ text: String) throws -> [BindAddress] {
        var parsed: [String: BindAddress] = [:]
        for word in text.split(separator: ",").map(String.init) {
            switch word {
            case "localhost":
                if parsed["127.0.0.1"] == nil { parsed["127.0.0.1"] = BindAddress(host: "127.0.0.1", network: "tcp4", mustBind: false) }
                if parsed["::1"] == nil { parsed["::1"] = BindAddress(host: "::1", network: "tcp6", mustBind: false) }
            case "127.0.0.1", "::1":
                parsed[word] = BindAddress(host: word, network: word.contains(":") ? "tcp6" : "tcp4", mustBind: true)
            default:
                guard IPAddressText.isIP(word) else { throw KubectlError("error: \(word) is not a valid IP") }
                throw KubectlError("error: kubesim forwards from loopback only (localhost, 127.0.0.1 or ::1), not \(word)")
            }
        }
        if parsed.isEmpty { throw KubectlError("error: you must specify at least 1 address") }
        return parsed.values.sorted { $0.host < $1.host }
    }
}

/// Just enough of an IP parser to tell kubectl's "not a valid IP" from a real address.
enum IPAddressText {
    static func isIP(_ text: String) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) { return true }
        return text.contains(":") && text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}
