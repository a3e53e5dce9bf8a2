import ArgumentParser
import Cluster
import Commands
import Foundation

/// `kubesim bench`: builds a large cluster from empty and runs it until every pod is Running,
/// then prints wall time, scheduling throughput and peak memory.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the control plane: N nodes and D deployments × R replicas until every pod runs."
    )

    @Option(help: "Number of nodes.") var nodes = 1000
    @Option(help: "Number of deployments.") var deployments = 300
    @Option(help: "Replicas per deployment.") var replicas = 100
    @Option(help: "Seed.") var seed: UInt64 = 1

    func run() throws {
        let start = Date()
        let cluster = Cluster(seed: seed, pace: .realistic, nodes: nodes)
        let session = Session(cluster: cluster)
        for i in stride(from: 1, through: deployments, by: 1) {
            let output = session.execute("kubectl create deployment bench-\(i) --image=registry.example/bench:1.0 --replicas=\(replicas)").output
            if output.failed { throw ValidationError(output.stderr) }
        }
        let setup = Date().timeIntervalSince(start)
        let want = deployments * replicas
        var running = 0
        var virtualSeconds = 0
        while running < want && virtualSeconds < 3600 {
            cluster.advance(by: .seconds(1))
            virtualSeconds += 1
            running = cluster.store.countPods { $0.status.phase == "Running" }
        }
        let wall = Date().timeIntervalSince(start)
        let scheduled = cluster.store.countPods(where: \.isScheduled)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMiB = Double(usage.ru_maxrss) / 1024 // ru_maxrss is in KiB on Linux
        print("nodes: \(nodes)  deployments: \(deployments) × \(replicas) replicas = \(want) pods")
        print("running: \(running)/\(want) after \(virtualSeconds)s of virtual time (pace realistic)")
        print(String(format: "wall time: %.2f s (setup %.2f s)", wall, setup))
        print(String(format: "scheduled: %d pods, %.0f pods/s of wall time", scheduled, Double(scheduled) / wall))
        print(String(format: "events: %d", cluster.store.count(Event.self)))
        print(String(format: "peak memory: %.0f MiB", peakMiB))
        print("state digest: \(cluster.stateDigest())")
        if running < want { throw ExitCode(1) }
    }
}
