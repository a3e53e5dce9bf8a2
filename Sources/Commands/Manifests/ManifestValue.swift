import Yams

/// One manifest document as a plain tree: what kubectl works on after converting YAML to JSON.
/// Scalars keep the type YAML 1.1 resolves them to (as go-yaml does), so `replicas: "3"` is a
/// string and `replicas: 3` an integer; numbers keep their text, for quantities such as `0.5`.
indirect enum ManifestValue {
    case null
    case bool(Bool)
    case int(Int64)
    case number(String)
    case string(String)
    case array([ManifestValue])
    case object([(String, ManifestValue)])

    /// Throws for a mapping or list used as a key, which go-yaml refuses (a Go map cannot hold one).
    init(_ node: Yams.Node) throws(InvalidMapKey) {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: self = .null
            case .bool: self = node.bool.map(ManifestValue.bool) ?? .string(scalar.string)
            case .int: self = node.int.map { .int(Int64($0)) } ?? .number(scalar.string)
            case .float: self = .number(scalar.string)
            default: self = .string(scalar.string)
            }
        case .mapping(let mapping):
            var pairs: [(String, ManifestValue)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard let name = key.string else { throw InvalidMapKey(key: key) }
                pairs.append((name, try ManifestValue(value)))
            }
            self = .object(pairs)
        case .sequence(let sequence):
            var items: [ManifestValue] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try ManifestValue(item)) }
            self = .array(items)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one reads as nothing.
            self = .null
        }
    }

    /// The type name kubectl's schema validation prints (`got "string", expected "integer"`).
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "map"
        }
    }

    /// The value of `key` in an object; nil when absent or null (Kubernetes treats both alike).
    subscript(key: String) -> ManifestValue? {
        guard case .object(let pairs) = self, let value = pairs.last(where: { $0.0 == key })?.1 else { return nil }
        if case .null = value { return nil }
        return value
    }

    var isNull: Bool { if case .null = self { true } else { false } }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int? { if case .int(let i) = self { Int(exactly: i) } else { nil } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    var array: [ManifestValue] { if case .array(let items) = self { items } else { [] } }
    var pairs: [(String, ManifestValue)] { if case .object(let pairs) = self { pairs } else { [] } }

    /// A scalar as written: quantities and int-or-percent values may be numbers or strings.
    var scalarText: String? {
        switch self {
        case .string(let s), .number(let s): s
        case .int(let i): String(i)
        default: nil
        }
    }

    /// A map of strings (labels, annotations, nodeSelector).
    var stringMap: [String: String] {
        var map: [String: String] = [:]
        for (key, value) in pairs { if let s = value.string { map[key] = s } }
        return map
    }

    /// As JSON, for kubectl messages that quote the object (`Object 'Kind' is missing in '{…}'`).
    var json: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .number(let s), .string(let s): .string(s)
        case .array(let items): .array(items.map(\.json))
        case .object(let pairs): .object(pairs.map { ($0.0, $0.1.json) })
        }
    }
}

/// go-yaml's refusal of a mapping or a list as a mapping's key, in its words (`invalid map key:
/// map[interface {}]interface {}{"name":"web"}`, the key as Go's %#v prints it).
struct InvalidMapKey: Error, CustomStringConvertible {
    let key: Yams.Node

    var description: String {
        let shown = Self.goSyntax(key)
        return "invalid map key: " + (shown.count > 200 ? shown.prefix(200) + "…" : shown)
    }

    private static func goSyntax(_ node: Yams.Node) -> String {
        switch node {
        case .scalar(let scalar): "\"" + scalar.string + "\""
        case .mapping(let mapping):
            "map[interface {}]interface {}{" + mapping.map { goSyntax($0.key) + ":" + goSyntax($0.value) }.joined(separator: ", ") + "}"
        case .sequence(let sequence): "[]interface {}{" + sequence.map(goSyntax).joined(separator: ", ") + "}"
        case .alias: "interface {}(nil)"
        }
    }
}
