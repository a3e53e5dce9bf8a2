/// The eviction subresource (`POST pods/NAME/eviction`) that `kubectl drain` uses: with no
/// PodDisruptionBudgets in the simulator every eviction is allowed; like the API server it marks
/// the pod with a DisruptionTarget condition, then deletes it gracefully.
extension Store {
    public func evict(pod name: String, namespace: String, gracePeriodSeconds: Int? = nil) throws {
        let key = ObjectKey(namespace: namespace, name: name)
        try markDisruptionTarget(pod: key, reason: "EvictionByEvictionAPI", message: "Eviction API: evicting")
        try delete(Pod.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
    }

    /// Sets the DisruptionTarget condition that tells a pod (and whoever watches it) why it is
    /// about to be deleted.
    func markDisruptionTarget(pod key: ObjectKey, reason: String, message: String) throws {
        let now = self.now
        try modify(Pod.self, key: key) { pod in
            guard !pod.isTerminating else { return }
            pod.status.setCondition("DisruptionTarget", "True", at: now, reason: reason, message: message)
        }
    }
}
