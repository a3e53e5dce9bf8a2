import Cluster
import Foundation

/// Runs a cluster headless in real time (`kubesim serve`): the thread that calls `run` owns
/// the cluster. Each turn runs the API's queued jobs, moves virtual time toward wall-clock ×
/// speed through the same pacer as the dashboard (bounded slices, so a burst of work lets time
/// fall behind rather than stall the API), then sleeps until a job arrives or the next turn.
public final class RealTimeClusterRunner {
    public let pacer: SimulationPacer
    public let queue: ClusterJobQueue
    public let speed: Double
    /// Real time each turn may spend on simulation, and on jobs.
    public static let slice = Duration.milliseconds(10)

    public init(cluster: Cluster, queue: ClusterJobQueue, speed: Double) {
        pacer = SimulationPacer(cluster: cluster)
        pacer.budget = .realTime(Self.slice)
        self.queue = queue
        self.speed = speed
    }

    /// Runs until `shouldStop` (checked every turn, at least every 10 ms) returns true; `eachTurn`
    /// runs on the owner's thread after the jobs and the slice (a scenario's progress).
    public func run(until shouldStop: () -> Bool, eachTurn: () -> Void = {}) {
        var last = DispatchTime.now().uptimeNanoseconds
        while !shouldStop() {
            queue.drain(within: Self.slice)
            let now = DispatchTime.now().uptimeNanoseconds
            let elapsedMilliseconds = Int64((now - last) / 1_000_000)
            last += UInt64(elapsedMilliseconds) * 1_000_000
            pacer.add(SimDuration(milliseconds: Int64((Double(elapsedMilliseconds) * speed).rounded())))
            let caughtUp = pacer.advance()
            eachTurn()
            if caughtUp && queue.pending == 0 {
                queue.wait(until: Date(timeIntervalSinceNow: 0.01))
            }
        }
    }
}
