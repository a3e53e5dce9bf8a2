/// The numbers behind a rolling update (deployment/util): maxSurge and maxUnavailable resolved
/// against the replica count.
enum RolloutMath {
    /// An int-or-percent value scaled against `total`, rounding up or down like intstr. The API
    /// holds these as int32, so a huge percentage of a large deployment is clamped there
    /// instead of overflowing.
    static func resolve(_ value: String, total: Int, roundUp: Bool) -> Int {
        let resolved: Int
        // By bytes: `hasSuffix` and `dropLast` on the string walk characters (~800
        // instructions), and the deployment controller resolves these on every sync.
        if value.utf8.last == UInt8(ascii: "%"), let percent = Int(Substring(value.utf8.dropLast())) {
            let exact = Double(percent) * Double(total) / 100
            resolved = Saturating.int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
        } else {
            resolved = Int(value) ?? 0
        }
        return min(max(resolved, Int(Int32.min)), Int(Int32.max))
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
            let maxTotal = Saturating.add(d.spec.replicas, surgeAndUnavailable(d).surge)
            if allReplicas >= maxTotal { return newReplicas }
            let scaleUp = min(maxTotal - allReplicas, d.spec.replicas - newReplicas)
            return newReplicas + scaleUp
        }
    }

    /// GetProportion: how many of `toAdd` (negative when removing) a ReplicaSet takes, from its
    /// share of the deployment's size before the change (its max-replicas annotation), bounded
    /// by what is still left to hand out.
    static func proportion(_ rs: ReplicaSet, _ d: Deployment, toAdd: Int, added: Int) -> Int {
        guard rs.spec.replicas > 0, toAdd != 0, toAdd != added else { return 0 }
        let fraction: Int
        if d.spec.replicas == 0 {
            fraction = -rs.spec.replicas
        } else {
            let maxReplicas = Saturating.add(d.spec.replicas, surgeAndUnavailable(d).surge)
            var before = Int(rs.metadata.annotations[ReplicaSetAnnotations.maxReplicas] ?? "") ?? 0
            if before == 0 { before = d.status.replicas }
            let exact = Double(rs.spec.replicas) * Double(maxReplicas) / Double(max(before, 1))
            // integer.RoundToInt32 rounds half away from zero.
            fraction = Saturating.int(exact.rounded(.toNearestOrAwayFromZero)) - rs.spec.replicas
        }
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }
}
