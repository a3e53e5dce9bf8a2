/// The API server's own endpoint reconciler (pkg/controlplane/reconcilers): the `kubernetes`
/// service selects no pods, so no controller keeps its Endpoints and EndpointSlice. The API
/// server writes them itself — its advertised address on its secure port, the Endpoints marked
/// not to be mirrored, the slice labelled with the service's name — and at its next pass puts
/// them back as they were when anyone else changed or deleted them.
final class APIServerEndpointReconciler {
    /// The address the API server advertises: minikube's, the address of its first node.
    static let address = "192.168.49.2"
    /// The API server's secure port, the `kubernetes` service's target port.
    static let port = EndpointPort(name: "https", port: 6443, protocol: "TCP")
    /// How often the API server checks them (its endpoint reconciler's interval).
    static let interval = SimDuration.seconds(10)
    /// discovery.LabelSkipMirror: the EndpointSlice mirroring controller leaves these alone.
    static let skipMirrorLabel = "endpointslice.kubernetes.io/skip-mirror"
    static let key = ObjectKey(namespace: "default", name: "kubernetes")

    private let store: Store
    private let lifeline = Lifeline()
    private var passScheduled = false
    /// Its own writes come back through the watch: they need no pass.
    private var writing = false

    deinit { lifeline.end() }

    init(store: Store) {
        self.store = store
        store.watch([.endpoints, .endpointSlice]) { [unowned self] event in
            guard !self.writing, event.object.key == Self.key, !self.passScheduled else { return }
            self.passScheduled = true
            self.lifeline.schedule(on: self.store.clock, after: Self.interval, owner: self) { $0.pass() }
        }
        reconcile()
    }

    private func pass() {
        passScheduled = false
        reconcile()
    }

    /// Creates what is missing and resets what differs (the adapter's Sync: subsets and
    /// labels of the Endpoints, endpoints, ports and labels of the slice).
    func reconcile() {
        writing = true
        defer { writing = false }
        let wanted = Self.endpoints()
        if var current = store.get(Endpoints.self, key: Self.key) {
            if current.subsets != wanted.subsets || current.metadata.labels != wanted.metadata.labels {
                current.subsets = wanted.subsets
                current.metadata.labels = wanted.metadata.labels
                _ = try? store.update(current)
            }
        } else {
            _ = try? store.create(wanted)
        }
        let slice = Self.slice()
        if var current = store.get(EndpointSlice.self, key: Self.key) {
            if current.endpoints != slice.endpoints || current.ports != slice.ports || current.metadata.labels != slice.metadata.labels
                || current.addressType != slice.addressType {
                current.endpoints = slice.endpoints
                current.ports = slice.ports
                current.metadata.labels = slice.metadata.labels
                current.addressType = slice.addressType
                _ = try? store.update(current)
            }
        } else {
            _ = try? store.create(slice)
        }
    }

    static func endpoints() -> Endpoints {
        Endpoints(metadata: ObjectMeta(name: key.name, namespace: key.namespace, labels: [skipMirrorLabel: "true"]),
                  subsets: [EndpointSubset(addresses: [EndpointAddress(ip: address, nodeName: "", targetRef: nil)], ports: [port])])
    }

    static func slice() -> EndpointSlice {
        EndpointSlice(metadata: ObjectMeta(name: key.name, namespace: key.namespace, labels: [EndpointSlice.serviceNameLabel: key.name]),
                      endpoints: [SliceEndpoint(addresses: [address], conditions: EndpointConditions(ready: true, serving: true, terminating: false),
                                                nodeName: "", targetRef: nil)],
                      ports: [port])
    }
}
