/// Keeps the legacy v1 Endpoints object of each selector Service (pkg/controller/endpoint),
/// named as the service: Ready pods under `addresses`, the others under `notReadyAddresses`;
/// terminating pods are left out; at most 1000 addresses. Deleted with its service. Like the slice controller it syncs
/// at the instant a pod changes.
final class EndpointsController {
    /// LabelManagedBy and ControllerName: how the controller marks the Endpoints it keeps.
    static let managedByLabel = "endpoints.kubernetes.io/managed-by"
    static let controllerName = "endpoint-controller"

    private let store: Store
    private var queue: WorkQueue<ObjectKey>!
    private var cost = EndpointSyncCost()

    init(store: Store) {
        self.store = store
        queue = WorkQueue(clock: store.clock, delay: .zero, name: "endpoints") { [unowned self] in self.sync($0) }
        store.watch([.service, .pod, .endpoints]) { [unowned self] event in
            switch event.kind {
            case .service:
                self.queue.add(event.object.key)
            case .pod:
                for service in self.store.servicesSelectingPod(of: event) {
                    self.queue.add(service.key, after: self.cost.wait(for: service.key, now: self.store.now))
                }
            case .endpoints:
                // Deleted by someone else: put back (onEndpointsDelete).
                if event.type == .deleted { self.queue.add(event.object.key) }
            default:
                break
            }
        }
    }

    private func sync(_ key: ObjectKey) {
        guard let service = store.get(Service.self, key: key) else {
            cost.synced(key, pods: 0, now: store.now)
            // The service is gone: so are the endpoints the controller kept for it.
            if store.get(Endpoints.self, key: key)?.metadata.labels[Self.managedByLabel] == Self.controllerName {
                try? store.delete(Endpoints.self, key: key)
            }
            return
        }
        guard let selector = service.spec.selector, !selector.isEmpty else { return }
        let pods = store.list(Pod.self, selector: LabelSelector(matchLabels: selector), namespace: key.namespace)
        cost.synced(key, pods: pods.count, now: store.now)
        var subsets = Self.subsets(service, pods: pods)
        let truncated = EndpointsCapacity.truncate(&subsets)
        var labels = service.metadata.labels
        if service.spec.clusterIP == "None" { labels[EndpointRules.headlessLabel] = "" } else { labels[EndpointRules.headlessLabel] = nil }
        labels[Self.managedByLabel] = Self.controllerName
        let trigger = CalendarTime.rfc3339(store.now)
        let overCapacity = truncated ? "truncated" : nil
        if var current = store.get(Endpoints.self, key: key) {
            guard current.subsets != subsets || current.metadata.labels != labels
                    || current.metadata.annotations[EndpointsCapacity.overCapacityAnnotation] != overCapacity else { return }
            current.subsets = subsets
            current.metadata.labels = labels
            current.metadata.annotations[EndpointRules.triggerTimeAnnotation] = trigger
            current.metadata.annotations[EndpointsCapacity.overCapacityAnnotation] = overCapacity
            _ = try? store.update(current)
        } else {
            var meta = ObjectMeta(name: service.name, namespace: service.namespace, labels: labels,
                                  annotations: [EndpointRules.triggerTimeAnnotation: trigger])
            meta.annotations[EndpointsCapacity.overCapacityAnnotation] = overCapacity
            _ = try? store.create(Endpoints(metadata: meta, subsets: subsets))
        }
    }

    /// The subsets of the service's pods, repacked as RepackSubsets does: addresses that offer
    /// the same ports share a subset; addresses sorted by IP.
    static func subsets(_ service: Service, pods: [Pod]) -> [EndpointSubset] {
        // For each port, its addresses and whether each is ready.
        var byPort: [(port: EndpointPort?, addresses: [(EndpointAddress, Bool)])] = []
        func add(_ port: EndpointPort?, _ address: EndpointAddress, ready: Bool) {
            if let i = byPort.firstIndex(where: { $0.port == port }) {
                byPort[i].addresses.append((address, ready))
            } else {
                byPort.append((port, [(address, ready)]))
            }
        }
        for pod in pods where EndpointRules.includes(pod, includeTerminating: false) {
            let address = EndpointAddress(ip: pod.status.podIP, nodeName: pod.spec.nodeName, targetRef: EndpointRules.targetRef(pod))
            if service.spec.ports.isEmpty {
                // A headless service without ports still lists its pods.
                if service.spec.clusterIP == "None" { add(nil, address, ready: pod.isReady) }
                continue
            }
            for port in service.spec.ports {
                guard let number = EndpointRules.targetPort(port, in: pod) else { continue }
                add(EndpointPort(name: port.name, port: number, protocol: port.protocol), address, ready: pod.isReady)
            }
        }
        // Ports offered by the same addresses share a subset.
        var subsets: [EndpointSubset] = []
        var keys: [String] = []
        for entry in byPort {
            let sorted = entry.addresses.sorted { a, b in
                a.0.ip != b.0.ip ? Array(a.0.ip.utf8).lexicographicallyPrecedes(Array(b.0.ip.utf8)) : (a.0.targetRef?.uid ?? "") < (b.0.targetRef?.uid ?? "")
            }
            let key = sorted.map { "\($0.0.ip)/\($0.0.targetRef?.uid ?? "")/\($0.1)" }.joined(separator: ",")
            if let i = keys.firstIndex(of: key) {
                if let port = entry.port { subsets[i].ports.append(port) }
            } else {
                keys.append(key)
                subsets.append(EndpointSubset(addresses: sorted.filter(\.1).map(\.0), notReadyAddresses: sorted.filter { !$0.1 }.map(\.0),
                                              ports: entry.port.map { [$0] } ?? []))
            }
        }
        return subsets
    }
}
