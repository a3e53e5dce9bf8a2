import Cluster

/// `kubectl create service clusterip|nodeport|loadbalancer NAME --tcp=PORT[:TARGET] [--node-port=N]`
/// (create_service.go): the service selects and is labelled `app=NAME`; each `--tcp` gives a
/// port named after it (`80-8080`).
enum CreateServiceCommand {
    static let parser = FlagParser(command: "create service", flags: [
        .init(long: "tcp", short: nil, isBool: false),
        .init(long: "node-port", short: nil, isBool: false),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            if args.first == "externalname" {
                let name = args.dropFirst().first { !$0.hasPrefix("-") } ?? ""
                throw KubectlError("error: failed to create ExternalName service: Service \"\(name)\" is invalid: spec.type: Unsupported value: \"ExternalName\": kubesim does not model ExternalName services (a DNS alias, no endpoints); supported values: \"ClusterIP\", \"LoadBalancer\", \"NodePort\"")
            }
            guard let sub = args.first, let type = ["clusterip": ServiceSpec.clusterIP, "nodeport": ServiceSpec.nodePort,
                                                     "loadbalancer": ServiceSpec.loadBalancer][sub] else {
                throw KubectlError("error: Create a service using a specified subcommand.\nSee 'kubectl create service -h' for help and examples")
            }
            let (tcp, rest) = collect("tcp", Array(args.dropFirst()))
            let flags = try parser.parse(rest)
            guard flags.positional.count == 1 else {
                throw KubectlError("error: exactly one NAME is required, got \(flags.positional.count)\nSee 'kubectl create service \(sub) -h' for help and examples")
            }
            let name = flags.positional[0]
            guard !tcp.isEmpty else { throw KubectlError("error: at least one tcp port specifier must be provided") }
            let nodePort = try parser.int32(flags, "node-port") ?? 0
            var ports: [ServicePort] = []
            for spec in tcp {
                let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard let port = Int(parts[0]), parts.count <= 2 else {
                    throw KubectlError("error: strconv.Atoi: parsing \"\(parts[0])\": invalid syntax")
                }
                // intstr.Parse: a number is a port, a word a container port's name.
                let target = parts.count == 2 ? parts[1] : parts[0]
                ports.append(ServicePort(name: spec.replacingOccurrences(of: ":", with: "-"), port: port, targetPort: target,
                                         nodePort: type == ServiceSpec.clusterIP ? 0 : nodePort))
            }
            let labels = ["app": name]
            let service = Service(metadata: ObjectMeta(name: name, namespace: flags.namespace, labels: labels),
                                  spec: ServiceSpec(type: type, selector: labels, ports: ports))
            do {
                try cluster.store.create(service)
            } catch let error as APIError {
                throw KubectlError("error: failed to create \(type) service: \(error.message)")
            }
            out.out("service/\(name) created\n")
            return nil
        }
    }

    /// A repeatable string-slice flag (`--tcp=80:8080 --tcp 443`), also comma-separated.
    static func collect(_ flag: String, _ args: [String]) -> (values: [String], rest: [String]) {
        var values: [String] = []
        var rest: [String] = []
        var i = 0
        while i < args.count {
            let arg = args[i]
            if arg.hasPrefix("--\(flag)=") {
                values += arg.dropFirst(flag.count + 3).split(separator: ",").map(String.init)
            } else if arg == "--\(flag)", i + 1 < args.count {
                values += args[i + 1].split(separator: ",").map(String.init)
                i += 1
            } else {
                rest.append(arg)
            }
            i += 1
        }
        return (values, rest)
    }
}
