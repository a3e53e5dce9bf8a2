/// The numbers behind a rolling update (deployment/util): maxSurge and maxUnavailable resolved
/// against the replica count.
enum RolloutMath {
    /// An int-or-percent value scaled against `total`, rounding up or down like intstr.
    static func resolve(_ value: String, total: Int, roundUp: Bool) -> Int {
        if value.hasSuffix("%"), let percent = Int(value.dropLast()) {
            let exact = Double(percent * total) / 100
            return Int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
        }
        return Int(value) ?? 0
    }

    /// (maxSurge, maxUnavailable); when both come out 0, maxUnavailable becomes 1.
    static func surgeAndUnavailable(_ d: Deployment) -> (surge: Int, unavailable: Int) {
        guard d.spec.strategy.type == .rollingUpdate else { return (0, 0) }
        let surge = resolve(d.spec.strategy.maxSurge, total: d.spec.replicas, roundUp: true)
        var unavailable = resolve(d.spec.strategy.maxUnavailable, total: d.spec.replicas, roundUp: false)
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, min(unavailable, d.spec.replicas))
    }

    /// The size the new ReplicaSet may grow to now (NewRSNewReplicas).
    static func newReplicaSetReplicas(_ d: Deployment, allReplicas: Int, newReplicas: Int) -> Int {
        switch d.spec.strategy.type {
        case .recreate:
            return d.spec.replicas
        case .rollingUpdate:
            let maxTotal = d.spec.replicas + surgeAndUnavailable(d).surge
            if allReplicas >= maxTotal { return newReplicas }
            let scaleUp = min(maxTotal - allReplicas, d.spec.replicas - newReplicas)
            return newReplicas + scaleUp
        }
    }
}
