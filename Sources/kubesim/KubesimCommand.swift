import ArgumentParser
import Cluster
import Commands
import Foundation

struct KubesimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubesim",
        abstract: "A Kubernetes cluster simulated in one process, to show how it keeps itself alive.",
        usage: RootHelp.usage,
        discussion: RootHelp.discussion,
        subcommands: [DashboardCommand.self, RunCommand.self, ServeCommand.self, KubeconfigCommand.self, ScenariosCommand.self, ExportCommand.self, ChaosCommand.self, FuzzCommand.self, BenchCommand.self, BenchFrameCommand.self, BenchAPICommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}

/// Options every simulation shares.
struct ClusterOptions: ParsableArguments {
    // `.unconditional`: `--seed -1` is a bad value, not a missing one (a value starting with
    // `-` would otherwise be read as the next option).
    @Option(parsing: .unconditional, help: "Seed for names and timings; the same seed and input give the same output.")
    var seed: UInt64 = 1

    @Option(help: "How fast things happen: demo (short waits, the default) or realistic (Kubernetes' defaults).")
    var pace: String = "demo"

    @Option(parsing: .unconditional, help: "Number of worker nodes (node-1 … node-N).")
    var nodes: Int = 3

    @Option(name: .customLong("file"), help: "Start from the objects in a manifest file or folder, as `kubectl apply -f` creates them (repeatable).")
    var files: [String] = []

    @Flag(help: "Start without the system pods a kubeadm cluster has (kube-proxy on every node, coredns in kube-system).")
    var bare = false

    func validate() throws {
        guard Pace.named(pace) != nil else {
            throw ValidationError("unknown pace \"\(pace)\": use \(Pace.all.map(\.name).joined(separator: " or "))")
        }
        guard (0...5000).contains(nodes) else { throw ValidationError("--nodes must be between 0 and 5000") }
    }

    /// A new cluster: the nodes, and (unless `--bare`) the kube-system add-ons every kubeadm
    /// cluster runs, so `drain` needs `--ignore-daemonsets` here as it does on a real one.
    func makeCluster() -> Cluster {
        let cluster = Cluster(seed: seed, pace: Pace.named(pace)!, nodes: nodes)
        if !bare { try? SystemComponents.install(into: cluster) }
        return cluster
    }

    /// The cluster with the `--file` manifests applied (all or nothing). Their errors, worded as
    /// kubectl's, end the program: a simulation should not start from half a setup.
    func makeSession() throws -> Session {
        let cluster = makeCluster()
        if !files.isEmpty {
            let output = ManifestApplier.apply(files: files, to: cluster)
            if output.failed {
                FileHandle.standardError.write(Data(output.stderr.utf8))
                throw ExitCode(1)
            }
        }
        return Session(cluster: cluster)
    }
}
