import Commands

/// Turns `ObjectSchema`s into an OpenAPI 3.0 `components.schemas` section, one entry per
/// named type reached, as upstream's documents name and shape them: a field of an object type is
/// `allOf: [$ref]` beside its description; lists and maps carry their merge extensions.
struct OpenAPISchemaWriter {
    struct GroupVersionKind: Equatable {
        var group: String
        var version: String
        var kind: String

        var json: JSONValue { .object([("group", .string(group)), ("kind", .string(kind)), ("version", .string(version))]) }
    }

    private(set) var schemas: [String: JSONValue] = [:]
    private var kinds: [String: [GroupVersionKind]] = [:]

    static func reference(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/\(name)"))]) }

    /// Adds `schema` and every type it reaches; a top-level kind also gets its
    /// `x-kubernetes-group-version-kind`.
    mutating func add(_ schema: ObjectSchema, kind: GroupVersionKind? = nil) {
        if let kind, !(kinds[schema.name] ?? []).contains(kind) { kinds[schema.name, default: []].append(kind) }
        guard schemas[schema.name] == nil else { return }
        schemas[schema.name] = .null   // reserved: a type reached again while being written is not written twice
        var pairs: [(String, JSONValue)] = [("description", .string(schema.description)), ("type", .string("object"))]
        if schema.isOpen {
            pairs.append(("x-kubernetes-preserve-unknown-fields", .bool(true)))
        } else {
            pairs.append(("properties", .object(schema.fields.map { ($0.name, property($0)) })))
        }
        if !schema.required.isEmpty { pairs.append(("required", .array(schema.required.map { .string($0) }))) }
        if let mapType = schema.mapType { pairs.append(("x-kubernetes-map-type", .string(mapType))) }
        schemas[schema.name] = .object(pairs)
    }

    /// The `components.schemas` object, kinds marked with their group/version/kind.
    var components: JSONValue {
        .object(schemas.sorted { $0.key < $1.key }.map { name, value in
            guard let gvks = kinds[name], case .object(var pairs) = value else { return (name, value) }
            pairs.append(("x-kubernetes-group-version-kind", .array(gvks.map(\.json))))
            return (name, .object(pairs))
        })
    }

    private mutating func property(_ field: Field) -> JSONValue {
        var pairs = typePairs(field.type, asItem: false)
        pairs.append(("description", .string(field.description)))
        if let list = field.list {
            pairs.append(("x-kubernetes-list-type", .string(list.listType)))
            if list.listType == "map" { pairs.append(("x-kubernetes-list-map-keys", .array(list.mapKeys.map { .string($0) }))) }
            if let key = list.patchMergeKey { pairs.append(("x-kubernetes-patch-merge-key", .string(key))) }
            if let strategy = list.patchStrategy { pairs.append(("x-kubernetes-patch-strategy", .string(strategy))) }
        }
        if let mapType = field.mapType { pairs.append(("x-kubernetes-map-type", .string(mapType))) }
        return .object(pairs)
    }

    /// The schema of a value of `type`. A reference stands alone as an array item or map value,
    /// and is wrapped in `allOf` where a description sits beside it.
    private mutating func typePairs(_ type: FieldType, asItem: Bool) -> [(String, JSONValue)] {
        func ref(_ name: String) -> [(String, JSONValue)] {
            asItem ? [("$ref", .string("#/components/schemas/\(name)"))] : [("allOf", .array([Self.reference(name)]))]
        }
        switch type {
        case .string: return [("type", .string("string"))]
        case .integer: return [("format", .string("int64")), ("type", .string("integer"))]
        case .boolean: return [("type", .string("boolean"))]
        case .time(let micro):
            let name = micro ? SharedTypes.microTime : SharedTypes.time
            schemas[name] = SharedTypes.schema(name)
            return ref(name)
        case .intOrString:
            schemas[SharedTypes.intOrString] = SharedTypes.schema(SharedTypes.intOrString)
            return ref(SharedTypes.intOrString)
        case .quantity:
            schemas[SharedTypes.quantity] = SharedTypes.schema(SharedTypes.quantity)
            return ref(SharedTypes.quantity)
        case .map(let value):
            return [("additionalProperties", .object(typePairs(value, asItem: true))), ("type", .string("object"))]
        case .array(let item):
            return [("items", .object(typePairs(item, asItem: true))), ("type", .string("array"))]
        case .object(let schema):
            add(schema)
            return ref(schema.name)
        }
    }
}

/// The scalar types every document shares: timestamps, quantities, int-or-string.
enum SharedTypes {
    static let time = "io.k8s.apimachinery.pkg.apis.meta.v1.Time"
    static let microTime = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"
    static let quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity"
    static let intOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"

    static func schema(_ name: String) -> JSONValue {
        switch name {
        case time:
            .object([("description", .string("A time in RFC 3339 form, to the second, in UTC (2024-05-01T12:00:00Z).")),
                     ("format", .string("date-time")), ("type", .string("string"))])
        case microTime:
            .object([("description", .string("A time in RFC 3339 form with microseconds (2024-05-01T12:00:00.000000Z).")),
                     ("format", .string("date-time")), ("type", .string("string"))])
        case quantity:
            // No `type`: kubectl explain then names the type (Quantity), as for upstream.
            .object([("description", .string("An amount of a resource: a number with an optional suffix, decimal (m, k, M, G) or binary (Ki, Mi, Gi). 500m is half a CPU; 128Mi is 128 MiB.")),
                     ("oneOf", .array([.object([("type", .string("string"))]), .object([("type", .string("number"))])]))])
        default:
            .object([("description", .string("An integer or a string (often a percentage such as \"25%\").")),
                     ("format", .string("int-or-string")),
                     ("oneOf", .array([.object([("type", .string("integer"))]), .object([("type", .string("string"))])])),
                     ("x-kubernetes-int-or-string", .bool(true))])
        }
    }
}
