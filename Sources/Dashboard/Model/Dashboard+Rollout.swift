import Cluster

extension Dashboard {
    /// Whether the rollout view is on screen: opened with Enter on Deployments, for the
    /// deployment the highlight is on (j/k move it to another).
    var rolloutShown: Bool { showsRollout && focus == .deployments && selectedName(.deployments) != nil }

    /// The rollout of the highlighted deployment, while the view is shown.
    var rolloutSummary: RolloutSummary? {
        guard rolloutShown, let name = selectedName(.deployments) else { return nil }
        return RolloutSummary(deployment: name, namespace: namespace, store: cluster.store)
    }

    /// Rows the rollout view asks of the pods' place, so both sides have room for a few tile rows.
    static let rolloutRows = 5
}
