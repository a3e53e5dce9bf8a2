import Cluster
import Commands

/// What a benchmark phase that ran out of time says: how many of what it waited for it got
/// (in the phase's own terms: pods Running, pods updated and available, pods gone), and why
/// most of the pods not Running wait, in kubectl's words (the scheduler's message for a pod no
/// node takes, as `kubectl describe pod` shows it; else the pod's STATUS, as `get pods` does).
struct BenchShortfall {
    let done: Int
    let want: Int
    /// What `done` counts, e.g. "pods Running".
    let what: String
    /// Pods not Running (on nodes the phase looks at), and the most common reason among them.
    let notRunning: Int
    let reason: String?
    let reasonCount: Int

    /// Pods on `excluded` nodes are left out (a failed node's pods stay Terminating for good;
    /// the phase waits for their replacements).
    init(done: Int, want: Int, what: String, in cluster: Cluster, excluding excluded: Set<String> = []) {
        (self.done, self.want, self.what) = (done, want, what)
        var reasons: [String: Int] = [:]
        var notRunning = 0
        for pod in cluster.store.list(Pod.self) where !pod.isRunning && !excluded.contains(pod.spec.nodeName) {
            notRunning += 1
            reasons[Self.waitingReason(pod), default: 0] += 1
        }
        self.notRunning = notRunning
        // The most common reason; among equally common ones the first by name, so a run says the same each time.
        let most = reasons.max { ($0.value, $1.key) < ($1.value, $0.key) }
        (reason, reasonCount) = (most?.key, most?.value ?? 0)
    }

    /// The scheduler's message for a pod no node takes (what STATUS, `Pending`, does not say);
    /// otherwise kubectl's STATUS for it.
    static func waitingReason(_ pod: Pod) -> String {
        if !pod.isTerminating, let scheduled = pod.status.condition("PodScheduled"), scheduled.status == "False" {
            return scheduled.message.isEmpty ? scheduled.reason : scheduled.message
        }
        return PodStatusFormatter.status(pod)
    }

    /// `110 of 200 pods Running; 90 pods not Running, 90 of them: 0/1 nodes are available: …`
    var text: String {
        let got = "\(done) of \(want) \(what)"
        guard let reason else { return got }
        return "\(got); \(notRunning) pods not Running, \(reasonCount) of them: \(reason)"
    }

    var json: JSONValue {
        .object([
            ("done", .int(Int64(done))), ("want", .int(Int64(want))), ("what", .string(what)),
            ("notRunning", .int(Int64(notRunning))),
            ("reason", reason.map(JSONValue.string) ?? .null), ("reasonCount", .int(Int64(reasonCount))),
        ])
    }
}
