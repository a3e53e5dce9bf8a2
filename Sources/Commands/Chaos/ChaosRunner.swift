import Cluster

/// What a chaos run did and found.
public struct ChaosOutcome: Sendable {
    /// Every line run, in order (waits merged into one `sleep`): with the same seed and cluster
    /// options, `kubesim run` replays it exactly.
    public var script: [String] = []
    public var actionCounts: [String: Int] = [:]
    /// Lines kubectl refused or that timed out (a drain of a failed node): expected under chaos.
    public var failedLines = 0
    public var checks = 0
    public var violations: [ChaosViolation] = []
    /// The plan step at which the first violation was seen.
    public var firstViolationStep: Int?
    /// The most events and pods held at any check, and at the last one: the store's size over time.
    public var peakEvents = 0, peakPods = 0, lastEvents = 0, lastPods = 0
    public var virtualSeconds: Int64 = 0

    public var actions: Int { actionCounts.values.reduce(0, +) }
}

/// Carries out a `ChaosPlan` on a session through the same lines a user types, checking the
/// invariants after each quiet period (and every bind as it happens).
public enum ChaosRunner {
    /// What every run starts with, after the cluster's own nodes and system pods.
    public static let setupLines = [
        "sim image \(ChaosAction.missingImage) --missing",
        "create deployment web --image=\(ChaosAction.goodImages[0]) --replicas=3",
        "create deployment api --image=\(ChaosAction.goodImages[0]) --replicas=2",
    ]

    /// Runs `plan`; with `stopAtFirstViolation` it stops after the step where one appears.
    /// `progress` hears of the outcome after every check.
    public static func run(_ plan: ChaosPlan, session: Session, stopAtFirstViolation: Bool = false,
                           progress: ((ChaosOutcome) -> Void)? = nil) -> ChaosOutcome {
        var outcome = ChaosOutcome()
        let cluster = session.cluster
        var seen: [ChaosViolation] = []
        ChaosInvariants.watchBinds(cluster) { seen.append($0) }
        var pendingWait = 0
        func runLine(_ line: String) {
            outcome.script.append(line)
            if session.runToCompletion(line).failed { outcome.failedLines += 1 }
        }
        func flushWait() {
            guard pendingWait > 0 else { return }
            runLine("sleep \(pendingWait)s")
            pendingWait = 0
        }
        func check(_ invariants: (Cluster) -> [ChaosViolation]) {
            outcome.checks += 1
            seen += invariants(cluster)
            let events = cluster.store.count(Event.self), pods = cluster.store.count(Pod.self)
            outcome.peakEvents = max(outcome.peakEvents, events)
            outcome.peakPods = max(outcome.peakPods, pods)
            (outcome.lastEvents, outcome.lastPods) = (events, pods)
        }
        for line in setupLines { runLine(line) }
        for (index, step) in plan.steps.enumerated() {
            switch step {
            case .act(let action):
                let lines = action.lines(in: cluster)
                guard !lines.isEmpty else { continue }
                flushWait()
                outcome.actionCounts[action.kind, default: 0] += 1
                for line in lines { runLine(line) }
            case .wait(let seconds):
                pendingWait += seconds
            case .quiet(let seconds):
                pendingWait += seconds
                flushWait()
                check(ChaosInvariants.afterQuiet)
                progress?(outcome)
            case .settle(let seconds):
                pendingWait += seconds
                flushWait()
                check(ChaosInvariants.afterSettle)
                progress?(outcome)
            }
            if !seen.isEmpty {
                if outcome.firstViolationStep == nil { outcome.firstViolationStep = index }
                outcome.violations += seen
                seen = []
                if stopAtFirstViolation { break }
            }
        }
        outcome.virtualSeconds = (cluster.now - .zero).milliseconds / 1000
        return outcome
    }
}
