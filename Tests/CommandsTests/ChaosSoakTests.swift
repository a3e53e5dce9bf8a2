import Cluster
import Testing
@testable import Commands

/// `kubesim chaos` as the suite runs it: three seeds over a million virtual seconds each, a
/// burst every hour or so (`--quiet 1h`; the default ten minutes is for `kubesim chaos` runs,
/// with figures in README.md), break none of the guarantees, and a deliberately broken
/// scheduler is caught and shrunk to a short script that still breaks it when replayed.
@Suite struct ChaosSoakTests {
    /// A cluster as `kubesim chaos --pace realistic` starts one: three nodes and the system pods.
    static func session(seed: UInt64) -> Session {
        let cluster = Cluster(seed: seed, pace: .realistic, nodes: 3)
        try? SystemComponents.install(into: cluster)
        return Session(cluster: cluster)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func aMillionSecondsOfChaosBreakNothing(_ seed: UInt64) {
        let plan = ChaosPlan.generate(seed: seed, durationSeconds: 1_000_000, quietSeconds: 3600)
        let outcome = ChaosRunner.run(plan, session: Self.session(seed: seed))
        #expect(outcome.violations.isEmpty, "\(outcome.violations.prefix(5))")
        #expect(outcome.virtualSeconds >= 1_000_000)
        #expect(outcome.actions > 400 && outcome.checks > 250, "\(outcome.actions) actions, \(outcome.checks) checks")
        // Every kind of disruption happened, often (nodes are added only up to the most a run has).
        for kind in ChaosAction.Kind.allCases {
            let least = kind == .addNode ? ChaosAction.mostNodes - 3 : 20
            #expect(outcome.actionCounts[kind.rawValue, default: 0] >= least, "\(kind)")
        }
        // What the store holds follows the cluster, not the run's history.
        #expect(outcome.peakEvents < 5000 && outcome.peakPods < 1200, "events \(outcome.peakEvents), pods \(outcome.peakPods)")
    }

    /// The test double: a scheduler that binds a new pod to a cordoned node whenever there is
    /// one, before the real scheduler gets to it.
    static func installBrokenScheduler(in cluster: Cluster) {
        let store = cluster.store
        store.watch { change in
            guard change.kind == .pod, change.type == .added, let pod = change.object as? Pod, !pod.isScheduled else { return }
            cluster.clock.schedule(after: .zero) {
                guard let cordoned = store.list(Node.self).first(where: \.spec.unschedulable),
                      store.get(Pod.self, pod.name, namespace: pod.namespace)?.isScheduled == false else { return }
                _ = try? store.bind(pod: pod.name, namespace: pod.namespace, toNode: cordoned.name)
            }
        }
    }

    static func brokenSession() -> Session {
        let session = Self.session(seed: 7)
        installBrokenScheduler(in: session.cluster)
        return session
    }

    @Test func aBrokenSchedulerIsCaughtAndShrunkToAShortScript() throws {
        let plan = ChaosPlan.generate(seed: 7, durationSeconds: 30_000, kinds: [.cordon, .kill, .scale, .relabel])
        let outcome = ChaosRunner.run(plan, session: Self.brokenSession())
        let first = try #require(outcome.violations.first)
        #expect(first.invariant == ChaosInvariants.boundToUnschedulableNode, "\(first)")

        let shrunk = try #require(ChaosShrinker.shrink(plan, breaking: first.invariant, maxReplays: 80) { candidate in
            ChaosRunner.run(candidate, session: Self.brokenSession(), stopAtFirstViolation: true)
        })
        let actions = shrunk.plan.steps.filter { if case .act = $0 { true } else { false } }
        #expect(actions.count <= 3, "\(shrunk.plan.steps)")
        #expect(shrunk.outcome.script.contains { $0.hasPrefix("cordon ") }, "\(shrunk.outcome.script)")
        #expect(shrunk.outcome.script.count <= ChaosRunner.setupLines.count + 6, "\(shrunk.outcome.script)")

        // The printed script, replayed line by line as `kubesim run` would, breaks it again.
        let replay = Self.brokenSession()
        var broken: [ChaosViolation] = []
        ChaosInvariants.watchBinds(replay.cluster) { broken.append($0) }
        for line in shrunk.outcome.script { _ = replay.runToCompletion(line) }
        #expect(broken.contains { $0.invariant == first.invariant })
    }

    @Test func theSameSeedGivesTheSameRun() {
        let plan = ChaosPlan.generate(seed: 11, durationSeconds: 20_000)
        #expect(plan == ChaosPlan.generate(seed: 11, durationSeconds: 20_000))
        let (a, b) = (ChaosRunner.run(plan, session: Self.session(seed: 11)), ChaosRunner.run(plan, session: Self.session(seed: 11)))
        #expect(a.script == b.script && a.script.count > 50)
    }
}
