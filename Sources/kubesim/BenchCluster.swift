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

    /// For a phase that ran out of time: how many of the `want` pods run, and why most of the
    /// rest wait, in the words `kubectl describe pod` shows them (the scheduler's message for a
    /// pod no node takes, else a container's waiting reason, Terminating, or the phase).
    func shortfall(want: Int) -> String {
        var reasons: [String: Int] = [:]
        for pod in cluster.store.list(Pod.self) where !pod.isRunning { reasons[Self.waitingReason(pod), default: 0] += 1 }
        let running = "\(runningPods()) of \(want) pods Running"
        // The most common reason; among equally common ones the first by name, so a run says the same each time.
        guard let most = reasons.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return running }
        return "\(running); \(most.value) waiting: \(most.key)"
    }

    static func waitingReason(_ pod: Pod) -> String {
        if pod.isTerminating { return "Terminating" }
        if let scheduled = pod.status.condition("PodScheduled"), scheduled.status == "False" {
            return scheduled.message.isEmpty ? scheduled.reason : scheduled.message
        }
        for status in pod.status.containerStatuses {
            if case .waiting(let reason) = status.state { return reason }
        }
        return pod.status.phase
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
