import ArgumentParser
import Cluster

/// What `kubesim bench --scenario` measures. Every scenario starts with the build-up; the
/// others then disturb the whole cluster and time its recovery.
enum BenchScenario: String, CaseIterable, ExpressibleByArgument {
    /// From empty to every pod Running.
    case buildUp = "build-up"
    /// A new image for every deployment (RollingUpdate, 25% surge and unavailable), until every
    /// pod runs the new one and the old ones are gone.
    case rollingUpdate = "rolling-update"
    /// Every tenth node's machine stops answering; every pod it held is evicted (after the
    /// node lifecycle's grace period and the pods' 300 s toleration) and runs again elsewhere.
    /// The machines then come back (untimed).
    case nodeFailure = "node-failure"
    /// Every deployment scaled to 0, then back.
    case scaleStorm = "scale-storm"
    case all

    /// The phases this scenario runs after the build-up.
    var phases: [BenchScenario] {
        switch self {
        case .buildUp: []
        case .all: [.rollingUpdate, .nodeFailure, .scaleStorm]
        default: [self]
        }
    }

    /// Runs this phase (not the build-up) on `bench`, measuring it.
    func measure(_ bench: BenchCluster) throws -> BenchPhase {
        let cluster = bench.cluster
        let want = bench.pods
        switch self {
        case .rollingUpdate:
            return try BenchPhase.measure(rawValue, bench) { phase in
                try bench.forEachDeployment("kubectl set image deployment/NAME bench=registry.example/bench:1.1")
                let result = bench.run {
                    cluster.store.count(Pod.self) == want && bench.runningPods() == want
                        && cluster.store.list(Deployment.self).allSatisfy {
                            $0.status.observedGeneration >= $0.metadata.generation && $0.status.replicas == bench.replicas
                                && $0.status.updatedReplicas == bench.replicas && $0.status.availableReplicas == bench.replicas
                        }
                }
                phase.finish(pods: want, result)
                phase.explain = {
                    let rolled = cluster.store.list(Deployment.self).reduce(0) { $0 + min($1.status.updatedReplicas, $1.status.availableReplicas) }
                    return BenchShortfall(done: rolled, want: want, what: "pods updated and available", in: cluster)
                }
            }
        case .nodeFailure:
            let nodes = cluster.store.list(Node.self).map(\.name)
            let failed = Set(nodes.enumerated().filter { ($0.offset + 1) % 10 == 0 }.map(\.element))
            let phase = try BenchPhase.measure(rawValue, bench) { phase in
                let displaced = want - bench.runningPods(excluding: failed)
                for name in failed.sorted() { try cluster.failNode(name) }
                let result = bench.run { bench.runningPods(excluding: failed) == want }
                phase.finish(pods: displaced, result)
                phase.explain = {
                    BenchShortfall(done: bench.runningPods(excluding: failed), want: want, what: "pods Running off the failed nodes",
                                   in: cluster, excluding: failed)
                }
            }
            // Untimed: the machines come back, and their kubelets remove the pods left
            // Terminating there, so a later phase starts from a whole cluster.
            for name in failed.sorted() { try cluster.recoverNode(name) }
            _ = bench.run { cluster.store.count(Pod.self) == want }
            return phase
        case .scaleStorm:
            return try BenchPhase.measure(rawValue, bench) { phase in
                try bench.forEachDeployment("kubectl scale deployment/NAME --replicas=0")
                let down = bench.run { cluster.store.count(Pod.self) == 0 }
                phase.explain = { BenchShortfall(done: want - cluster.store.count(Pod.self), want: want, what: "pods gone", in: cluster) }
                guard down.done else { return phase.finish(pods: 2 * want, down) }
                try bench.forEachDeployment("kubectl scale deployment/NAME --replicas=\(bench.replicas)")
                let up = bench.run { bench.runningPods() == want }
                phase.finish(pods: 2 * want, (down.seconds + up.seconds, up.done))
                phase.explain = { BenchShortfall(done: bench.runningPods(), want: want, what: "pods Running", in: cluster) }
            }
        case .buildUp, .all:
            return try BenchPhase.measure(BenchScenario.buildUp.rawValue, bench) { phase in
                try bench.createDeployments()
                phase.finish(pods: want, bench.run { bench.runningPods() == want })
                phase.explain = { BenchShortfall(done: bench.runningPods(), want: want, what: "pods Running", in: cluster) }
            }
        }
    }
}
