import Cluster

/// One resource the API serves, with what discovery says about it.
public struct ServedResource: Sendable {
    public struct Subresource: Sendable {
        public var name: String            // "scale", "status", "eviction"
        public var kind: String            // the kind its body has ("Scale", "Eviction")
        public var group: String?          // when its body is of another group (Eviction: policy)
        public var version: String?
        public var verbs: [String]
    }

    public var group: String               // "" for the core group
    public var version: String
    public var resource: String            // plural: "pods"
    public var singular: String
    public var kind: String
    public var namespaced: Bool
    public var verbs: [String]
    public var shortNames: [String]
    public var categories: [String]
    public var subresources: [Subresource]
    /// The stored kind behind this resource; nil for resources with no storage (reviews, CRDs).
    public var storedKind: Kind?
    /// What the API server warns with every request for this resource (a `Warning` header).
    public var deprecationWarning: String? = nil

    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// `deployments.apps`, `pods`: how errors name the resource.
    public var qualifiedResource: String { group.isEmpty ? resource : "\(resource).\(group)" }
}

/// Every resource kubesim serves, grouped as discovery lists them.
public enum ServedResources {
    static let readWrite = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
    static let statusVerbs = ["get", "patch", "update"]
    static let readOnly = ["get", "list", "watch"]
    /// Kept by controllers, which put them back at once (or the API server, at its next pass):
    /// clients read and delete them, as they may on a real cluster, but do not write them.
    static let readDelete = ["delete", "deletecollection", "get", "list", "watch"]

