import Cluster

/// Which pods on a node `kubectl drain` evicts (drain.Helper.GetPodsForDeletion): each pod runs
/// through kubectl's filters in order (DaemonSet-managed, then unreplicated) and stops at the
/// first that keeps it. A kept pod is either an error (drain stops, evicting nothing) or a warning.
struct DrainPlan {
    static let daemonSetFatal = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"
    static let daemonSetWarning = "ignoring DaemonSet-managed Pods"
    static let unmanagedFatal = "cannot delete Pods that declare no controller (use --force to override)"
    static let unmanagedWarning = "deleting Pods that declare no controller"

    private(set) var toEvict: [Pod] = []
    /// kubectl's aggregate of `cannot delete MESSAGE: ns/pod, …`, nil when nothing blocks the drain.
    private(set) var error: String?
    /// `MESSAGE: ns/pod, …` joined by `; `, printed as `Warning: …`.
    private(set) var warning: String?

    init(_ pods: [Pod], cluster: Cluster, force: Bool, ignoreDaemonSets: Bool) {
        var errors: [(message: String, pods: [String])] = []
        var warnings: [(message: String, pods: [String])] = []
        func add(_ message: String, _ pod: Pod, to list: inout [(message: String, pods: [String])]) {
            let name = "\(pod.metadata.namespace)/\(pod.name)"
            if let i = list.firstIndex(where: { $0.message == message }) { list[i].pods.append(name) } else { list.append((message, [name])) }
        }
        for pod in pods {
            let finished = pod.status.phase == "Succeeded" || pod.status.phase == "Failed"
            let ref = pod.metadata.controllerRef
            if let ref, ref.kind == "DaemonSet", !finished {
                if cluster.store.get(DaemonSet.self, ref.name, namespace: pod.metadata.namespace)?.metadata.uid != ref.uid {
                    // An orphaned daemon pod is removed with --force.
                    let notFound = APIError.notFound(.daemonSet, ref.name).message
                    if force { add(notFound, pod, to: &warnings); toEvict.append(pod) } else { add(notFound, pod, to: &errors) }
                } else if ignoreDaemonSets {
                    add(Self.daemonSetWarning, pod, to: &warnings)
                } else {
                    add(Self.daemonSetFatal, pod, to: &errors)
                }
                continue
            }
            if ref == nil && !finished {
                if force { add(Self.unmanagedWarning, pod, to: &warnings) } else { add(Self.unmanagedFatal, pod, to: &errors); continue }
            }
            toEvict.append(pod)
        }
        let messages = errors.map { "cannot delete \($0.message): \($0.pods.joined(separator: ", "))" }
        // utilerrors.Aggregate prints one error bare, several as `[a, b]`.
        if messages.count == 1 { error = messages[0] } else if messages.count > 1 { error = "[" + messages.joined(separator: ", ") + "]" }
        if !warnings.isEmpty { warning = warnings.map { "\($0.message): \($0.pods.joined(separator: ", "))" }.joined(separator: "; ") }
    }
}
