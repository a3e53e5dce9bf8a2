/// The binding subresource (`POST pods/NAME/binding`): assigns a pending pod to a node, as the
/// scheduler's bind does, with the pod registry's refusals.
extension Store {
    @discardableResult
    public func bind(pod name: String, namespace: String, toNode node: String) throws -> Pod {
        let key = ObjectKey(namespace: namespace, name: name)
        guard let pod = get(Pod.self, key: key) else { throw APIError.notFound(.pod, name) }
        func conflict(_ reason: String) -> APIError {
            APIError(.conflict, "Operation cannot be fulfilled on pods \"\(name)\": \(reason)")
        }
        if pod.isTerminating { throw conflict("pod \(name) is being deleted, cannot be assigned to a host") }
        if pod.isScheduled { throw conflict("pod \(name) is already assigned to node \"\(pod.spec.nodeName)\"") }
        let now = self.now
        return try modify(Pod.self, key: key) { pod in
            pod.spec.nodeName = node
            pod.status.setCondition("PodScheduled", "True", at: now)
        }
    }
}
