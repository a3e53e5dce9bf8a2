/// The annotations a Deployment keeps on its new ReplicaSet (deployment/util deployment_util.go
/// SetNewReplicaSetAnnotations): the deployment's own annotations, the revision, the revisions
/// the ReplicaSet held before (a rollback moves it to a new one), and on creation the replica
/// counts used for proportional scaling.
enum ReplicaSetAnnotations {
    static let revision = "deployment.kubernetes.io/revision"
    static let revisionHistory = "deployment.kubernetes.io/revision-history"
    static let desiredReplicas = "deployment.kubernetes.io/desired-replicas"
    static let maxReplicas = "deployment.kubernetes.io/max-replicas"
    /// maxRevHistoryLengthInChars: older revisions are dropped from the history beyond this.
    static let maxHistoryLength = 2000

    /// Deployment annotations that are not copied to its ReplicaSets (annotationsToSkip).
    /// A list: six keys compared cost less than one hashed (see `valueScanning(forKey:)`).
    static let notCopied: [String] = [
        "kubectl.kubernetes.io/last-applied-configuration", revision, revisionHistory, desiredReplicas, maxReplicas,
        "deprecated.deployment.rollback.to",
    ]

    /// Updates `rs` to be the deployment's new ReplicaSet at `newRevision` (the highest old
    /// revision + 1); returns whether any annotation changed.
    static func setForNewReplicaSet(_ d: Deployment, _ rs: inout ReplicaSet, newRevision: Int, exists: Bool) -> Bool {
        var changed = false
        for (key, value) in d.metadata.annotations where !notCopied.contains(key) && rs.metadata.annotations.valueScanning(forKey: key) != value {
            rs.metadata.annotations[key] = value
            changed = true
        }
        let oldRevision = rs.metadata.annotations.valueScanning(forKey: revision)
        let oldNumber: Int
        if let oldRevision {
            guard let n = Int(oldRevision) else { return false } // not a number: left alone
            oldNumber = n
        } else {
            oldNumber = 0
        }
        // Only ever raised: old ReplicaSets deleted since may make newRevision the smaller.
        if oldNumber < newRevision {
            rs.metadata.annotations[revision] = String(newRevision)
            changed = true
            // It had a revision already: this is a rollback to it, so keep what it was.
            if let oldRevision { appendToHistory(&rs, oldRevision) }
        }
        if !exists {
            let surge = RolloutMath.surgeAndUnavailable(d).surge
            rs.metadata.annotations[desiredReplicas] = String(d.spec.replicas)
            rs.metadata.annotations[maxReplicas] = String(Saturating.add(d.spec.replicas, surge))
            changed = true
        }
        return changed
    }

    /// Appends `old` to the comma-separated history, dropping the oldest entries past the
    /// length limit.
    private static func appendToHistory(_ rs: inout ReplicaSet, _ old: String) {
        let history = rs.metadata.annotations[revisionHistory] ?? ""
        if history.isEmpty {
            rs.metadata.annotations[revisionHistory] = old
            return
        }
        var entries = history.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var total = history.count + old.count + 1
        var start = 0
        while total > maxHistoryLength && start < entries.count {
            total -= entries[start].count + 1
            start += 1
        }
        guard total <= maxHistoryLength else { return }
        entries = Array(entries[start...]) + [old]
        rs.metadata.annotations[revisionHistory] = entries.joined(separator: ",")
    }
}
