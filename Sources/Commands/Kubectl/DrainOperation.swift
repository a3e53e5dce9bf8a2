import Cluster

/// The evicting and waiting half of `kubectl drain` (drain.Helper.evictPods): each pod is
/// evicted through the eviction API; a refusal that would break a disruption budget (429) is
/// printed and retried every 5 s of virtual time, on the clock, so the shell, a scenario and the
/// dashboard see the same attempts at the same instants. Once evicted, a pod is waited for
/// (`pod/X evicted` when it is gone); `node/N drained` when all are. With `--timeout`, a pod
/// still refused at an attempt after it, or still terminating at it, ends the drain with
/// kubectl's errors.
final class DrainOperation: ClusterOperation {
    /// kubectl sleeps this long between refused evictions (a constant in drain.go, whatever the pace).
    static let retryInterval = SimDuration.seconds(5)

    private struct Target {
        let key: ObjectKey
        let uid: String
    }

    private let node: String
    private let timeout: SimDuration?
    private let giveUpAt: SimTime?
    private let gracePeriodSeconds: Int?
    private let force: Bool
    private let ignoreDaemonSets: Bool
    /// Pods whose eviction was refused and will be tried again.
    private var retrying: Set<ObjectKey> = []
    /// Evicted pods, waited for until they are gone.
    private var waiting: [Target] = []
    /// The errors each pod's eviction ended with, in the order they happened.
    private var errors: [String] = []
    /// What timers printed since the last poll.
    private var pending = CommandOutput()
    let deadline: SimTime?

    /// `timeout` nil or zero: no limit (kubectl's default).
    init(node: String, pods: [Pod], cluster: Cluster, timeout: SimDuration?, gracePeriodSeconds: Int?, force: Bool, ignoreDaemonSets: Bool) {
        self.node = node
        let limit = timeout.flatMap { $0 > .zero ? $0 : nil }
        self.timeout = limit
        giveUpAt = limit.map { cluster.now + $0 }
        deadline = cluster.now + (limit ?? DeleteCommand.defaultTimeout)
        self.gracePeriodSeconds = gracePeriodSeconds
        self.force = force
        self.ignoreDaemonSets = ignoreDaemonSets
        for pod in pods { attempt(Target(key: pod.key, uid: pod.metadata.uid), cluster: cluster) }
    }

    /// One pass of kubectl's eviction loop for one pod.
    private func attempt(_ pod: Target, cluster: Cluster) {
        retrying.remove(pod.key)
        let quoted = "pods/\"\(pod.key.name)\" -n \"\(pod.key.namespace)\""
        pending.out("evicting pod \(pod.key)\n")
        if let giveUpAt, let timeout, cluster.now >= giveUpAt {
            errors.append("error when evicting \(quoted): global timeout reached: \(GoDuration.format(timeout))")
            return
        }
        do {
            try cluster.store.evict(pod: pod.key.name, namespace: pod.key.namespace, gracePeriodSeconds: gracePeriodSeconds)
            waiting.append(pod)
        } catch let error as APIError where error.reason == .notFound {
            return // gone already: nothing to wait for
        } catch let error as APIError where error.reason == .tooManyRequests {
            pending.err("error when evicting \(quoted) (will retry after \(GoDuration.format(Self.retryInterval))): \(error.message)\n")
            retrying.insert(pod.key)
            cluster.clock.schedule(after: Self.retryInterval) { [weak self, weak cluster] in
                guard let self, let cluster else { return }
                self.attempt(pod, cluster: cluster)
            }
        } catch let error as APIError {
            errors.append("error when evicting \(quoted): \(error.message)")
        } catch {
            errors.append("error when evicting \(quoted): \(error)")
        }
    }

    func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool {
        output.append(pending)
        pending = CommandOutput()
        waiting.removeAll { pod in
            let gone = cluster.store.get(Pod.self, key: pod.key)?.metadata.uid != pod.uid
            if gone { output.out("pod/\(pod.key.name) evicted\n") }
            return gone
        }
        if let giveUpAt, cluster.now >= giveUpAt, let first = waiting.first {
            // waitForDelete ends at the global timeout too.
            errors.append("error when waiting for pod \"\(first.key.name)\" in namespace \"\(first.key.namespace)\" to terminate: context deadline exceeded")
            waiting.removeAll()
        }
        guard retrying.isEmpty && waiting.isEmpty else { return false }
        if errors.isEmpty {
            output.out("node/\(node) drained\n")
            return true
        }
        fail(cluster, into: &output)
        return true
    }

    /// deleteOrEvictPodsSimple's report, then RunDrain's: the pods the drain would still evict,
    /// and the errors (utilerrors.Aggregate prints one bare, several as `[a, b]`; kubectl's
    /// CheckErr ends with each on its own line).
    private func fail(_ cluster: Cluster, into output: inout CommandOutput) {
        let cause = errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"
        let onNode = cluster.store.pods(onNode: node).sorted { ($0.metadata.namespace, $0.name) < ($1.metadata.namespace, $1.name) }
        let stillToEvict = DrainPlan(onNode, cluster: cluster, force: force, ignoreDaemonSets: ignoreDaemonSets).toEvict
        var lines: [String] = []
        if !stillToEvict.isEmpty {
            lines.append("There are pending pods in node \"\(node)\" when an error occurred: \(cause)")
            lines += stillToEvict.map { "pod/\($0.name)" }
        }
        lines += ["error: unable to drain node \"\(node)\" due to error: \(cause), continuing command...",
                  "There are pending nodes to be drained:", " \(node)"] + errors
        output.fail(lines.joined(separator: "\n"))
    }
}
