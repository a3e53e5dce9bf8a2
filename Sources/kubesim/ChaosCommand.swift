import ArgumentParser
import Cluster
import Commands
import Foundation

/// `kubesim chaos`: a seeded stream of disruptions with quiet periods after which the
/// invariants Kubernetes guarantees are checked; on a violation, the shortest `kubesim run`
/// script that still breaks it.
struct ChaosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos",
        abstract: "Disrupt a simulated cluster at random and check what Kubernetes guarantees.",
        discussion: """
        Bursts of pod kills, relabels (and back), scales (0–50), cordons, drains, node failures and \
        recoveries, node additions, deployment creations and deletions, rollouts and bad images, each \
        followed by a quiet period (--quiet, 10m by default) after which the invariants are checked: unique uids, at most one \
        controller per pod, nothing Terminating past its grace period on a healthy node, no Pending pod \
        while a node has room for it, no event older than the 1h event TTL, and (checked on every bind) \
        no pod bound to a cordoned or not-ready node. At the end every fault is healed and, once the \
        cluster has settled, each deployment's ReplicaSets must sum to its replicas and all of them be \
        ready. Exits 1 on any violation and prints the shortest script it finds that still breaks the \
        invariant (replay it with `kubesim run --script FILE` and the same --seed, --pace and --nodes).

        The quiet period sets the rate: a burst of one to four actions a few seconds to two minutes \
        apart every quiet period and a bit, so --duration 1000000s makes about 2,700 actions at the \
        default 10m and about 550 with --quiet 1h. A longer quiet period keeps the same bursts in the \
        same order, spread out.
        """
    )

    @OptionGroup var options: ClusterOptions

    @Option(help: "Virtual time to run, a Go duration (1000000s, 72h).")
    var duration = "1000000s"

    @Option(help: "How long the cluster is left alone after each burst before the invariants are checked, a Go duration of at least 10m (1h, 2h30m): the longer, the fewer bursts.")
    var quiet = "10m"

    @Option(help: "Comma-separated kinds of disruption: \(ChaosAction.Kind.allCases.map(\.rawValue).joined(separator: ",")).")
    var actions = ChaosAction.Kind.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Write the shortest reproducing script to FILE as well.")
    var out: String?

    @Option(help: "Most replays the shrinker may run.")
    var maxReplays = 300

    func validate() throws {
        guard let d = GoDuration.parse(duration), d > .zero, d <= Session.longestWait else {
            throw ValidationError("invalid --duration \"\(duration)\": a Go duration above 0 and at most \(GoDuration.format(Session.longestWait))")
        }
        guard let q = GoDuration.parse(quiet), q >= .seconds(ChaosPlan.quietSeconds), q <= Session.longestWait else {
            throw ValidationError("invalid --quiet \"\(quiet)\": a Go duration of at least \(GoDuration.format(.seconds(ChaosPlan.quietSeconds))) (the scheduler retries unschedulable pods every 5m) and at most \(GoDuration.format(Session.longestWait))")
        }
        _ = try kinds()
    }

    private func kinds() throws -> Set<ChaosAction.Kind> {
        var kinds = Set<ChaosAction.Kind>()
        for word in actions.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
            guard let kind = ChaosAction.Kind(rawValue: word) else {
                throw ValidationError("unknown action \"\(word)\" in --actions: use \(ChaosAction.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kinds.insert(kind)
        }
        return kinds
    }

    func run() throws {
        let seconds = Int(GoDuration.parse(duration)!.milliseconds / 1000)
        let quietSeconds = Int(GoDuration.parse(quiet)!.milliseconds / 1000)
        let plan = ChaosPlan.generate(seed: options.seed, durationSeconds: seconds, kinds: try kinds(), quietSeconds: quietSeconds)
        print("chaos: seed \(options.seed), \(options.nodes) nodes, pace \(options.pace), \(duration) of virtual time, quiet \(quiet)")
        let started = Date()
        var memory: [Double] = []
        let session = try options.makeSession()
        let outcome = ChaosRunner.run(plan, session: session) { _ in memory.append(ProcessUsage.currentMiB()) }
        let counts = outcome.actionCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("actions: \(outcome.actions) (\(counts)); lines refused or timed out: \(outcome.failedLines)")
        print("checks: \(outcome.checks), violations: \(outcome.violations.count)")
        print("store: pods peak \(outcome.peakPods) (at the end \(outcome.lastPods)), events peak \(outcome.peakEvents) (at the end \(outcome.lastEvents))")
        if let quarter = memory.dropFirst(memory.count / 4).first, let last = memory.last {
            print(String(format: "memory: %.0f MiB a quarter of the way in, %.0f MiB at the end", quarter, last))
        }
        print(String(format: "wall time %.1f s for %d s of virtual time", Date().timeIntervalSince(started), outcome.virtualSeconds))
        // The same seed and options give the same digest: a run to compare before and after a change.
        print("state digest: \(session.cluster.stateDigest())")
        guard let first = outcome.violations.first else { return }
        for violation in outcome.violations.prefix(10) { print("violation: \(violation)") }
        if outcome.violations.count > 10 { print("… and \(outcome.violations.count - 10) more") }
        print("shrinking (replaying from scratch, at most \(maxReplays) times)…")
        let shrunk = ChaosShrinker.shrink(plan, breaking: first.invariant, maxReplays: maxReplays) { candidate in
            ChaosRunner.run(candidate, session: (try? options.makeSession()) ?? Session(cluster: options.makeCluster()), stopAtFirstViolation: true)
        }
        let script = reproducer(shrunk?.outcome ?? outcome, invariant: first.invariant)
        print(script, terminator: "")
        if let out { try OutputFile.write(Data(script.utf8), to: out) }
        throw ExitCode(1)
    }

    /// The script with a header that says how to replay it and what it breaks.
    private func reproducer(_ outcome: ChaosOutcome, invariant: String) -> String {
        let broken = outcome.violations.first { $0.invariant == invariant }.map(\.description) ?? invariant
        var flags = "--seed \(options.seed) --pace \(options.pace) --nodes \(options.nodes)"
        if options.bare { flags += " --bare" }
        return (["# kubesim run \(flags) --script FILE", "# breaks \(broken)"] + outcome.script).joined(separator: "\n") + "\n"
    }
}
