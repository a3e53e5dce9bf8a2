import Cluster

/// The pod spec a `kubectl set` command edits (polymorphichelpers.UpdatePodSpecForObject): a
/// Deployment's, ReplicaSet's or DaemonSet's template, or a Pod's own spec.
enum PodSpecEditor {
    /// The spec as it is now; kubectl's error for an object that has none.
    static func spec(of ref: ObjectRef, store: Store) throws -> PodSpec {
        switch ref.type {
        case .deployments: try found(store.get(Deployment.self, ref.name, namespace: ref.namespace), ref).spec.template.spec
        case .replicasets: try found(store.get(ReplicaSet.self, ref.name, namespace: ref.namespace), ref).spec.template.spec
        case .daemonsets: try found(store.get(DaemonSet.self, ref.name, namespace: ref.namespace), ref).spec.template.spec
        case .pods: try found(store.get(Pod.self, ref.name, namespace: ref.namespace), ref).spec
        case .nodes, .events, .namespaces, .poddisruptionbudgets, .services, .endpointslices, .endpoints:
            throw KubectlError("error: \(ref.type.rawValue)/\(ref.name) the object is not a pod or does not have a pod template: *v1.\(ref.type.kind.rawValue)")
        }
    }

    /// Writes `spec` back. A pod takes only image changes (ValidatePodUpdate), as the API server allows.
    static func write(_ spec: PodSpec, to ref: ObjectRef, store: Store) throws {
        switch ref.type {
        case .deployments: try store.modify(Deployment.self, ref.name, namespace: ref.namespace) { $0.spec.template.spec = spec }
        case .replicasets: try store.modify(ReplicaSet.self, ref.name, namespace: ref.namespace) { $0.spec.template.spec = spec }
        case .daemonsets: try store.modify(DaemonSet.self, ref.name, namespace: ref.namespace) { $0.spec.template.spec = spec }
        case .pods:
            guard let pod = store.get(Pod.self, ref.name, namespace: ref.namespace) else { throw APIError.notFound(.pod, ref.name) }
            var imagesOnly = pod.spec
            for i in imagesOnly.containers.indices where i < spec.containers.count { imagesOnly.containers[i].image = spec.containers[i].image }
            guard imagesOnly == spec else { throw APIError.invalid(.pod, ref.name, [ManifestPlanner.podUpdateForbidden]) }
            try store.modify(Pod.self, ref.name, namespace: ref.namespace) { $0.spec = spec }
        case .nodes, .events, .namespaces, .poddisruptionbudgets, .services, .endpointslices, .endpoints:
            _ = try self.spec(of: ref, store: store)
        }
    }

    private static func found<T>(_ object: T?, _ ref: ObjectRef) throws -> T {
        guard let object else { throw APIError.notFound(ref.type.kind, ref.name) }
        return object
    }

    /// selectContainers: names matched by a shell pattern (`*` by default), in spec order.
    static func matching(_ pattern: String, in containers: [Container]) -> [Int] {
        containers.indices.filter { ShellPattern.matches(pattern, containers[$0].name) }
    }
}

/// Go's filepath.Match for container names: `*`, `?` and literal characters.
enum ShellPattern {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern), s = Array(name)
        func match(_ i: Int, _ j: Int) -> Bool {
            if i == p.count { return j == s.count }
            switch p[i] {
            case "*": return (j...s.count).contains { match(i + 1, $0) }
            case "?": return j < s.count && match(i + 1, j + 1)
            default: return j < s.count && p[i] == s[j] && match(i + 1, j + 1)
            }
        }
        return match(0, 0)
    }
}
