import Cluster

extension ClusterView {
    /// A pod a ReplicaSet made and then let go: no controller owns it, yet it carries the marks
    /// of one — the `pod-template-hash` label a Deployment's ReplicaSet stamps on its pods, or a
    /// name generated from its owner's. It keeps running, but nothing counts, replaces or
    /// deletes it (`kubectl label` moving a pod out of its selector is the usual way to make one).
    /// A pod created bare (`kubectl run`, a Pod manifest) is not an orphan: it never had an owner.
    public static func isOrphan(_ pod: Pod) -> Bool {
        pod.metadata.controllerRef == nil
            && (pod.metadata.labels["pod-template-hash"] != nil || !pod.metadata.generateName.isEmpty)
    }

    public func isOrphan(_ pod: Pod) -> Bool { Self.isOrphan(pod) }

    /// Orphans of the shown namespace still running (a Terminating one is already on its way out),
    /// read from the store's index of ownerless pods, so a frame never scans every pod.
    public var orphanCount: Int {
        let namespace = self.namespace
        return cluster.store.podsWithoutController().filter { $0.metadata.namespace == namespace && Self.isOrphan($0) && !$0.isTerminating }.count
    }
}
