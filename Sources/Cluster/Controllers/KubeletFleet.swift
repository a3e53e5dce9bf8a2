/// Routes pod watch events to the kubelet of the pod's node, so a pod change wakes one kubelet,
/// not all of them.
final class KubeletFleet {
    private(set) var kubelets: [String: Kubelet] = [:]

    init(store: Store) {
        store.watch([.pod]) { [unowned self] event in
            guard event.kind == .pod else { return }
            let pod = event.object as! Pod
            guard pod.isScheduled, let kubelet = kubelets[pod.spec.nodeName] else { return }
            if event.type == .deleted { kubelet.forget(pod) } else { kubelet.observe(pod) }
        }
    }

    func add(_ kubelet: Kubelet) { kubelets[kubelet.nodeName] = kubelet }
}