    public static let all: [ServedResource] = [
        ServedResource(group: "", version: "v1", resource: "namespaces", singular: "namespace", kind: "Namespace",
                       namespaced: false, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
                       shortNames: ["ns"], categories: [],
                       subresources: [.init(name: "status", kind: "Namespace", verbs: statusVerbs)], storedKind: .namespace),
        ServedResource(group: "", version: "v1", resource: "nodes", singular: "node", kind: "Node",
                       namespaced: false, verbs: readWrite, shortNames: ["no"], categories: [],
                       subresources: [.init(name: "status", kind: "Node", verbs: statusVerbs)], storedKind: .node),
        ServedResource(group: "", version: "v1", resource: "pods", singular: "pod", kind: "Pod",
                       namespaced: true, verbs: readWrite, shortNames: ["po"], categories: ["all"],
                       subresources: [
                           .init(name: "binding", kind: "Binding", verbs: ["create"]),
                           .init(name: "eviction", kind: "Eviction", group: "policy", version: "v1", verbs: ["create"]),
                           .init(name: "log", kind: "Pod", verbs: ["get"]),
                           .init(name: "status", kind: "Pod", verbs: statusVerbs),
                       ], storedKind: .pod),
        ServedResource(group: "", version: "v1", resource: "events", singular: "event", kind: "Event",
                       namespaced: true, verbs: readWrite, shortNames: ["ev"], categories: [],
                       subresources: [], storedKind: .event),
        ServedResource(group: "apps", version: "v1", resource: "daemonsets", singular: "daemonset", kind: "DaemonSet",
                       namespaced: true, verbs: readWrite, shortNames: ["ds"], categories: ["all"],
                       subresources: [.init(name: "status", kind: "DaemonSet", verbs: statusVerbs)], storedKind: .daemonSet),
        ServedResource(group: "apps", version: "v1", resource: "deployments", singular: "deployment", kind: "Deployment",
                       namespaced: true, verbs: readWrite, shortNames: ["deploy"], categories: ["all"],
                       subresources: [
                           .init(name: "scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: statusVerbs),
                           .init(name: "status", kind: "Deployment", verbs: statusVerbs),
                       ], storedKind: .deployment),
        ServedResource(group: "apps", version: "v1", resource: "replicasets", singular: "replicaset", kind: "ReplicaSet",
                       namespaced: true, verbs: readWrite, shortNames: ["rs"], categories: ["all"],
                       subresources: [
                           .init(name: "scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: statusVerbs),
                           .init(name: "status", kind: "ReplicaSet", verbs: statusVerbs),
                       ], storedKind: .replicaSet),
        // `kubectl auth whoami`: who the API server took the caller for.
        ServedResource(group: "authentication.k8s.io", version: "v1", resource: "selfsubjectreviews",
                       singular: "selfsubjectreview", kind: "SelfSubjectReview", namespaced: false,
                       verbs: ["create"], shortNames: [], categories: [], subresources: [], storedKind: nil),
        ServedResource(group: "authorization.k8s.io", version: "v1", resource: "selfsubjectaccessreviews",
                       singular: "selfsubjectaccessreview", kind: "SelfSubjectAccessReview", namespaced: false,
                       verbs: ["create"], shortNames: [], categories: [], subresources: [], storedKind: nil),
        ServedResource(group: "authorization.k8s.io", version: "v1", resource: "selfsubjectrulesreviews",
                       singular: "selfsubjectrulesreview", kind: "SelfSubjectRulesReview", namespaced: false,
                       verbs: ["create"], shortNames: [], categories: [], subresources: [], storedKind: nil),
        ServedResource(group: "policy", version: "v1", resource: "poddisruptionbudgets", singular: "poddisruptionbudget",
                       kind: "PodDisruptionBudget", namespaced: true, verbs: readWrite, shortNames: ["pdb"], categories: [],
                       subresources: [.init(name: "status", kind: "PodDisruptionBudget", verbs: statusVerbs)], storedKind: .podDisruptionBudget),
        // No deletecollection: the API server does not offer it for services.
        ServedResource(group: "", version: "v1", resource: "services", singular: "service", kind: "Service",
                       namespaced: true, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"], shortNames: ["svc"], categories: ["all"],
                       subresources: [], storedKind: .service),
        // kubesim runs no ReplicationController controller and keeps none: served read-only and
        // always empty, so clients that read every workload kind (`kubectl cluster-info dump`,
        // `get all`) find none instead of failing on a 404.
        ServedResource(group: "", version: "v1", resource: "replicationcontrollers", singular: "replicationcontroller",
                       kind: "ReplicationController", namespaced: true, verbs: readOnly, shortNames: ["rc"], categories: ["all"],
                       subresources: [], storedKind: nil),
        // Written by the endpoints controllers only: read and deleted over the API.
        ServedResource(group: "", version: "v1", resource: "endpoints", singular: "endpoints", kind: "Endpoints",
                       namespaced: true, verbs: readDelete, shortNames: ["ep"], categories: [],
                       subresources: [], storedKind: .endpoints, deprecationWarning: Endpoints.deprecationWarning),
        ServedResource(group: "discovery.k8s.io", version: "v1", resource: "endpointslices", singular: "endpointslice",
                       kind: "EndpointSlice", namespaced: true, verbs: readDelete, shortNames: [], categories: [],
                       subresources: [], storedKind: .endpointSlice),
        ServedResource(group: "coordination.k8s.io", version: "v1", resource: "leases", singular: "lease", kind: "Lease",
                       namespaced: true, verbs: readWrite, shortNames: [], categories: [],
                       subresources: [], storedKind: .lease),
        ServedResource(group: "events.k8s.io", version: "v1", resource: "events", singular: "event", kind: "Event",
                       namespaced: true, verbs: readWrite, shortNames: ["ev"], categories: [],
                       subresources: [], storedKind: .event),
        // kubesim serves no custom resources: the definitions list empty (tools that read them
        // at start, as k9s does, find none) and writes are refused, never answered as done.
        ServedResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions",
                       singular: "customresourcedefinition", kind: "CustomResourceDefinition", namespaced: false,
                       verbs: readOnly, shortNames: ["crd", "crds"], categories: ["api-extensions"],
                       subresources: [], storedKind: nil),
    ]

    /// API groups in the order `/apis` lists them (the core group is served at `/api`).
    public static var groups: [String] {
        var seen: [String] = []
        for r in all where !r.group.isEmpty && !seen.contains(r.group) { seen.append(r.group) }
        return seen
    }

    /// The resources of one group/version (`""`,`v1` for the core group).
    public static func resources(group: String, version: String) -> [ServedResource] {
        all.filter { $0.group == group && $0.version == version }
    }

    public static func find(group: String, version: String, resource: String) -> ServedResource? {
        all.first { $0.group == group && $0.version == version && $0.resource == resource }
    }

    /// The resource a stored kind is served as in its own group (events: core/v1).
    public static func resource(for kind: Kind) -> ServedResource? {
        all.first { $0.storedKind == kind && $0.group == kind.group }
    }
}
