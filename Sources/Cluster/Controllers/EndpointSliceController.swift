/// Keeps each selector Service's EndpointSlices (pkg/controller/endpointslice): one endpoint per
/// pod that has an IP and has not finished, with ready = Ready and not terminating, serving =
/// Ready, terminating = being deleted; at most 100 endpoints a slice. Its batch period is 0, so
/// it syncs at the instant a pod changes: a pod being deleted reads terminating at once.
final class EndpointSliceController {
    static let maxEndpointsPerSlice = 100

    private let store: Store
    private var queue: WorkQueue<ObjectKey>!
    private var cost = EndpointSyncCost()

    init(store: Store) {
        self.store = store
        queue = WorkQueue(clock: store.clock, delay: .zero, name: "endpointslice") { [unowned self] in self.sync($0) }
        store.watch([.service, .pod, .endpointSlice]) { [unowned self] event in
            switch event.kind {
            case .service:
                if event.type != .deleted { self.queue.add(event.object.key) }
            case .pod:
                // The services of the pod before and after the change (a relabel moves it).
                for service in self.store.servicesSelectingPod(of: event) {
                    self.queue.add(service.key, after: self.cost.wait(for: service.key, now: self.store.now))
                }
            case .endpointSlice:
                // A managed slice deleted by someone else is put back.
                guard event.type == .deleted, event.object.metadata.labels[EndpointSlice.managedByLabel] == EndpointSlice.controllerName,
                      let service = event.object.metadata.labels[EndpointSlice.serviceNameLabel] else { return }
                self.queue.add(ObjectKey(namespace: event.object.metadata.namespace, name: service))
            default:
                break
            }
        }
    }

    private func sync(_ key: ObjectKey) {
        guard let service = store.get(Service.self, key: key), !service.isTerminating,
              let selector = service.spec.selector, !selector.isEmpty else {
            cost.synced(key, pods: 0, now: store.now)
            return
        }
        let pods = store.list(Pod.self, selector: LabelSelector(matchLabels: selector), namespace: key.namespace)
        cost.synced(key, pods: pods.count, now: store.now)
        let managed = store.endpointSlices(ofService: service.name, namespace: key.namespace)
            .filter { $0.metadata.labels[EndpointSlice.managedByLabel] == EndpointSlice.controllerName }
        // Slices left by an earlier service of the same name go; they are never reused.
        let (owned, stale) = managed.reduce(into: ([EndpointSlice](), [EndpointSlice]())) { parts, slice in
            if slice.metadata.ownerReferences.contains(where: { $0.uid == service.metadata.uid }) { parts.0.append(slice) } else { parts.1.append(slice) }
        }
        let labels = Self.labels(of: service)
        let reconciler = EndpointSliceReconciler(maxEndpoints: Self.maxEndpointsPerSlice, newSlice: { ports in
            var meta = ObjectMeta(generateName: "\(service.name)-", namespace: service.namespace, labels: labels)
            meta.ownerReferences = [OwnerReference(apiVersion: "v1", kind: Kind.service.rawValue, name: service.name, uid: service.metadata.uid)]
            return EndpointSlice(metadata: meta, ports: ports)
        }, labels: labels)
        let plan = reconciler.plan(existing: owned, desired: Self.desired(service, pods: pods))
        let trigger = CalendarTime.rfc3339(store.now)
        for var slice in plan.create {
            slice.metadata.annotations[EndpointRules.triggerTimeAnnotation] = trigger
            _ = try? store.create(slice)
        }
        for var slice in plan.update {
            slice.metadata.annotations[EndpointRules.triggerTimeAnnotation] = trigger
            _ = try? store.update(slice)
        }
        for slice in plan.delete + stale { try? store.delete(EndpointSlice.self, key: slice.key) }
    }

    /// The service's endpoints grouped by the ports their pod answers on, pods in name order.
    static func desired(_ service: Service, pods: [Pod]) -> [EndpointSliceReconciler.Group] {
        var groups: [EndpointSliceReconciler.Group] = []
        for pod in pods where EndpointRules.includes(pod, includeTerminating: true) {
            let ports = service.spec.ports.compactMap { port in
                EndpointRules.targetPort(port, in: pod).map { EndpointPort(name: port.name, port: $0, protocol: port.protocol) }
            }
            let endpoint = endpoint(for: pod)
            if let i = groups.firstIndex(where: { $0.ports == ports }) {
                groups[i].endpoints.append(endpoint)
            } else {
                groups.append(.init(ports: ports, endpoints: [endpoint]))
            }
        }
        return groups
    }

    /// podToEndpoint: ready only when Ready and not terminating; serving when Ready.
    static func endpoint(for pod: Pod) -> SliceEndpoint {
        let serving = pod.isReady
        let terminating = pod.metadata.deletionTimestamp != nil
        return SliceEndpoint(addresses: [pod.status.podIP],
                             conditions: EndpointConditions(ready: serving && !terminating, serving: serving, terminating: terminating),
                             nodeName: pod.spec.nodeName, targetRef: EndpointRules.targetRef(pod))
    }

    /// The service's labels (less the reserved ones), the headless mark, and the two the
    /// controller finds its slices by.
    static func labels(of service: Service) -> [String: String] {
        let reserved = [EndpointSlice.serviceNameLabel, EndpointSlice.managedByLabel, EndpointRules.headlessLabel]
        var labels = service.metadata.labels.filter { !reserved.contains($0.key) }
        if service.spec.clusterIP == "None" { labels[EndpointRules.headlessLabel] = "" }
        labels[EndpointSlice.serviceNameLabel] = service.name
        labels[EndpointSlice.managedByLabel] = EndpointSlice.controllerName
        return labels
    }
}
