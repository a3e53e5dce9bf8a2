import Cluster

/// The simulator's own verbs, for what a real cluster does on its own:
/// `sim fail NODE`, `sim recover NODE`, `sim add-node [NAME] [--cpu N] [--memory Q]`.
enum SimulatorCommand {
    static let verbs = ["fail", "recover", "add-node"]

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            guard let verb = args.first else { throw KubectlError("error: usage: sim fail|recover NODE, sim add-node [NAME] [--cpu N] [--memory Q]") }
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
                if let cpu = flags.string("cpu") {
                    guard let millis = Quantity.parseCPU(cpu), millis > 0 else { throw KubectlError("error: invalid --cpu \"\(cpu)\": expected a quantity such as 4 or 500m") }
                    capacity.cpuMillis = millis
                }
                if let memory = flags.string("memory") {
                    guard let bytes = Quantity.parseMemory(memory), bytes > 0 else { throw KubectlError("error: invalid --memory \"\(memory)\": expected a quantity such as 8Gi or 512Mi") }
                    capacity.memoryBytes = bytes
                }
                let node = try cluster.addNode(name: flags.positional.first, capacity: capacity)
                out.out("node/\(node.name) added\n")
            default:
                throw Kubectl.unknownCommand(verb, among: verbs, parent: "sim")
            }
            return nil
        }
    }
}
