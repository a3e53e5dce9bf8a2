import Cluster

/// The header's pod count, read the way `kubectl get deploy` reads: ready over desired summed
/// over the Deployments, with orphans (running, but counted by no one) named on their own.
enum HeaderCounts {
    /// `pods 3/3 Ready`, `pods 3/3 Ready +1 orphan`, `pods 2/3 Ready +2 orphans`, for the shown namespace.
    static func pods(_ view: ClusterView) -> String {
        let deployments = view.cluster.store.list(Deployment.self, namespace: view.namespace)
        let ready = deployments.reduce(0) { $0 + $1.status.readyReplicas }
        let desired = deployments.reduce(0) { $0 + $1.spec.replicas }
        let orphans = view.orphanCount
        let note = orphans == 0 ? "" : " +\(orphans) orphan\(orphans == 1 ? "" : "s")"
        return "pods \(ready)/\(desired) Ready\(note)"
    }
}
