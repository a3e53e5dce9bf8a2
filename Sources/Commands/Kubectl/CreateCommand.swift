import Foundation
import Cluster

/// `kubectl create deployment NAME --image=IMG [--image=IMG2] [--replicas=N] [--port=N] [-n NS]`;
/// `kubectl create namespace NAME`; `kubectl create -f FILE`
struct CreateCommand {
    static let deploymentParser = FlagParser(command: "create deployment", flags: [
        .init(long: "image", short: nil, isBool: false),
        .init(long: "replicas", short: "r", isBool: false),
        .init(long: "port", short: nil, isBool: false),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        guard let sub = args.first else { return .failure(KubectlError("error: must specify one of -f and -k")) }
        switch sub {
        case "deployment", "deploy":
            return createDeployment(Array(args.dropFirst()), cluster: cluster)
        case "namespace", "ns":
            return createNamespace(Array(args.dropFirst()), cluster: cluster)
        case "poddisruptionbudget", "pdb":
            return CreateBudgetCommand.run(Array(args.dropFirst()), cluster: cluster)
        case "service", "svc":
            return CreateServiceCommand.run(Array(args.dropFirst()), cluster: cluster)
        default:
            if sub.hasPrefix("-") { return ManifestFileCommand.run(args, mode: .create, cluster: cluster) }
            return .failure(KubectlError("error: unknown command \(sub.goQuoted) for \"kubectl create\"\nSee 'kubectl create -h' for help and examples"))
        }
    }

    /// The container name kubectl derives from an image: its last path segment without tag or digest.
    static func containerName(for image: String) -> String {
        var name = image.split(separator: "/").last.map(String.init) ?? image
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
        return name.replacingOccurrences(of: "_", with: "-")
    }

    static func createDeployment(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let (images, rest) = collectImages(args)
            let flags = try deploymentParser.parse(rest)
            guard !images.isEmpty else { throw KubectlError("error: required flag(s) \"image\" not set") }
            guard flags.positional.count == 1 else {
                throw KubectlError("error: exactly one NAME is required, got \(flags.positional.count)\nSee 'kubectl create deployment -h' for help and examples")
            }
            // Both are int32 flags in kubectl (Int32VarP), so 2147483648 is refused while parsing.
            let replicas = try deploymentParser.int32(flags, "replicas") ?? 1
            let port = try deploymentParser.int32(flags, "port").flatMap { $0 >= 0 ? $0 : nil } // -1 (the default) means none
            let name = flags.positional[0]
            let labels = ["app": name]
            let containers = images.map { Container(name: containerName(for: $0), image: $0, ports: port.map { [ContainerPort(containerPort: $0)] } ?? []) }
            let spec = DeploymentSpec(replicas: replicas, selector: LabelSelector(matchLabels: labels),
                                      template: PodTemplate(labels: labels, spec: PodSpec(containers: containers)))
            do {
                // The API server's container rules (ports 1–65535, DNS-label names) apply here too.
                let causes = ServerRules.containers(containers, "spec.template.spec.containers")
                if !causes.isEmpty { throw APIError.invalid(.deployment, name, causes) }
                try cluster.store.create(Deployment(metadata: ObjectMeta(name: name, namespace: flags.namespace, labels: labels), spec: spec))
            } catch let error as APIError {
                throw KubectlError("error: failed to create deployment: \(error.message)")
            }
            out.out("deployment.apps/\(name) created\n")
            return nil
        }
    }

    static let namespaceParser = FlagParser(command: "create namespace", flags: [])

    /// `kubectl create namespace NAME`: the server's errors (AlreadyExists, Invalid) as they come.
    static func createNamespace(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try namespaceParser.parse(args)
            guard flags.positional.count == 1 else {
                throw KubectlError("error: exactly one NAME is required, got \(flags.positional.count)\nSee 'kubectl create namespace -h' for help and examples")
            }
            let created = try cluster.store.create(Namespace(name: flags.positional[0]))
            out.out("namespace/\(created.name) created\n")
            return nil
        }
    }

    /// `--image` may be repeated (one container each); pflag's string-slice flag collects them all.
    private static func collectImages(_ args: [String]) -> (images: [String], rest: [String]) {
        var images: [String] = []
        var rest: [String] = []
        var i = 0
        while i < args.count {
            let arg = args[i]
            if arg.hasPrefix("--image=") {
                images += arg.dropFirst("--image=".count).split(separator: ",").map(String.init)
            } else if arg == "--image", i + 1 < args.count {
                images += args[i + 1].split(separator: ",").map(String.init)
                i += 1
            } else {
                rest.append(arg)
            }
            i += 1
        }
        return (images, rest)
    }
}
