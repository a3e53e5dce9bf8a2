/// The eviction subresource (`POST pods/NAME/eviction`) that `kubectl drain` uses
/// (pkg/registry/core/pod/storage/eviction.go): a pod guarded by a PodDisruptionBudget goes only
/// if the budget allows one more disruption, which the eviction takes from it; otherwise 429.
/// An evicted pod is marked with a DisruptionTarget condition, then deleted gracefully.
extension Store {
    public static let evictionRefusal = "Cannot evict pod as it would violate the pod's disruption budget."
    /// How many evictions a budget may hold that its controller has not yet seen (MaxDisruptedPodSize).
    static let maxDisruptedPods = 2000

    /// Evicts the pod, or throws the API server's refusal. With `dryRun` the budget is checked
    /// but nothing is written.
    public func evict(pod name: String, namespace: String, gracePeriodSeconds: Int? = nil, dryRun: Bool = false) throws {
        let key = ObjectKey(namespace: namespace, name: name)
        guard let pod = get(Pod.self, key: key) else { throw APIError.notFound(.pod, name) }
        if !Self.budgetIgnores(pod) {
            let budgets = budgets(guarding: pod)
            if budgets.count > 1 {
                var error = APIError(.unknown, "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
                error.code = 500
                throw error
            }
            if let pdb = budgets.first, !Self.unhealthyPodMayGo(pod, under: pdb) {
                try takeDisruption(from: pdb, for: pod, dryRun: dryRun)
            }
        }
        guard !dryRun else { return }
        try markDisruptionTarget(pod: key, reason: "EvictionByEvictionAPI", message: "Eviction API: evicting")
        try delete(Pod.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
    }

    /// A finished, pending or terminating pod disrupts nothing more by going (canIgnorePDB).
    static func budgetIgnores(_ pod: Pod) -> Bool {
        ["Succeeded", "Failed", "Pending"].contains(pod.status.phase) || pod.isTerminating
    }

    /// A pod that is not ready may go without using the budget when the policy is AlwaysAllow,
    /// or (IfHealthyBudget, the default) while the application is as healthy as the budget wants.
    static func unhealthyPodMayGo(_ pod: Pod, under pdb: PodDisruptionBudget) -> Bool {
        guard !pod.isReady else { return false }
        if pdb.spec.unhealthyPodEvictionPolicy == PodDisruptionBudgetSpec.alwaysAllow { return true }
        return pdb.status.currentHealthy >= pdb.status.desiredHealthy && pdb.status.desiredHealthy > 0
    }

    /// checkAndDecrement: refuses while the controller has not caught up or no disruption is
    /// left; otherwise takes one and records the pod in disruptedPods so the controller does not
    /// count it as healthy before it is gone.
    private func takeDisruption(from pdb: PodDisruptionBudget, for pod: Pod, dryRun: Bool) throws {
        if pdb.status.observedGeneration < pdb.metadata.generation {
            throw Self.refusal("The disruption budget \(pdb.name) is still being processed by the server.", retryAfterSeconds: 10)
        }
        if pdb.status.disruptionsAllowed < 0 {
            throw Self.budgetForbidden(pdb.name, "pdb disruptions allowed is negative")
        }
        if pdb.status.disruptedPods.count > Self.maxDisruptedPods {
            throw Self.budgetForbidden(pdb.name, "DisruptedPods map too big - too many evictions not confirmed by PDB controller")
        }
        if pdb.status.disruptionsAllowed == 0 {
            throw Self.refusal("The disruption budget \(pdb.name) needs \(pdb.status.desiredHealthy) healthy pods and has \(pdb.status.currentHealthy) currently",
                               retryAfterSeconds: 0)
        }
        guard !dryRun else { return }
        var updated = pdb
        updated.status.disruptionsAllowed -= 1
        if updated.status.disruptionsAllowed == 0 { BudgetMath.updateDisruptionAllowed(&updated.status, now: now) }
        updated.status.disruptedPods[pod.name] = now
        try update(updated)
    }

    /// The API server names the resource in the singular here (policy.Resource("poddisruptionbudget")).
    static func budgetForbidden(_ name: String, _ reason: String) -> APIError {
        APIError(.forbidden, "poddisruptionbudget.policy \"\(name)\" is forbidden: \(reason)")
    }

    /// 429 TooManyRequests with the DisruptionBudget cause.
    static func refusal(_ cause: String, retryAfterSeconds: Int) -> APIError {
        var error = APIError(.tooManyRequests, evictionRefusal)
        error.statusCauses = [APIError.Cause(type: "DisruptionBudget", message: cause)]
        error.retryAfterSeconds = retryAfterSeconds
        return error
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
