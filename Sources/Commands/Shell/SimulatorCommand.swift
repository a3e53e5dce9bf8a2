import Cluster

/// The simulator's own verbs, for what a real cluster does on its own:
/// `sim fail NODE`, `sim recover NODE`, `sim add-node [NAME] [--cpu N] [--memory Q]`,
/// `sim image [IMAGE …]`, `sim crash pod/NAME`, `sim traffic [svc/NAME [--rps N | --stop]]`,
/// `sim serve service/NAME --port N`.
enum SimulatorCommand {
    static let verbs = ["fail", "recover", "add-node", "image", "crash", "traffic", "serve"]

    static func run(_ args: [String], cluster: Cluster, ports: LocalPorts? = nil) -> Execution {
        .capturing { out in
            guard let verb = args.first else { throw KubectlError("error: usage: sim fail|recover NODE, sim add-node [NAME] [--cpu N] [--memory Q], sim image [IMAGE …], sim crash pod/NAME, sim traffic [svc/NAME [--rps N | --stop]], sim serve service/NAME --port N") }
            let rest = Array(args.dropFirst())
            switch verb {
            case "fail", "recover":
                guard rest.count == 1 else { throw KubectlError("error: usage: sim \(verb) NODE") }
                if verb == "fail" {
                    try cluster.failNode(rest[0])
                    out.out("node/\(rest[0]) failed: its kubelet stopped answering\n")
                } else {
                    try cluster.recoverNode(rest[0])
                    out.out("node/\(rest[0]) recovered: its kubelet is answering again\n")
                }
            case "add-node":
                let parser = FlagParser(command: "sim add-node", flags: [
                    .init(long: "cpu", short: nil, isBool: false), .init(long: "memory", short: nil, isBool: false),
                ])
                let flags = try parser.parse(rest)
                guard flags.positional.count <= 1 else { throw KubectlError("error: usage: sim add-node [NAME] [--cpu N] [--memory Q]") }
                var capacity = Cluster.defaultNodeCapacity
                if let cpu = flags.string("cpu") { capacity.cpuMillis = try size(cpu, flag: "cpu", scale: 3) }
                if let memory = flags.string("memory") { capacity.memoryBytes = try size(memory, flag: "memory", scale: 0) }
                let node = try cluster.addNode(name: flags.positional.first, capacity: capacity)
                out.out("node/\(node.name) added\n")
            case "image": try image(rest, cluster: cluster, out: &out)
            case "crash": try crash(rest, cluster: cluster, out: &out)
            case "serve": try serve(rest, cluster: cluster, ports: ports, out: &out)
            case "traffic": try traffic(rest, cluster: cluster, out: &out)
            default:
                throw Kubectl.unknownCommand(verb, among: verbs, parent: "sim")
            }
            return nil
        }
    }

    /// A node size read as resource.Quantity reads it (CPU in millicores: scale 3); quantities
    /// beyond int64 saturate, so `--cpu 99999999999999999999` is simply a very large node.
    private static func size(_ text: String, flag: String, scale: Int) throws -> Int64 {
        switch Quantity.parse(text, scale: scale) {
        case .failure(let error):
            throw KubectlError("error: invalid argument \(text.goQuoted) for \"--\(flag)\" flag: \(error)")
        case .success(let amount) where amount <= 0:
            throw KubectlError("error: invalid argument \(text.goQuoted) for \"--\(flag)\" flag: a node's \(flag) must be greater than 0")
        case .success(let amount):
            return amount
        }
    }
}
