import Cluster

/// What the rollout view shows for one deployment, read from the store as the deployment
/// controller sees it: the new ReplicaSet (the one running the current template) and the old
/// ones with their pods, the counts kubectl's `rollout status` reports, the limits in force and
/// whether the rollout is paused, stalled or done.
struct RolloutSummary {
    /// One ReplicaSet with its revision and active pods (terminating ones included: the
    /// audience watches them go).
    struct Side {
        var replicaSet: ReplicaSet
        var revision: Int
        var pods: [Pod]
        var image: String { replicaSet.spec.template.spec.containers.map(\.image).joined(separator: ", ") }
    }

    enum Phase: Equatable {
        case progressing, complete, paused
        /// The Progressing condition went False (ProgressDeadlineExceeded), with its message.
        case stalled(String)
    }

    var deployment: Deployment
    /// Nil until the controller has created the ReplicaSet for the current template.
    var new: Side?
    /// Old ReplicaSets that still have pods or want some, newest first; when none do, the one of
    /// the highest revision (what `rollout undo` would go back to).
    var old: [Side]
    var maxSurge: Int
    var maxUnavailable: Int

    var desired: Int { deployment.spec.replicas }
    var updated: Int { deployment.status.updatedReplicas }
    var ready: Int { deployment.status.readyReplicas }
    var available: Int { deployment.status.availableReplicas }
    var revision: String { deployment.metadata.annotations["deployment.kubernetes.io/revision"] ?? "" }

    var phase: Phase {
        if let progressing = deployment.status.condition("Progressing"), progressing.reason == "ProgressDeadlineExceeded" {
            return .stalled(progressing.message)
        }
        if deployment.spec.paused { return .paused }
        // As `rollout status` judges it: every replica updated, none old left, all available.
        let status = deployment.status
        if status.observedGeneration >= deployment.metadata.generation, status.updatedReplicas == desired,
           status.replicas == status.updatedReplicas, status.availableReplicas == status.updatedReplicas {
            return .complete
        }
        return .progressing
    }

    init?(deployment name: String, namespace: String, store: Store) {
        guard let d = store.get(Deployment.self, name, namespace: namespace) else { return nil }
        deployment = d
        (maxSurge, maxUnavailable) = d.resolvedRolloutLimits
        func side(_ rs: ReplicaSet) -> Side {
            let pods = store.pods(ownedBy: rs.metadata.uid).sorted { $0.name < $1.name }
            return Side(replicaSet: rs, revision: Int(rs.metadata.annotations["deployment.kubernetes.io/revision"] ?? "") ?? 0, pods: pods)
        }
        let owned = store.replicaSets(ownedBy: d.metadata.uid).map(side).sorted { ($0.revision, $0.replicaSet.name) > ($1.revision, $1.replicaSet.name) }
        let current = owned.first { d.runsCurrentTemplate($0.replicaSet) }
        new = current
        let others = owned.filter { $0.replicaSet.metadata.uid != current?.replicaSet.metadata.uid }
        let busy = others.filter { !$0.pods.isEmpty || $0.replicaSet.spec.replicas > 0 }
        old = busy.isEmpty ? Array(others.prefix(1)) : busy
    }

    /// `maxSurge 1 (25%)`: the resolved number, and what was written when it was a percentage.
    static func limit(_ name: String, _ resolved: Int, written: String) -> String {
        written.hasSuffix("%") ? "\(name) \(resolved) (\(written))" : "\(name) \(resolved)"
    }
}
