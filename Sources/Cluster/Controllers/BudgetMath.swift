/// The disruption controller's arithmetic (pkg/controller/disruption, getExpectedPodCount,
/// countHealthyPods, updatePdbStatus), kept apart from the store so each rule can be read alone.
enum BudgetMath {
    struct SyncError: Error { let message: String }

    struct Expected: Equatable {
        var expectedPods: Int
        var desiredHealthy: Int
        /// Pods with no controller, left out of a scale-based count.
        var unmanagedPods: [String]
    }

    /// expectedPods and desiredHealthy. An integer minAvailable counts the pods themselves;
    /// a percentage, and any maxUnavailable, are taken of the sum of the pods' controllers'
    /// replicas (rounded up).
    static func expected(_ pdb: PodDisruptionBudget, pods: [Pod],
                         scaleOf: (OwnerReference, String) throws -> (uid: String, scale: Int)?) throws -> Expected {
        if let maxUnavailable = pdb.spec.maxUnavailable {
            let (count, unmanaged) = try expectedScale(pods, scaleOf: scaleOf)
            let unavailable = RolloutMath.resolve(maxUnavailable, total: count, roundUp: true)
            return Expected(expectedPods: count, desiredHealthy: max(0, count - unavailable), unmanagedPods: unmanaged)
        }
        if let minAvailable = pdb.spec.minAvailable {
            if let n = Int(minAvailable) { return Expected(expectedPods: pods.count, desiredHealthy: n, unmanagedPods: []) }
            let (count, unmanaged) = try expectedScale(pods, scaleOf: scaleOf)
            return Expected(expectedPods: count, desiredHealthy: RolloutMath.resolve(minAvailable, total: count, roundUp: true),
                            unmanagedPods: unmanaged)
        }
        return Expected(expectedPods: 0, desiredHealthy: 0, unmanagedPods: [])
    }

    /// The sum of the scales of the pods' controllers, each controller once (getExpectedScale).
    static func expectedScale(_ pods: [Pod], scaleOf: (OwnerReference, String) throws -> (uid: String, scale: Int)?) throws -> (Int, [String]) {
        var scales: [String: Int] = [:]
        var unmanaged: [String] = []
        for pod in pods {
            guard let ref = pod.metadata.controllerRef else { unmanaged.append(pod.name); continue }
            guard let found = try scaleOf(ref, pod.metadata.namespace) else {
                throw SyncError(message: "found no controllers for pod \"\(pod.name)\"")
            }
            scales[found.uid] = found.scale
        }
        return (scales.values.reduce(0, +), unmanaged)
    }

    /// Ready pods that are neither terminating nor recently evicted.
    static func currentHealthy(_ pods: [Pod], disrupted: [String: SimTime], now: SimTime) -> Int {
        pods.filter { pod in
            if pod.isTerminating { return false }
            if let at = disrupted[pod.name], at + DisruptionController.deletionTimeout > now { return false }
            return pod.isReady
        }.count
    }

    /// Writes the computed status: disruptionsAllowed is what healthy pods exceed the desired
    /// count by, and 0 while the budget expects no pods (so a budget created before its pods
    /// allows nothing until it has counted them).
    static func setStatus(_ pdb: inout PodDisruptionBudget, currentHealthy: Int, desiredHealthy: Int, expectedPods: Int,
                          disruptedPods: [String: SimTime], now: SimTime) {
        var allowed = currentHealthy - desiredHealthy
        if expectedPods <= 0 || allowed <= 0 { allowed = 0 }
        pdb.status.currentHealthy = currentHealthy
        pdb.status.desiredHealthy = desiredHealthy
        pdb.status.expectedPods = expectedPods
        pdb.status.disruptionsAllowed = allowed
        pdb.status.disruptedPods = disruptedPods
        pdb.status.observedGeneration = pdb.metadata.generation
        updateDisruptionAllowed(&pdb.status, now: now)
    }

    /// DisruptionAllowed: True/SufficientPods while an eviction may pass, else False/InsufficientPods.
    static func updateDisruptionAllowed(_ status: inout PodDisruptionBudgetStatus, now: SimTime) {
        let allowed = status.disruptionsAllowed > 0
        setCondition(&status, status: allowed ? "True" : "False", reason: allowed ? "SufficientPods" : "InsufficientPods",
                     message: "", observedGeneration: status.observedGeneration, now: now)
    }

    /// meta.SetStatusCondition: the transition time moves only when the status changes.
    static func setCondition(_ status: inout PodDisruptionBudgetStatus, status value: String, reason: String, message: String,
                             observedGeneration: Int64, now: SimTime) {
        let type = DisruptionController.conditionType
        if let i = status.conditions.firstIndex(where: { $0.type == type }) {
            if status.conditions[i].status != value { status.conditions[i].lastTransitionTime = now }
            status.conditions[i].status = value
            status.conditions[i].reason = reason
            status.conditions[i].message = message
            status.conditions[i].observedGeneration = observedGeneration
        } else {
            status.conditions.append(BudgetCondition(type: type, status: value, observedGeneration: observedGeneration,
                                                     lastTransitionTime: now, reason: reason, message: message))
        }
    }
}
