import Cluster

/// Writes one object's metadata through the store, whatever its kind (label, annotate).
enum MetadataUpdate {
    static func modify(_ ref: ObjectRef, store: Store, _ change: @escaping (inout ObjectMeta) -> Void) throws {
        switch ref.type {
        case .pods: try store.modify(Pod.self, ref.name, namespace: ref.namespace) { change(&$0.metadata) }
        case .deployments: try store.modify(Deployment.self, ref.name, namespace: ref.namespace) { change(&$0.metadata) }
        case .replicasets: try store.modify(ReplicaSet.self, ref.name, namespace: ref.namespace) { change(&$0.metadata) }
        case .daemonsets: try store.modify(DaemonSet.self, ref.name, namespace: ref.namespace) { change(&$0.metadata) }
        case .poddisruptionbudgets: try store.modify(PodDisruptionBudget.self, ref.name, namespace: ref.namespace) { change(&$0.metadata) }
        case .services: try store.modify(Service.self, ref.name, namespace: ref.namespace) { change(&$0.metadata) }
        case .endpointslices: try store.modify(EndpointSlice.self, ref.name, namespace: ref.namespace) { change(&$0.metadata) }
        case .endpoints: try store.modify(Endpoints.self, ref.name, namespace: ref.namespace) { change(&$0.metadata) }
        case .nodes: try store.modify(Node.self, ref.name) { change(&$0.metadata) }
        case .events: try store.modify(Event.self, ref.name, namespace: ref.namespace) { change(&$0.metadata) }
        case .namespaces: try store.modify(Namespace.self, ref.name) { change(&$0.metadata) }
        }
    }
}
