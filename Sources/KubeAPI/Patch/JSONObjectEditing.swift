import Commands

/// Editing a JSON object's ordered pairs in place: a replaced key keeps its position and a new
/// key goes last, so patched objects keep the live object's field order.
extension Array where Element == (String, JSONValue) {
    func value(_ key: String) -> JSONValue? { first { $0.0 == key }?.1 }

    func has(_ key: String) -> Bool { contains { $0.0 == key } }

    mutating func set(_ key: String, _ value: JSONValue) {
        if let i = firstIndex(where: { $0.0 == key }) { self[i].1 = value } else { append((key, value)) }
    }

    mutating func remove(_ key: String) { removeAll { $0.0 == key } }
}

extension JSONValue {
    var objectPairs: [(String, JSONValue)]? { if case .object(let pairs) = self { pairs } else { nil } }
    var arrayItems: [JSONValue]? { if case .array(let items) = self { items } else { nil } }
    var isNull: Bool { if case .null = self { true } else { false } }

    /// Go's `%v` of a decoded JSON value, which the API server quotes in strategic-merge errors
    /// (`map[name:x]`, `[a b]`).
    var goDescription: String {
        switch self {
        case .null: "<nil>"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .number(let text): text
        case .string(let s): s
        case .array(let items): "[" + items.map(\.goDescription).joined(separator: " ") + "]"
        case .object(let pairs): "map[" + pairs.sorted { $0.0 < $1.0 }.map { "\($0.0):\($0.1.goDescription)" }.joined(separator: " ") + "]"
        }
    }
}
