/// Routes pod watch events to the kubelet of the pod's node, so a pod change wakes one kubelet,
/// not all of them.
final class KubeletFleet {
    private(set) var kubelets: [String: Kubelet] = [:]

    init(store: Store) {
        store.watch([.pod]) { [unowned self] event in
            let pod = event.pod!
            // Most writes are status writes the kubelet does not act on: told apart before the
            // node's kubelet is looked up by name.
            if event.type == .modified, let old = event.oldPod, !Self.differSemantically(old, pod) { return }
            guard pod.isScheduled, let kubelet = kubelets[pod.spec.nodeName] else { return }
            if event.type == .deleted { return kubelet.forget(pod) }
            kubelet.observe(pod)
        }
    }

    func add(_ kubelet: Kubelet) { kubelets[kubelet.nodeName] = kubelet }

    /// Whether an update is one the kubelet acts on (config.go's podsDifferSemantically): the
    /// kubelet is the source of a pod's status, so its own status writes coming back through the
    /// watch, and anyone else's, do not start a sync.
    static func differSemantically(_ old: Pod, _ new: Pod) -> Bool {
        old.spec != new.spec || (!old.metadata.sharesFields(with: new.metadata)
            && (old.metadata.labels != new.metadata.labels || old.metadata.annotations != new.metadata.annotations
                || old.metadata.deletionTimestamp != new.metadata.deletionTimestamp
                || old.metadata.deletionGracePeriodSeconds != new.metadata.deletionGracePeriodSeconds))
    }
}
