import Cluster

/// `kubectl expose deployment|replicaset|pod NAME [--port=N] [--target-port=P] [--name=S] [--type=T] [--protocol=TCP]`
/// (expose.go): a service selecting what the object selects, labelled as the object is, with
/// its ports from `--port` or, failing that, the pod template's container ports.
enum ExposeCommand {
    static let parser = FlagParser(command: "expose", flags: [
        .init(long: "port", short: nil, isBool: false),
        .init(long: "target-port", short: nil, isBool: false),
        .init(long: "name", short: nil, isBool: false),
        .init(long: "type", short: nil, isBool: false),
        .init(long: "protocol", short: nil, isBool: false),
        .init(long: "selector", short: nil, isBool: false),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            let (type, refs) = try ArgumentResolver.resolve(flags.positional, namespace: flags.namespace)
            guard let ref = refs.first, refs.count == 1 else {
                if type == nil && refs.isEmpty {
                    throw KubectlError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
                }
                throw KubectlError("error: expose command requires a single resource")
            }
            let store = cluster.store
            let object: any APIObject
            let selector: LabelSelector
            let containerPorts: [ContainerPort]
            switch ref.type {
            case .deployments:
                guard let d = store.get(Deployment.self, ref.name, namespace: ref.namespace) else { throw APIError.notFound(.deployment, ref.name) }
                (object, selector, containerPorts) = (d, d.spec.selector, d.spec.template.spec.containers.flatMap(\.ports))
            case .replicasets:
                guard let rs = store.get(ReplicaSet.self, ref.name, namespace: ref.namespace) else { throw APIError.notFound(.replicaSet, ref.name) }
                (object, selector, containerPorts) = (rs, rs.spec.selector, rs.spec.template.spec.containers.flatMap(\.ports))
            case .pods:
                guard let p = store.get(Pod.self, ref.name, namespace: ref.namespace) else { throw APIError.notFound(.pod, ref.name) }
                (object, selector, containerPorts) = (p, LabelSelector(matchLabels: p.metadata.labels), p.spec.containers.flatMap(\.ports))
            case .services:
                guard let s = store.get(Service.self, ref.name, namespace: ref.namespace) else { throw APIError.notFound(.service, ref.name) }
                (object, selector, containerPorts) = (s, LabelSelector(matchLabels: s.spec.selector ?? [:]), s.spec.ports.map { ContainerPort(containerPort: $0.port, protocol: $0.protocol) })
            default:
                throw KubectlError("error: cannot expose a \(ref.type.kind.rawValue)")
            }
            // MapBasedSelectorForObject: a service selector is a plain map.
            guard selector.requirements.allSatisfy({ $0.op == .equals }) else {
                throw KubectlError("error: couldn't retrieve selectors via --selector flag or introspection: \(ref.type.kind.rawValue)s with expressions cannot be exposed")
            }
            let selectorMap = flags.string("selector").map(parseMap) ?? selector.matchLabels
            if selectorMap.isEmpty {
                throw KubectlError("error: couldn't retrieve selectors via --selector flag or introspection: the \(ref.type.kind.rawValue) has no selector")
            }
            let protocolFlag = flags.string("protocol")
            let proto = protocolFlag ?? "TCP"
            let targetPort = flags.string("target-port") ?? ""
            var ports: [ServicePort]
            if let text = flags.string("port") {
                guard let port = Int(text) else { throw KubectlError("error: strconv.Atoi: parsing \"\(text)\": invalid syntax") }
                ports = [ServicePort(protocol: proto, port: port, targetPort: targetPort.isEmpty ? String(port) : targetPort)]
            } else {
                guard !containerPorts.isEmpty else {
                    throw KubectlError("error: couldn't find port via --port flag or introspection")
                }
                // Several ports are named port-1, port-2, ... as kubectl's generator names them.
                // Each keeps its container port's protocol unless --protocol says otherwise (ProtocolsForObject).
                ports = containerPorts.enumerated().map { i, port in
                    ServicePort(name: containerPorts.count > 1 ? "port-\(i + 1)" : "", protocol: protocolFlag ?? port.protocol,
                                port: port.containerPort, targetPort: targetPort.isEmpty ? String(port.containerPort) : targetPort)
                }
            }
            let name = flags.string("name") ?? ref.name
            let serviceType = flags.string("type") ?? ServiceSpec.clusterIP
            let service = Service(metadata: ObjectMeta(name: name, namespace: ref.namespace, labels: object.metadata.labels),
                                  spec: ServiceSpec(type: serviceType, selector: selectorMap, ports: ports))
            try store.create(service)
            out.out("service/\(name) exposed\n")
            return nil
        }
    }

    private static func parseMap(_ text: String) -> [String: String] {
        var map: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { map[kv[0]] = kv[1] }
        }
        return map
    }
}
