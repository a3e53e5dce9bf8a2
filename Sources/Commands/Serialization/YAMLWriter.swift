import Foundation

/// Writes a JSONValue as YAML the way `kubectl -o yaml` does (sigs.k8s.io/yaml): map keys in
/// alphabetical order, lists at the parent's indentation, strings quoted only when needed.
public enum YAMLWriter {
    public static func write(_ value: JSONValue) -> String {
        var out = ""
        emit(value, indent: "", into: &out)
        return out
    }

    private static func emit(_ value: JSONValue, indent: String, into out: inout String) {
        switch value {
        case .object(let pairs):
            for (key, v) in pairs.sorted(by: { $0.0 < $1.0 }) {
                out += indent + scalarKey(key) + ":"
                emitChild(v, indent: indent, into: &out)
            }
        case .array(let items):
            for item in items {
                out += indent + "-"
                switch item {
                case .object(let pairs) where !pairs.isEmpty:
                    var nested = ""
                    emit(item, indent: indent + "  ", into: &nested)
                    out += " " + nested.dropFirst(indent.count + 2)
                case .array(let inner) where !inner.isEmpty:
                    out += "\n"
                    emit(item, indent: indent + "  ", into: &out)
                default:
                    out += " " + scalar(item) + "\n"
                }
            }
        default:
            out += indent + scalar(value) + "\n"
        }
    }

    private static func emitChild(_ v: JSONValue, indent: String, into out: inout String) {
        switch v {
        case .object(let pairs) where !pairs.isEmpty:
            out += "\n"
            emit(v, indent: indent + "  ", into: &out)
        case .array(let items) where !items.isEmpty:
            out += "\n"
            emit(v, indent: indent, into: &out)
        case .string(let text) where literalBlock(text, indent: indent + "  ") != nil:
            out += " " + literalBlock(text, indent: indent + "  ")!
        default:
            out += " " + scalar(v) + "\n"
        }
    }

    /// go-yaml writes a string with line breaks as a literal block: `|` when it ends in one
    /// newline, `|-` with none, `|+` with more; nil when a block could not hold it as is.
    static func literalBlock(_ s: String, indent: String) -> String? {
        guard s.contains("\n"), !s.hasPrefix(" "), !s.hasPrefix("\n"),
              !s.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else { return nil }
        var body = Substring(s)
        var trailing = 0
        while body.hasSuffix("\n") { body = body.dropLast(); trailing += 1 }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard !lines.contains(where: { $0.hasSuffix(" ") }) else { return nil }
        let indicator = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+"
        return indicator + "\n" + lines.map { $0.isEmpty ? "\n" : indent + $0 + "\n" }.joined()
            + String(repeating: "\n", count: max(0, trailing - 1))
    }

    private static func scalarKey(_ key: String) -> String { needsQuotes(key) ? "\"\(key)\"" : key }

    static func scalar(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .number(let text): return text
        case .string(let s):
            return needsQuotes(s) ? "\"\(s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n"))\"" : s
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    /// Strings YAML would read as something else (numbers, booleans, null, empty) or that
    /// contain indicator characters are quoted.
    static func needsQuotes(_ s: String) -> Bool {
        if s.isEmpty { return true }
        let lower = s.lowercased()
        if ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"].contains(lower) { return true }
        if Double(s) != nil || Int(s) != nil { return true }
        if let first = s.first, "-?:,[]{}#&*!|>'\"%@` ".contains(first) { return true }
        if s.contains(": ") || s.contains(" #") || s.hasSuffix(":") || s.hasSuffix(" ") { return true }
        if s.contains("\n") || s.contains("\t") { return true }
        // go-yaml quotes what it would read back as a timestamp.
        if s.range(of: #"^\d{4}-\d{2}-\d{2}"#, options: .regularExpression) != nil { return true }
        return false
    }
}

