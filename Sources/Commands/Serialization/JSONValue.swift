/// A JSON document whose objects keep their key order, so objects print in Kubernetes' field
/// order (apiVersion, kind, metadata, spec, status).
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A number that is not an int64 (`0.5`, `1e3`), kept as its JSON text so nothing is rounded.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.int(x), .int(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    /// A string map as an object with sorted keys (how Go's encoder writes maps).
    public static func map(_ m: [String: String]) -> JSONValue {
        .object(m.keys.sorted().map { ($0, .string(m[$0]!)) })
    }

    // MARK: JSON text

    /// Object keys in alphabetical order: kubectl prints objects decoded into Go maps.
    var sortedPairs: [(String, JSONValue)] {
        if case .object(let pairs) = self { return pairs.sorted { $0.0 < $1.0 } }
        return []
    }

    /// Indented JSON as `kubectl -o json` prints it (4 spaces, keys sorted).
    public func prettyJSON(indent: String = "") -> String {
        let inner = indent + "    "
        switch self {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + $0.prettyJSON(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let pairs) where !pairs.isEmpty:
            return "{\n" + sortedPairs.map { "\(inner)\(JSONValue.quote($0.0)): \($0.1.prettyJSON(indent: inner))" }.joined(separator: ",\n") + "\n\(indent)}"
        default:
            return compactJSON()
        }
    }

    /// Compact JSON, as jsonpath prints maps and lists: `{"app":"x"}`.
    public func compactJSON() -> String {
        String(decoding: compactJSONBytes(), as: UTF8.self)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
