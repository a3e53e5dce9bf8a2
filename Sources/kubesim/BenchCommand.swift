import ArgumentParser
import Cluster
import Commands
import Foundation

/// `kubesim bench`: builds a large cluster from empty and runs it until every pod is Running,
/// then (with `--scenario`) disturbs all of it and times the recovery; prints wall time, CPU
/// time, pods per second, queue depths and peak memory of each phase.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the control plane: N nodes and D deployments × R replicas until every pod runs, then a scenario.",
        discussion: """
        Scenarios (each after the build-up): rolling-update (a new image for every deployment), \
        node-failure (every tenth node stops answering; its pods are evicted and run elsewhere), \
        scale-storm (every deployment to 0 and back), all.
        """
    )

    @Option(help: "Number of nodes.") var nodes = 1000
    @Option(help: "Number of deployments.") var deployments = 300
    @Option(help: "Replicas per deployment.") var replicas = 100
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "build-up, rolling-update, node-failure, scale-storm or all.") var scenario = BenchScenario.buildUp
    @Flag(help: "Print the figures as one JSON object.") var json = false

    func validate() throws {
        guard (1...100_000).contains(nodes), (1...100_000).contains(deployments), (1...10_000).contains(replicas) else {
            throw ValidationError("--nodes and --deployments must be 1 to 100000, --replicas 1 to 10000")
        }
    }

    func run() throws {
        let bench = BenchCluster(nodes: nodes, deployments: deployments, replicas: replicas, seed: seed)
        var phases = [try BenchScenario.buildUp.measure(bench)]
        if phases[0].completed {
            for phase in scenario.phases {
                phases.append(try phase.measure(bench))
                if !phases.last!.completed { break }
            }
        }
        let peakMiB = ProcessUsage.peakMiB()
        let store = bench.cluster.store
        let digest = bench.cluster.stateDigest()
        if json {
            print(JSONValue.object([
                ("nodes", .int(Int64(nodes))), ("deployments", .int(Int64(deployments))), ("replicas", .int(Int64(replicas))),
                ("pods", .int(Int64(bench.pods))), ("seed", .int(Int64(bitPattern: seed))), ("scenario", .string(scenario.rawValue)),
                ("phases", .array(phases.map(\.json))), ("events", .int(Int64(store.count(Event.self)))),
                ("nodesScoredPerPod", BenchPhase.number(bench.cluster.scheduling.nodesScoredPerCycle)),
                ("peakMiB", BenchPhase.number(peakMiB)), ("stateDigest", .string(digest)),
            ]).prettyJSON())
        } else {
            print("nodes: \(nodes)  deployments: \(deployments) × \(replicas) replicas = \(bench.pods) pods  (pace realistic, seed \(seed))")
            for phase in phases { print(phase.text) }
            print(String(format: "nodes scored per pod: %.0f (kube-scheduler's sample)", bench.cluster.scheduling.nodesScoredPerCycle))
            print("events: \(store.count(Event.self))")
            print(String(format: "peak memory: %.0f MiB", peakMiB))
            print("state digest: \(digest)")
        }
        let completed = phases.allSatisfy(\.completed) && phases.count == 1 + scenario.phases.count
        // Exit without tearing the cluster down: freeing it object by object took another
        // second after the figures at 30,000 pods, and the shell prompt waited for it.
        Foundation.exit(completed ? 0 : 1)
    }
}
