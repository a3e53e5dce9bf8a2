/// The eviction subresource (`POST pods/NAME/eviction`) that `kubectl drain` uses: with no
/// PodDisruptionBudgets in the simulator every eviction is allowed; like the API server it marks
/// the pod with a DisruptionTarget condition, then deletes it gracefully.
extension Store {
    public func evict(pod name: String, gracePeriodSeconds: Int? = nil) throws {
        try markDisruptionTarget(pod: name, reason: "EvictionByEvictionAPI", message: "Eviction API: evicting")
        try delete(Pod.self, name, gracePeriodSeconds: gracePeriodSeconds)
    }

    /// Sets the DisruptionTarget condition that tells a pod (and whoever watches it) why it is
    /// about to be deleted.
    func markDisruptionTarget(pod name: String, reason: String, message: String) throws {
        let now = self.now
        try modify(Pod.self, name) { pod in
            guard !pod.isTerminating else { return }
            pod.status.setCondition("DisruptionTarget", "True", at: now, reason: reason, message: message)
        }
    }
}
