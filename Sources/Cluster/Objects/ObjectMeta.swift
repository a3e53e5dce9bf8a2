/// The kinds of object the simulated API server stores.
public enum Kind: String, CaseIterable, Sendable, Hashable {
    case node = "Node"
    case pod = "Pod"
    case replicaSet = "ReplicaSet"
    case deployment = "Deployment"
    case event = "Event"
    case lease = "Lease"
    case daemonSet = "DaemonSet"
    case namespace = "Namespace"
    case podDisruptionBudget = "PodDisruptionBudget"
    case service = "Service"
    case endpointSlice = "EndpointSlice"
    case endpoints = "Endpoints"

    /// The plural resource name (`pods`), as in URLs and kubectl errors.
    public var resource: String {
        switch self {
        case .node: "nodes"
        case .pod: "pods"
        case .replicaSet: "replicasets"
        case .deployment: "deployments"
        case .event: "events"
        case .lease: "leases"
        case .daemonSet: "daemonsets"
        case .namespace: "namespaces"
        case .podDisruptionBudget: "poddisruptionbudgets"
        case .service: "services"
        case .endpointSlice: "endpointslices"
        case .endpoints: "endpoints"
        }
    }

    public var group: String {
        switch self {
        case .replicaSet, .deployment, .daemonSet: "apps"
        case .lease: "coordination.k8s.io"
        case .podDisruptionBudget: "policy"
        case .endpointSlice: "discovery.k8s.io"
        default: ""
        }
    }

    public var apiVersion: String {
        switch self {
        case .replicaSet, .deployment, .daemonSet: "apps/v1"
        case .lease: "coordination.k8s.io/v1"
        case .podDisruptionBudget: "policy/v1"
        case .endpointSlice: "discovery.k8s.io/v1"
        default: "v1"
        }
    }

    /// `deployments.apps`, `pods`: how the API server names a resource in errors.
    public var qualifiedResource: String { group.isEmpty ? resource : "\(resource).\(group)" }

    /// `deployment.apps`, `pod`: how kubectl names an object in messages (`deployment.apps/x created`).
    public var qualifiedSingular: String {
        let singular = rawValue.lowercased()
        return group.isEmpty ? singular : "\(singular).\(group)"
    }

    /// Whether objects of this kind live in a namespace (Nodes and Namespaces are cluster-scoped).
    public var isNamespaced: Bool { self != .node && self != .namespace }
}

public struct OwnerReference: Equatable, Hashable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool
    public var blockOwnerDeletion: Bool

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool = true, blockOwnerDeletion: Bool = true) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// Metadata common to every object, as in Kubernetes' ObjectMeta.
public struct ObjectMeta: Equatable, Sendable {
    public var name: String
    public var generateName: String = ""
    public var namespace: String = "default"
    public var uid: String = ""
    public var resourceVersion: String = ""
    public var generation: Int64 = 0
    public var creationTimestamp: SimTime = .zero
    public var deletionTimestamp: SimTime? = nil
    public var deletionGracePeriodSeconds: Int? = nil
    public var labels: [String: String] = [:]
    public var annotations: [String: String] = [:]
    public var ownerReferences: [OwnerReference] = []

    public init(name: String = "", generateName: String = "", namespace: String = "default",
                labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }

    /// The owner with `controller: true`, if any (metav1.GetControllerOf).
    public var controllerRef: OwnerReference? { ownerReferences.first { $0.controller } }
    /// The controller's uid, read in place (controllerRef copies the whole reference).
    public var controllerUID: String? {
        for ref in ownerReferences where ref.controller { return ref.uid }
        return nil
    }
    /// The controller's name when it is of `kind`, read in place.
    public func controllerName(ofKind kind: String) -> String? {
        for ref in ownerReferences where ref.controller { return ref.kind == kind ? ref.name : nil }
        return nil
    }
}

/// Where the store files an object: its namespace ("" for cluster-scoped kinds) and name, as in
/// the API server's storage key `/registry/pods/NAMESPACE/NAME`. Lists come back in this order.
///
/// The key's hash is computed once: the tables and indexes of 100,000 pods are dictionaries and
/// sets of keys, and when one outgrows its storage every key is hashed again; with the strings
/// hashed each time, that one insertion stalled the simulation for tens of milliseconds.
public struct ObjectKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var namespace: String { didSet { hashCode = Self.hashCode(namespace, name) } }
    public var name: String { didSet { hashCode = Self.hashCode(namespace, name) } }
    private var hashCode: Int

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
        hashCode = Self.hashCode(namespace, name)
    }

    private static func hashCode(_ namespace: String, _ name: String) -> Int {
        var hasher = Hasher()
        hasher.combine(namespace)
        hasher.combine(name)
        return hasher.finalize()
    }

    public static func == (a: ObjectKey, b: ObjectKey) -> Bool {
        a.hashCode == b.hashCode && a.name == b.name && a.namespace == b.namespace
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(hashCode) }

    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        a.namespace != b.namespace ? a.namespace < b.namespace : a.name < b.name
    }

    /// `NAMESPACE/NAME` (or `NAME` for cluster-scoped objects), as events and kubectl print it.
    public var description: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

/// What every stored object has: a kind and metadata (and value equality, which the store uses
/// to skip writes that change nothing).
public protocol APIObject: Sendable, Equatable {
    static var kind: Kind { get }
    var metadata: ObjectMeta { get set }
    /// Makes the object what the API server stores: every metav1.Time at whole seconds. In
    /// place, so a store write that owns its object does not copy it to truncate.
    mutating func truncateToSeconds()
}

/// A kind whose objects belong to no namespace (Node, Namespace): the store reads them by name alone.
public protocol ClusterScopedObject: APIObject {}

extension APIObject {
    public var name: String { metadata.name }
    public var namespace: String { metadata.namespace }
    /// The object's storage key.
    public var key: ObjectKey { ObjectKey(namespace: Self.kind.isNamespaced ? metadata.namespace : "", name: metadata.name) }
    public var isTerminating: Bool { metadata.deletionTimestamp != nil }
}
