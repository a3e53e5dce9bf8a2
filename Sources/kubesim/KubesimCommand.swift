import ArgumentParser
import Cluster

struct KubesimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubesim",
        abstract: "A Kubernetes cluster simulated in one process, to show how it keeps itself alive.",
        subcommands: [DashboardCommand.self, RunCommand.self, BenchCommand.self, BenchFrameCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}

/// Options every simulation shares.
struct ClusterOptions: ParsableArguments {
    @Option(help: "Seed for names and timings; the same seed and input give the same output.")
    var seed: UInt64 = 1

    @Option(help: "How fast things happen: demo (short waits, the default) or realistic (Kubernetes' defaults).")
    var pace: String = "demo"

    @Option(help: "Number of worker nodes (node-1 … node-N).")
    var nodes: Int = 3

    func validate() throws {
        guard Pace.named(pace) != nil else {
            throw ValidationError("unknown pace \"\(pace)\": use \(Pace.all.map(\.name).joined(separator: " or "))")
        }
        guard (0...5000).contains(nodes) else { throw ValidationError("--nodes must be between 0 and 5000") }
    }

    func makeCluster() -> Cluster {
        Cluster(seed: seed, pace: Pace.named(pace)!, nodes: nodes)
    }
}
