import Testing
import Cluster
import Commands

/// A cluster let go is freed with all it held, whatever its clock still has pending: the clock
/// keeps each timer's closure until it fires, so a closure holding a component strongly kept the
/// store, the clock and every object alive for the rest of the process. `kubesim fuzz keys`
/// found one (a node added with `n`, the dashboard let go before the node was Ready: the run's
/// memory grew from 193 to 560 MiB over the last three quarters of 10⁶ inputs). A watch that
/// holds the store it watches is the same cycle, without a timer to end it.
@Suite struct DroppedClusterTests {
    @Test(arguments: ["sim add-node", "sim add-node big --cpu 16 --memory 64Gi", "create deployment shop --image=nginx --replicas=3",
                      "delete pod -l app=web", "scale deployment web --replicas=8", "set image deployment/web nginx=nginx:1.26",
                      "rollout restart deployment/web", "sim fail node-2", "drain node-2 --ignore-daemonsets", "sim traffic svc/web --rps 50",
                      "sim image nginx:bad --missing", "create deployment bad --image=nginx:bad", "delete deployment web --wait=false"])
    func aClusterLetGoWithWorkPendingIsFreed(_ line: String) {
        for elapsed in [SimDuration.zero, .milliseconds(500), .seconds(3)] {
            weak var store: Store?
            weak var clock: VirtualClock?
            do {
                let session = Session(cluster: Cluster(seed: 7, nodes: 3))
                for setUp in ["create deployment web --image=nginx --replicas=3", "expose deployment web --port=80"] {
                    _ = session.runToCompletion(setUp)
                }
                session.cluster.advance(by: .seconds(30))
                store = session.cluster.store
                clock = session.cluster.clock
                _ = session.execute(line, finishingDueWork: false)
                session.cluster.advance(by: elapsed)
            }
            #expect(store == nil, "after `\(line)` and \(elapsed) of virtual time, the store outlived its cluster")
            #expect(clock == nil, "after `\(line)` and \(elapsed) of virtual time, the clock outlived its cluster")
        }
    }

    /// The chaos run's bind watch held its store: every cluster a run and its shrinking's
    /// replays made stayed in memory.
    @Test func aClusterAChaosRunWatchedIsFreed() {
        weak var store: Store?
        do {
            let session = Session(cluster: Cluster(seed: 7, nodes: 3))
            store = session.cluster.store
            let plan = ChaosPlan(steps: [.act(.createDeployment(replicas: 3)), .act(.addNode), .quiet(seconds: 30)])
            _ = ChaosRunner.run(plan, session: session)
        }
        #expect(store == nil)
    }
}
