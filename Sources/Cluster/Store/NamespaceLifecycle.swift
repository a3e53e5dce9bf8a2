/// The NamespaceLifecycle admission plugin: namespaced objects are created only in a namespace
/// that exists and is not being terminated.
extension Store {
    func admitIntoNamespace<T: APIObject>(_ object: T) throws {
        try admitIntoNamespace(object.metadata.namespace, kind: T.kind, name: object.metadata.name)
    }

    /// Admits an object of `kind` named `name` (read only for the refusal) into `namespace`.
    func admitIntoNamespace(_ namespace: String, kind: Kind, name: @autoclosure () -> String) throws {
        if namespace == lastAdmittingNamespace { return }
        // Read in the box: five events a pod are admitted, and a copy of the namespace each.
        guard let ns = namespaces.box(ObjectKey(namespace: "", name: namespace)) else {
            throw APIError.notFound(.namespace, namespace)
        }
        if !ns.object.isActive {
            // Admission runs before the registry generates a name, so a generateName object has none yet.
            throw APIError.forbidden(kind, name(),
                                     "unable to create new content in namespace \(namespace) because it is being terminated")
        }
        lastAdmittingNamespace = namespace
    }

    /// Every namespaced object in `namespace`, as (kind, key) pairs: what the namespace controller must delete.
    func contents(of namespace: String) -> [(kind: Kind, key: ObjectKey)] {
        var found: [(Kind, ObjectKey)] = []
        func add<T: APIObject>(_ table: ObjectTable<T>) {
            for key in table.names.filter({ $0.namespace == namespace }).sorted() { found.append((T.kind, key)) }
        }
        add(deployments)
        add(replicaSets)
        add(pods)
        add(leases)
        found += eventKeys(in: namespace).map { (.event, $0) }
        add(podDisruptionBudgets)
        add(services)
        add(endpointSlices)
        add(endpoints)
        return found
    }
}
