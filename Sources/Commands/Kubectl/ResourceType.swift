import Cluster

/// The resource types kubectl accepts on the command line, with their short names
/// (`po`, `deploy`, `rs`, `ds`, `no`, `ev`) and group-qualified forms (`deployments.apps`).
public enum ResourceType: String, CaseIterable, Sendable {
    case pods, deployments, replicasets, daemonsets, nodes, events, namespaces, poddisruptionbudgets, services, endpointslices, endpoints

    public var kind: Kind {
        switch self {
        case .pods: .pod
        case .deployments: .deployment
        case .replicasets: .replicaSet
        case .daemonsets: .daemonSet
        case .nodes: .node
        case .events: .event
        case .namespaces: .namespace
        case .poddisruptionbudgets: .podDisruptionBudget
        case .services: .service
        case .endpointslices: .endpointSlice
        case .endpoints: .endpoints
        }
    }

    public var aliases: [String] {
        switch self {
        case .pods: ["pods", "pod", "po"]
        case .deployments: ["deployments", "deployment", "deploy", "deployments.apps", "deployment.apps"]
        case .replicasets: ["replicasets", "replicaset", "rs", "replicasets.apps", "replicaset.apps"]
        case .daemonsets: ["daemonsets", "daemonset", "ds", "daemonsets.apps", "daemonset.apps"]
        case .nodes: ["nodes", "node", "no"]
        case .events: ["events", "event", "ev"]
        case .namespaces: ["namespaces", "namespace", "ns"]
        case .poddisruptionbudgets: ["poddisruptionbudgets", "poddisruptionbudget", "pdb", "poddisruptionbudgets.policy", "poddisruptionbudget.policy"]
        case .services: ["services", "service", "svc"]
        case .endpointslices: ["endpointslices", "endpointslice", "endpointslices.discovery.k8s.io", "endpointslice.discovery.k8s.io"]
        case .endpoints: ["endpoints", "ep"]
        }
    }

    /// The type kubectl prints `kind` as.
    public init?(kind: Kind) {
        guard let type = Self.allCases.first(where: { $0.kind == kind }) else { return nil }
        self = type
    }

    public static func named(_ word: String) -> ResourceType? {
        let lower = word.lowercased()
        return allCases.first { $0.aliases.contains(lower) }
    }

    /// kubectl's error for a word that names no resource type.
    public static func unknown(_ word: String) -> KubectlError {
        KubectlError("error: the server doesn't have a resource type \(word.goQuoted)")
    }

    /// Resolves `word`, or throws kubectl's error.
    public static func resolve(_ word: String) throws -> ResourceType {
        guard let type = named(word) else { throw unknown(word) }
        return type
    }
}

/// One object named on the command line: `TYPE NAME` or `TYPE/NAME`.
public struct ObjectRef: Equatable, Sendable {
    public var type: ResourceType
    public var name: String
    /// The object's namespace ("" for cluster-scoped types).
    public var namespace: String

    public init(type: ResourceType, name: String, namespace: String) {
        self.type = type
        self.name = name
        self.namespace = type.kind.isNamespaced ? namespace : ""
    }
}

enum ArgumentResolver {
    /// Reads `TYPE NAME...` or `TYPE/NAME...` positional arguments. Returns the type (if one was
    /// given as a separate word) and the named objects.
    static func resolve(_ args: [String], namespace: String) throws -> (type: ResourceType?, refs: [ObjectRef]) {
        guard let first = args.first else { return (nil, []) }
        if first.contains("/") {
            var refs: [ObjectRef] = []
            for arg in args {
                let parts = arg.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[1].isEmpty else {
                    throw KubectlError("error: arguments in resource/name form must have a single resource and name")
                }
                refs.append(ObjectRef(type: try ResourceType.resolve(parts[0]), name: parts[1], namespace: namespace))
            }
            return (nil, refs)
        }
        let type = try ResourceType.resolve(first)
        let names = Array(args.dropFirst())
        if let slashed = names.first(where: { $0.contains("/") }) {
            _ = slashed
            throw KubectlError("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")
        }
        return (type, names.map { ObjectRef(type: type, name: $0, namespace: namespace) })
    }

    /// The objects a command acts on: those named (`TYPE NAME…`, `TYPE/NAME…`), or every object of
    /// TYPE matching `-l SELECTOR` and `--field-selector` (for the commands that take it), or all
    /// of them with `--all`, in the namespace (or every namespace with `-A`), in namespace and
    /// name order.
    static func targets(_ positional: [String], flags: FlagParser.Result, cluster: Cluster) throws -> [ObjectRef] {
        let (type, refs) = try resolve(positional, namespace: flags.namespace)
        let selects = flags.has("selector") || flags.has("field-selector")
        guard let type, refs.isEmpty else {
            if selects { throw KubectlError("error: name cannot be provided when a selector is specified") }
            return refs
        }
        guard selects || flags.bool("all") else {
            throw KubectlError("error: resource(s) were provided, but no name was specified")
        }
        let selector = try ListSelector.parse(flags.string("selector"), kind: type.kind)
        let fields = try FieldSelector.parse(flags.string("field-selector"), kind: type.kind, labelSelector: flags.string("selector"))
        return cluster.store.objects(kind: type.kind, selector: selector, namespace: flags.allNamespaces ? nil : flags.namespace)
            .filter(fields.matches)
            .map { ObjectRef(type: type, name: $0.name, namespace: $0.metadata.namespace) }
    }
}
