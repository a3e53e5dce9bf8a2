/// A jsonpath filter, `[?(@.type=="InternalIP")]` or `[?(@.ready)]`: keeps the array items for
/// which the comparison holds (client-go's evalFilter: ==, !=, <, <=, >, >=, or existence).
struct JSONPathFilter: Equatable {
    enum Operator: String, CaseIterable { case equal = "==", notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">" }

    let left: [JSONPath.Step]
    let comparison: (op: Operator, right: JSONValue)?

    static func == (a: JSONPathFilter, b: JSONPathFilter) -> Bool {
        a.left == b.left && a.comparison?.op == b.comparison?.op && a.comparison?.right == b.comparison?.right
    }

    init(_ expression: String) throws {
        let text = expression.trimmingSpaces()
        // The operator outside quotes; two-character ones are tried before their prefixes.
        var split: (String, Operator, String)?
        var quote: Character? = nil
        var i = text.startIndex
        scan: while i < text.endIndex {
            let c = text[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else {
                for op in Operator.allCases where text[i...].hasPrefix(op.rawValue) {
                    split = (String(text[..<i]), op, String(text[text.index(i, offsetBy: op.rawValue.count)...]))
                    break scan
                }
            }
            i = text.index(after: i)
        }
        if let (lhs, op, rhs) = split {
            left = try JSONPath.parsePath(lhs.trimmingSpaces())
            comparison = (op, try Self.literal(rhs.trimmingSpaces()))
        } else {
            left = try JSONPath.parsePath(text)
            comparison = nil
        }
    }

    /// A quoted string, an integer (every number kubesim's objects carry is one), true, false or null.
    private static func literal(_ text: String) throws -> JSONValue {
        if text.count >= 2, let q = text.first, q == "'" || q == "\"", text.last == q { return .string(String(text.dropFirst().dropLast())) }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if text == "null" { return .null }
        if let n = Int64(text) { return .int(n) }
        throw JSONPath.ParseError(description: "unrecognized filter value \(text)")
    }

    func matches(_ item: JSONValue) throws -> Bool {
        let values = try JSONPath.evaluate(left, item)
        guard let (op, right) = comparison else { return !values.isEmpty }
        guard let value = values.first else { return false }
        switch (value, right) {
        case let (.int(a), .int(b)): return Self.compare(a, b, op)
        case let (.string(a), .string(b)): return Self.compare(a, b, op)
        default:
            switch op {
            case .equal: return value == right
            case .notEqual: return value != right
            default: return false
            }
        }
    }

    private static func compare<T: Comparable>(_ a: T, _ b: T, _ op: Operator) -> Bool {
        switch op {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        }
    }
}
