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
    public var uid: String { didSet { uidKey = PrehashedString(uid) } }
    public var controller: Bool
    public var blockOwnerDeletion: Bool
    /// The uid with its hash kept: the scheduler's spreading counts and the ReplicaSet
    /// controller's pod tally look a pod's owner up on every pod write, and hashing a 36-byte
    /// uid each time was ~450 instructions a lookup. Pods of one ReplicaSet share its reference.
    public private(set) var uidKey: PrehashedString

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool = true, blockOwnerDeletion: Bool = true) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        uidKey = PrehashedString(uid)
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// Metadata common to every object, as in Kubernetes' ObjectMeta.
///
/// Its fields live in one box shared between copies, as a pod's spec does: metadata is read
/// through the objects' protocol (a copy each time), passed to validation and compared on every
/// write, and a copy of eight strings and collections retained each of them; now it retains the
/// box. A change makes the box this copy's own first, except the resourceVersion's.
public struct ObjectMeta: Equatable, Sendable {
    struct Fields: Equatable {
        /// Name and namespace as the store files a namespaced object: the key hashes both
        /// strings when made, and an object's key is asked for some forty times on a pod's way
        /// to Running (every write, watcher and timer), while its name is set once.
        var namespacedKey: ObjectKey
        var generateName: String = ""
        var uid: String = ""
        var generation: Int64 = 0
        var creationTimestamp: SimTime = .zero
        var deletionTimestamp: SimTime? = nil
        var deletionGracePeriodSeconds: Int? = nil
        var labels: [String: String] = [:]
        var annotations: [String: String] = [:]
        var ownerReferences: [OwnerReference] = []
    }

    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init(name: String = "", generateName: String = "", namespace: String = "default",
                labels: [String: String] = [:], annotations: [String: String] = [:]) {
        box = Box(Fields(namespacedKey: ObjectKey(namespace: namespace, name: name), generateName: generateName, labels: labels, annotations: annotations))
    }

    /// The box, made this metadata's own before a change (never changed while shared).
    private mutating func uniqueBox() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return box
    }

    public var name: String {
        _read { yield box.fields.namespacedKey.name }
        _modify { yield &uniqueBox().fields.namespacedKey.name }
    }
    public var generateName: String {
        _read { yield box.fields.generateName }
        _modify { yield &uniqueBox().fields.generateName }
    }
    public var namespace: String {
        _read { yield box.fields.namespacedKey.namespace }
        _modify { yield &uniqueBox().fields.namespacedKey.namespace }
    }
    public var uid: String {
        _read { yield box.fields.uid }
        _modify { yield &uniqueBox().fields.uid }
    }
    /// Kept outside the box: every write changes it, and the rest of a pod's metadata then stays
    /// shared between its versions (a short number, stored inline in the string).
    public var resourceVersion = ""
    public var generation: Int64 {
        _read { yield box.fields.generation }
        _modify { yield &uniqueBox().fields.generation }
    }
    public var creationTimestamp: SimTime {
        _read { yield box.fields.creationTimestamp }
        _modify { yield &uniqueBox().fields.creationTimestamp }
    }
    public var deletionTimestamp: SimTime? {
        _read { yield box.fields.deletionTimestamp }
        _modify { yield &uniqueBox().fields.deletionTimestamp }
    }
    public var deletionGracePeriodSeconds: Int? {
        _read { yield box.fields.deletionGracePeriodSeconds }
        _modify { yield &uniqueBox().fields.deletionGracePeriodSeconds }
    }
    public var labels: [String: String] {
        _read { yield box.fields.labels }
        _modify { yield &uniqueBox().fields.labels }
    }
    public var annotations: [String: String] {
        _read { yield box.fields.annotations }
        _modify { yield &uniqueBox().fields.annotations }
    }
    public var ownerReferences: [OwnerReference] {
        _read { yield box.fields.ownerReferences }
        _modify { yield &uniqueBox().fields.ownerReferences }
    }

    /// Whether both hold the very same fields, resourceVersion aside: true between the versions of
    /// an object whose writes left its metadata alone (a status write), answered without
    /// comparing a field. False says nothing: the fields may still be equal.
    public func sharesFields(with other: ObjectMeta) -> Bool { box === other.box }

    /// The key of a namespaced object with this name and namespace, made when they were set.
    var namespacedKey: ObjectKey { box.fields.namespacedKey }

    public static func == (lhs: ObjectMeta, rhs: ObjectMeta) -> Bool {
        lhs.resourceVersion == rhs.resourceVersion && (lhs.box === rhs.box || equalInPlace(&lhs.box.fields, &rhs.box.fields))
    }

    /// The owner with `controller: true`, if any (metav1.GetControllerOf).
    public var controllerRef: OwnerReference? { ownerReferences.first { $0.controller } }
    /// The controller's uid, read in place (controllerRef copies the whole reference).
    public var controllerUID: String? {
        for ref in ownerReferences where ref.controller { return ref.uid }
        return nil
    }
    /// The controller's uid with its hash kept (see `OwnerReference.uidKey`).
    var controllerKey: PrehashedString? {
        for ref in ownerReferences where ref.controller { return ref.uidKey }
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
public struct ObjectKey: PrehashedKey, Comparable, Sendable, CustomStringConvertible {
    public var namespace: String { didSet { prehash = Self.hashCode(namespace, name) } }
    public var name: String { didSet { prehash = Self.hashCode(namespace, name) } }
    public private(set) var prehash: Int

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
        prehash = Self.hashCode(namespace, name)
    }

    private static func hashCode(_ namespace: String, _ name: String) -> Int {
        var hasher = Hasher()
        hasher.combine(namespace)
        hasher.combine(name)
        return hasher.finalize()
    }

    public static func == (a: ObjectKey, b: ObjectKey) -> Bool {
        a.prehash == b.prehash && a.name == b.name && a.namespace == b.namespace
    }

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
    public var key: ObjectKey { Self.kind.isNamespaced ? metadata.namespacedKey : ObjectKey(namespace: "", name: metadata.name) }
    public var isTerminating: Bool { metadata.deletionTimestamp != nil }
}
