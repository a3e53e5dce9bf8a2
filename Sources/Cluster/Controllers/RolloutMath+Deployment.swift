/// What a Deployment's rollout is held to, for readers outside the controllers (the dashboard's
/// rollout view): the same numbers the deployment controller acts on.
extension Deployment {
    /// maxSurge and maxUnavailable resolved against the replica count (percentages rounded as
    /// upstream: surge up, unavailable down; both 0 makes unavailable 1). (0, 0) for Recreate.
    public var resolvedRolloutLimits: (maxSurge: Int, maxUnavailable: Int) {
        let limits = RolloutMath.surgeAndUnavailable(self)
        return (limits.surge, limits.unavailable)
    }

    /// Whether `rs` runs this deployment's current pod template (FindNewReplicaSet: equal but for
    /// the pod-template-hash label).
    public func runsCurrentTemplate(_ rs: ReplicaSet) -> Bool {
        var template = rs.spec.template
        template.labels["pod-template-hash"] = nil
        return template == spec.template
    }
}
