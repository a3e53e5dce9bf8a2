import ArgumentParser
import Cluster
import Commands

/// The cluster the benchmarks build: `nodes` Ready nodes and `deployments` × `replicas` pods of
/// one image, created through the command line as a user would, at the realistic pace.
struct BenchCluster {
    let cluster: Cluster
    let session: Session
    let deployments: Int
    let replicas: Int
    /// Pod writes seen so far: a phase re-counts pods only after some changed.
    private let podWrites: () -> Int

    var pods: Int { deployments * replicas }

    init(nodes: Int, deployments: Int, replicas: Int, seed: UInt64) {
        cluster = Cluster(seed: seed, pace: .realistic, nodes: nodes)
        session = Session(cluster: cluster)
        self.deployments = deployments
        self.replicas = replicas
        let counter = PodWriteCounter()
        cluster.store.watch { if $0.kind == .pod { counter.count += 1 } }
        podWrites = { counter.count }
    }

    private final class PodWriteCounter { var count = 0 }

    /// The most timers waiting on the clock, sampled each virtual second.
    final class TimerPeak {
        private(set) var peak = 0
        func reset(_ now: Int) { peak = now }
        func sample(_ now: Int) { peak = max(peak, now) }
    }
    let timers = TimerPeak()

    /// Runs `command` for each deployment (`NAME` stands for its name).
    func forEachDeployment(_ command: String) throws {
        for i in stride(from: 1, through: deployments, by: 1) {
            let output = session.execute(command.replacingOccurrences(of: "NAME", with: "bench-\(i)")).output
            if output.failed { throw ValidationError(output.stderr) }
        }
    }

    func createDeployments() throws {
        try forEachDeployment("kubectl create deployment NAME --image=\(Self.image) --replicas=\(replicas)")
    }

    static let image = "registry.example/bench:1.0"

    /// Pods Running and not being deleted, on nodes not in `excluded`.
    func runningPods(excluding excluded: Set<String> = []) -> Int {
        cluster.store.countPods { $0.status.phase == "Running" && !$0.isTerminating && !excluded.contains($0.spec.nodeName) }
    }

    /// Advances a virtual second at a time until `done` holds (asked only after pods changed)
    /// or an hour has passed; returns the virtual seconds it took and whether `done` held.
    func run(until done: () -> Bool) -> (seconds: Int, done: Bool) {
        var seen = -1
        for second in 0...3600 {
            if podWrites() != seen {
                seen = podWrites()
                if done() { return (second, true) }
            }
            cluster.advance(by: .seconds(1))
            timers.sample(cluster.clock.pendingTimers)
        }
        return (3600, done())
    }
}
