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
    /// Pod writes seen so far, and pods Running and not being deleted, kept from the watch: a
    /// phase asks after every virtual second, and counting 150,000 pods each time would be the
    /// benchmark timing itself.
    private let podCounts: PodCounts

    var pods: Int { deployments * replicas }

    init(nodes: Int, deployments: Int, replicas: Int, seed: UInt64) {
        cluster = Cluster(seed: seed, pace: .realistic, nodes: nodes)
        session = Session(cluster: cluster)
        self.deployments = deployments
        self.replicas = replicas
        let counts = PodCounts()
        cluster.store.watch([.pod]) { counts.observe($0) }
        podCounts = counts
    }

    private final class PodCounts {
        var writes = 0
        var running = 0

        func observe(_ event: WatchEvent) {
            writes += 1
            if let old = event.oldPod, old.isRunning { running -= 1 }
            if event.type != .deleted, event.pod!.isRunning { running += 1 }
        }
    }

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
        if excluded.isEmpty { return podCounts.running }
        return cluster.store.countPods { $0.isRunning && !excluded.contains($0.spec.nodeName) }
    }

    /// Advances a virtual second at a time until `done` holds (asked only after pods changed)
    /// or an hour has passed; returns the virtual seconds it took and whether `done` held.
    func run(until done: () -> Bool) -> (seconds: Int, done: Bool) {
        var seen = -1
        for second in 0...3600 {
            if podCounts.writes != seen {
                seen = podCounts.writes
                if done() { return (second, true) }
            }
            cluster.advance(by: .seconds(1))
            timers.sample(cluster.clock.pendingTimers)
        }
        return (3600, done())
    }
}
