/// What a field holds, as the OpenAPI document describes it and kubectl's schema validation checks it.
package indirect enum FieldType: Sendable {
    case string, integer, boolean
    /// An RFC 3339 timestamp (`meta/v1.Time`); `micro` adds microseconds (`meta/v1.MicroTime`).
    case time(micro: Bool = false)
    /// `maxSurge: 1` or `maxSurge: "25%"`.
    case intOrString
    /// `cpu: 500m`, `cpu: 0.5`, `memory: 128Mi`.
    case quantity
    case map(FieldType)
    case array(FieldType)
    case object(ObjectSchema)

    /// The name kubectl prints in `expected "…"`.
    var expected: String {
        switch self {
        case .string, .intOrString, .quantity, .time: "string"
        case .integer: "integer"
        case .boolean: "boolean"
        case .map, .object: "map"
        case .array: "array"
        }
    }
}

/// How a list merges in a strategic merge patch and a server-side apply (its OpenAPI extensions).
package struct ListTraits: Sendable {
    /// `x-kubernetes-list-type`: `atomic`, `set` or `map`.
    package var listType: String
    /// `x-kubernetes-list-map-keys` when the list is a map.
    package var mapKeys: [String] = []
    /// `x-kubernetes-patch-merge-key` / `x-kubernetes-patch-strategy`.
    package var patchMergeKey: String? = nil
    package var patchStrategy: String? = nil

    /// Replaced whole by a patch.
    package static let atomic = ListTraits(listType: "atomic")
    /// Items merged by `key` (containers by `name`); `mapKeys` when the identity has more keys.
    package static func keyed(_ key: String, mapKeys: [String]? = nil, strategy: String = "merge") -> ListTraits {
        ListTraits(listType: "map", mapKeys: mapKeys ?? [key], patchMergeKey: key, patchStrategy: strategy)
    }
    /// A set of scalars merged by value (finalizers).
    package static let mergedSet = ListTraits(listType: "set", patchStrategy: "merge")
}

/// One field of an object type: its type, what it means, and what kubesim does with it.
package struct Field: Sendable {
    package enum Use: Sendable {
        /// The simulator reads it from manifests; its type is checked.
        case read
        /// Kubernetes knows the field and a real cluster would use it (or the server sets it); the
        /// simulator accepts any value and does nothing with it.
        case ignored
        /// Kubernetes knows the field, but ignoring it would make the simulation wrong (say,
        /// `affinity` changes where pods go), so a manifest setting it is refused with an honest reason.
        case notSimulated
    }

    package let name: String
    package let type: FieldType
    package let description: String
    package let use: Use
    package let list: ListTraits?
    /// `x-kubernetes-map-type` of a map field (`atomic`: replaced whole).
    package let mapType: String?

    package init(_ name: String, _ type: FieldType, _ description: String, use: Use = .read, list: ListTraits? = nil, mapType: String? = nil) {
        self.name = name
        self.type = type
        self.description = description
        self.use = use
        self.list = list
        self.mapType = mapType
    }
}

/// One OpenAPI object type: its name (`io.k8s.api.apps.v1.DeploymentSpec`), what it is, and its
/// fields. Every field not listed is refused as unknown, as kubectl refuses a typo.
package struct ObjectSchema: Sendable {
    package let name: String
    package let description: String
    /// In declaration order (the document sorts them).
    package let fields: [Field]
    package let required: [String]
    /// Kubesim does not model what is inside: any fields are accepted and kept
    /// (`x-kubernetes-preserve-unknown-fields`).
    package let isOpen: Bool
    /// `x-kubernetes-map-type` of the whole object (a label selector is replaced whole).
    package let mapType: String?
    private let fieldIndex: [String: Int]

    package init(_ name: String, _ description: String, _ fields: [Field], required: [String] = [], mapType: String? = nil) {
        self.name = name
        self.description = description
        self.fields = fields
        self.required = required
        self.isOpen = false
        self.mapType = mapType
        var index: [String: Int] = [:]
        for (i, field) in fields.enumerated() { index[field.name] = i }
        self.fieldIndex = index
    }

    /// A type kubesim keeps but does not look inside (a probe, a security context).
    package static func opaque(_ name: String, _ description: String) -> ObjectSchema {
        ObjectSchema(name: name, description: description)
    }

    private init(name: String, description: String) {
        self.name = name
        self.description = description
        self.fields = []
        self.required = []
        self.isOpen = true
        self.mapType = nil
        self.fieldIndex = [:]
    }

    package func field(_ name: String) -> Field? { fieldIndex[name].map { fields[$0] } }

    /// The short name kubectl shows (`DeploymentSpec`).
    package var shortName: String { String(name.split(separator: ".").last ?? Substring(name)) }
}
