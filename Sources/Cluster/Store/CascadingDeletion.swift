/// What a deletion does to the objects whose controller reference points at the deleted owner
/// (meta/v1 DeletionPropagation; kubectl's `--cascade`), one path for kubectl's words and the
/// API's DeleteOptions.
public enum DeletionPropagation: String, Sendable {
    /// The default: the owner goes, and the garbage collector deletes its dependents after.
    case background = "Background"
    /// The dependents lose their reference to the owner before it goes, and live on without it.
    case orphan = "Orphan"
    /// The dependents are deleted with the owner, at once. (Upstream keeps the owner, with a
    /// deletionTimestamp and the foregroundDeletion finalizer, until they are gone; kubesim
    /// models no finalizers on these kinds, so the owner goes first.)
    case foreground = "Foreground"
}

extension Store {
    /// Deletes an object, its dependents as `propagation` says.
    public func delete(kind: Kind, name: String, namespace: String, gracePeriodSeconds: Int? = nil,
                       propagation: DeletionPropagation) throws {
        guard propagation != .background, let owner = object(kind: kind, name: name, namespace: namespace) else {
            return try delete(kind: kind, name: name, namespace: namespace, gracePeriodSeconds: gracePeriodSeconds)
        }
        let uid = owner.metadata.uid
        let replicaSets = self.replicaSets(ownedBy: uid), pods = self.pods(ownedBy: uid)
        if propagation == .orphan {
            // As the garbage collector's orphan finalizer does, before the owner goes.
            func release<T: APIObject>(_ dependents: [T]) throws {
                for dependent in dependents { try modify(T.self, key: dependent.key) { $0.metadata.ownerReferences.removeAll { $0.uid == uid } } }
            }
            try release(replicaSets)
            try release(pods)
            try release(endpointSlices(ownedBy: uid))
        }
        try delete(kind: kind, name: name, namespace: namespace, gracePeriodSeconds: gracePeriodSeconds)
        guard propagation == .foreground else { return }
        for rs in replicaSets {
            let podsOfRS = self.pods(ownedBy: rs.metadata.uid)
            try? delete(ReplicaSet.self, key: rs.key)
            for pod in podsOfRS where !pod.isTerminating { try? delete(Pod.self, key: pod.key) }
        }
        for pod in pods where !pod.isTerminating { try? delete(Pod.self, key: pod.key) }
    }
}
