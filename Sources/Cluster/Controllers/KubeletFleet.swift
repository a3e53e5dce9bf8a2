/// Routes pod watch events to the kubelet of the pod's node, so a pod change wakes one kubelet,
/// not all of them.
final class KubeletFleet {
    private(set) var kubelets: [String: Kubelet] = [:]

    init(store: Store) {
        store.watch { [unowned self] event in
            guard event.kind == .pod, event.type != .deleted else { return }
            let pod = event.object as! Pod
            if pod.isScheduled { kubelets[pod.spec.nodeName]?.observe(pod) }
        }
    }

    func add(_ kubelet: Kubelet) { kubelets[kubelet.nodeName] = kubelet }
}
