import Cluster

/// The header's pod count, read the way `kubectl get deploy,rs,ds` reads: ready over desired
/// summed over the Deployments, the ReplicaSets no Deployment controls and the DaemonSets (kept
/// by the tally, not summed each frame), with orphans (running, but counted by no one) named on their own.
enum HeaderCounts {
    /// `pods 3/3 Ready`, `pods 3/3 Ready +1 orphan`, `pods 2/3 Ready +2 orphans`, for the shown namespace.
    static func pods(_ view: ClusterView) -> String {
        let (ready, desired) = view.tally.workloadReplicas(in: view.namespace)
        let orphans = view.orphanCount
        let note = orphans == 0 ? "" : " +\(orphans) orphan\(orphans == 1 ? "" : "s")"
        return "pods \(ready)/\(desired) Ready\(note)"
    }
}
