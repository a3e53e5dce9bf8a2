/// A core/v1 Namespace: a cluster-scoped object that the namespaced objects live in. Deleting
/// one marks it Terminating; the namespace controller empties it, then it goes.
public struct Namespace: ClusterScopedObject, Equatable {
    public static let kind = Kind.namespace
    public static let active = "Active"
    public static let terminating = "Terminating"
    /// The finalizer the API server puts on every namespace; the namespace controller removes it
    /// once the namespace is empty.
    public static let kubernetesFinalizer = "kubernetes"
    /// The namespaces a cluster starts with (kubeadm's control plane creates them).
    public static let builtIn = ["default", "kube-node-lease", "kube-public", "kube-system"]
    /// The namespaces the NamespaceLifecycle admission plugin refuses to delete.
    public static let immortal: Set<String> = ["default", "kube-public", "kube-system"]

    public var metadata: ObjectMeta
    public var finalizers: [String] = [Namespace.kubernetesFinalizer]
    public var phase: String = Namespace.active
    /// What the namespace controller reports while it empties the namespace.
    public var conditions: [NamespaceCondition] = []

    public init(name: String, labels: [String: String] = [:]) {
        var meta = ObjectMeta(name: name, namespace: "", labels: labels)
        // The NamespaceDefaultLabelName feature (on since 1.22) labels every namespace with its name.
        meta.labels["kubernetes.io/metadata.name"] = name
        metadata = meta
    }

    public var isActive: Bool { phase == Namespace.active }
}

/// A NamespaceCondition, as the namespace controller's deleter maintains them.
public struct NamespaceCondition: Equatable, Sendable {
    public var type: String
    public var status: String
    public var reason: String
    public var message: String
    public var lastTransitionTime: SimTime
}
