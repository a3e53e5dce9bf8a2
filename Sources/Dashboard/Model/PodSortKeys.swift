import Cluster
import Commands

/// A pod's values in the columns the Pods table sorts by, read once from the pod and kept
/// beside its name (see KeptPodRow), so a sort of 150,000 pods compares numbers, not cells
/// formatted for each row. Dropped with the row when the pod changes.
struct PodSortKeys {
    /// READY: ready containers first, then containers (1/2, 1/3, 2/2).
    let ready: Int64
    /// STATUS as kubectl prints it; ranked among the statuses shown at sort time.
    let status: String
    let restarts: Int64
    let created: SimTime
    /// NODE as kubectl prints it (`<none>` while unscheduled); ranked in natural order.
    let node: String

    init(_ pod: Pod) {
        ready = Int64(PodStatusFormatter.readyContainers(pod)) << 32 | Int64(pod.spec.containers.count)
        status = PodStatusFormatter.status(pod)
        restarts = Int64(pod.restartCount)
        created = pod.metadata.creationTimestamp
        node = pod.spec.nodeName.isEmpty ? "<none>" : pod.spec.nodeName
    }
}
