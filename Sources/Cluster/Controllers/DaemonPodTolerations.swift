/// The tolerations every daemon pod gets (daemon/util AddOrUpdateDaemonPodTolerations): it stays
/// on a node that is not ready or unreachable (NoExecute, no tolerationSeconds, so taint eviction
/// never removes it) and is placed despite pressure and cordons (NoSchedule).
enum DaemonPodTolerations {
    static let added: [Toleration] = [
        Toleration(key: Taint.notReadyKey, operator: "Exists", effect: "NoExecute"),
        Toleration(key: Taint.unreachableKey, operator: "Exists", effect: "NoExecute"),
        Toleration(key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule"),
        Toleration(key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule"),
        Toleration(key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule"),
        Toleration(key: Taint.unschedulableKey, operator: "Exists", effect: "NoSchedule"),
    ]

    /// Adds each toleration, replacing one with the same key, operator, value and effect
    /// (v1helper.AddOrUpdateTolerationInPodSpec).
    static func apply(to spec: inout PodSpec) {
        for toleration in added {
            if let i = spec.tolerations.firstIndex(where: {
                $0.key == toleration.key && $0.operator == toleration.operator && $0.value == toleration.value && $0.effect == toleration.effect
            }) {
                spec.tolerations[i] = toleration
            } else {
                spec.tolerations.append(toleration)
            }
        }
    }
}
