import Foundation
import Commands

/// Why an RFC 6902 patch did not apply, in evanphx/json-patch's words (which the API server
/// reads patches with, but does not quote back: it answers every such failure with one 422).
struct JSONPatchError: Error, Equatable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// RFC 6902 JSON patch with the quirks of evanphx/json-patch v4 as the API server runs it:
/// `replace` of a missing object key adds it, negative array indexes count from the end, an
/// operation without `value` uses null, and pointers are split at `/` then unescaped (~1, ~0).
enum JSONPatch {
    private static let missing = "missing value"
    private static let invalidIndex = "invalid index referenced"

    static func apply(_ operations: [JSONValue], to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        var doc = document
        for operation in operations {
            let fields = operation.objectPairs ?? []
            let kind = fields.value("op").flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "unknown"
            switch kind {
            case "add": try add(fields, &doc)
            case "remove": try remove(fields, &doc)
            case "replace": try replace(fields, &doc)
            case "move": try move(fields, &doc)
            case "copy": try copy(fields, &doc)
            case "test": try test(fields, &doc)
            default: throw JSONPatchError(message: "Unexpected kind: \(kind)")
            }
        }
        return doc
    }

    // MARK: operations

    private static func add(_ op: [(String, JSONValue)], _ doc: inout JSONValue) throws(JSONPatchError) {
        guard let path = string(op, "path") else { throw fail("add operation failed to decode path: \(missing)") }
        let done = try edit(&doc, path) { container, key throws(JSONPatchError) in
            do throws(JSONPatchError) { try insert(op.value("value") ?? .null, at: key, in: &container) } catch {
                throw fail("error in add for path: '\(path)': \(error.message)")
            }
        }
        if !done { throw fail("add operation does not apply: doc is missing path: \"\(path)\": \(missing)") }
    }

    private static func remove(_ op: [(String, JSONValue)], _ doc: inout JSONValue) throws(JSONPatchError) {
        guard let path = string(op, "path") else { throw fail("remove operation failed to decode path: \(missing)") }
        let done = try edit(&doc, path) { container, key throws(JSONPatchError) in
            do throws(JSONPatchError) { _ = try delete(key, from: &container) } catch {
                throw fail("error in remove for path: '\(path)': \(error.message)")
            }
        }
        if !done { throw fail("remove operation does not apply: doc is missing path: \"\(path)\": \(missing)") }
    }

    private static func replace(_ op: [(String, JSONValue)], _ doc: inout JSONValue) throws(JSONPatchError) {
        guard let path = string(op, "path") else { throw fail("replace operation failed to decode path: operation missing path field: \(missing)") }
        let value = op.value("value") ?? .null
        if path.isEmpty {
            switch value {
            case .object, .array: doc = value
            default: throw fail("replace operation value must be object or array: <nil>")
            }
            return
        }
        let done = try edit(&doc, path) { container, key throws(JSONPatchError) in
            if case .array(var items) = container {
                guard let i = try? index(key, count: items.count), i < items.count else {
                    throw fail("replace operation does not apply: doc is missing key: \(path): \(missing)")
                }
                items[i] = value
                container = .array(items)
            } else if case .object(var pairs) = container {
                pairs.set(key, value)
                container = .object(pairs)
            }
        }
        if !done { throw fail("replace operation does not apply: doc is missing path: \(path): \(missing)") }
    }

    private static func move(_ op: [(String, JSONValue)], _ doc: inout JSONValue) throws(JSONPatchError) {
        guard let from = string(op, "from") else { throw fail("move operation failed to decode from: operation, missing from field: \(missing)") }
        var moved: JSONValue = .null
        let found = try edit(&doc, from) { container, key throws(JSONPatchError) in
            do throws(JSONPatchError) { moved = try delete(key, from: &container) } catch {
                throw fail("error in move for path: '\(key)': \(error.message)")
            }
        }
        if !found { throw fail("move operation does not apply: doc is missing from path: \(from): \(missing)") }
        guard let path = string(op, "path") else { throw fail("move operation failed to decode path: operation missing path field: \(missing)") }
        let done = try edit(&doc, path) { container, key throws(JSONPatchError) in
            do throws(JSONPatchError) { try insert(moved, at: key, in: &container) } catch {
                throw fail("error in move for path: '\(path)': \(error.message)")
            }
        }
        if !done { throw fail("move operation does not apply: doc is missing destination path: \(path): \(missing)") }
    }

    private static func copy(_ op: [(String, JSONValue)], _ doc: inout JSONValue) throws(JSONPatchError) {
        guard let from = string(op, "from") else { throw fail("copy operation failed to decode from: operation, missing from field: \(missing)") }
        var copied: JSONValue = .null
        let found = try edit(&doc, from) { container, key throws(JSONPatchError) in
            do throws(JSONPatchError) { copied = try get(key, in: container) ?? .null } catch {
                throw fail("error in copy for from: '\(from)': \(error.message)")
            }
        }
        if !found { throw fail("copy operation does not apply: doc is missing from path: \(from): \(missing)") }
        guard let path = string(op, "path") else { throw fail("copy operation failed to decode path: \(missing)") }
        let done = try edit(&doc, path) { container, key throws(JSONPatchError) in
            do throws(JSONPatchError) { try insert(copied, at: key, in: &container) } catch {
                throw fail("error while adding value during copy: \(error.message)")
            }
        }
        if !done { throw fail("copy operation does not apply: doc is missing destination path: \(path): \(missing)") }
    }

    private static func test(_ op: [(String, JSONValue)], _ doc: inout JSONValue) throws(JSONPatchError) {
        guard let path = string(op, "path") else { throw fail("test operation failed to decode path: operation missing path field: \(missing)") }
        let expected = op.value("value")
        let failed = fail("testing value \(path) failed: test failed")
        if path.isEmpty {
            guard let expected, equal(doc, expected) else { throw failed }
            return
        }
        let found = try edit(&doc, path) { container, key throws(JSONPatchError) in
            let actual: JSONValue?
            do throws(JSONPatchError) { actual = try get(key, in: container) } catch {
                throw fail("error in test for path: '\(path)': \(error.message)")
            }
            switch (actual, expected) {
            case (nil, nil), (nil, .null?): return
            case let (actual?, expected?) where equal(actual, expected): return
            default: throw failed
            }
        }
        if !found { throw fail("test operation does not apply: is missing path: \(path): \(missing)") }
    }

    // MARK: pointers and containers

    private static func fail(_ message: String) -> JSONPatchError { JSONPatchError(message: message) }

    private static func string(_ op: [(String, JSONValue)], _ key: String) -> String? {
        if case .string(let s)? = op.value(key) { s } else { nil }
    }

    /// Finds the container of the pointer's last token and lets `body` change it in place;
    /// false when a step is missing (evanphx's findObject returning nil).
    private static func edit(_ doc: inout JSONValue, _ pointer: String,
                             _ body: (inout JSONValue, String) throws(JSONPatchError) -> Void) throws(JSONPatchError) -> Bool {
        let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(unescape)
        guard let last = tokens.last else { return false }
        return try descend(&doc, Array(tokens.dropLast())[...], last, body)
    }

    private static func descend(_ node: inout JSONValue, _ steps: ArraySlice<String>, _ last: String,
                                _ body: (inout JSONValue, String) throws(JSONPatchError) -> Void) throws(JSONPatchError) -> Bool {
        guard let step = steps.first else {
            switch node {
            case .object, .array: try body(&node, last); return true
            default: return false
            }
        }
        switch node {
        case .object(var pairs):
            guard let i = pairs.firstIndex(where: { $0.0 == step }) else { return false }
            var child = pairs[i].1
            guard try descend(&child, steps.dropFirst(), last, body) else { return false }
            pairs[i].1 = child
            node = .object(pairs)
            return true
        case .array(var items):
            guard let i = try? index(step, count: items.count), i < items.count else { return false }
            var child = items[i]
            guard try descend(&child, steps.dropFirst(), last, body) else { return false }
            items[i] = child
            node = .array(items)
            return true
        default:
            return false
        }
    }

    private static func unescape(_ token: Substring) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// Go's strconv.Atoi, then negative indexes counted from the end.
    private static func index(_ token: String, count: Int) throws(JSONPatchError) -> Int {
        guard let i = Int(token.hasPrefix("+") ? String(token.dropFirst()) : token) else {
            throw fail("strconv.Atoi: parsing \(JSONValue.string(token).compactJSON()): invalid syntax")
        }
        if i < 0 {
            guard i >= -count else { throw fail("Unable to access invalid index: \(i): \(invalidIndex)") }
            return i + count
        }
        return i
    }

    private static func get(_ key: String, in container: JSONValue) throws(JSONPatchError) -> JSONValue? {
        switch container {
        case .object(let pairs): return pairs.value(key)
        case .array(let items):
            let i = try index(key, count: items.count)
            guard i < items.count else { throw fail("Unable to access invalid index: \(i): \(invalidIndex)") }
            return items[i]
        default: return nil
        }
    }

    private static func insert(_ value: JSONValue, at key: String, in container: inout JSONValue) throws(JSONPatchError) {
        switch container {
        case .object(var pairs):
            pairs.set(key, value)
            container = .object(pairs)
        case .array(var items):
            if key == "-" { items.append(value) } else {
                guard let raw = Int(key.hasPrefix("+") ? String(key.dropFirst()) : key) else {
                    throw fail("value was not a proper array index: '\(key)': strconv.Atoi: parsing \(JSONValue.string(key).compactJSON()): invalid syntax")
                }
                guard raw <= items.count, raw >= -(items.count + 1) else { throw fail("Unable to access invalid index: \(raw): \(invalidIndex)") }
                items.insert(value, at: raw < 0 ? raw + items.count + 1 : raw)
            }
            container = .array(items)
        default: break
        }
    }

    @discardableResult
    private static func delete(_ key: String, from container: inout JSONValue) throws(JSONPatchError) -> JSONValue {
        switch container {
        case .object(var pairs):
            guard let value = pairs.value(key) else { throw fail("Unable to remove nonexistent key: \(key): \(missing)") }
            pairs.remove(key)
            container = .object(pairs)
            return value
        case .array(var items):
            let i = try index(key, count: items.count)
            guard i < items.count else { throw fail("Unable to access invalid index: \(i): \(invalidIndex)") }
            let value = items.remove(at: i)
            container = .array(items)
            return value
        default:
            return .null
        }
    }

    /// Structural equality as Go compares decoded JSON: every number is a float64.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int, .number), (.number, .int), (.number, .number):
            return a.numericValue == b.numericValue
        case let (.array(x), .array(y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case let (.object(x), .object(y)):
            return x.count == y.count && x.allSatisfy { pair in y.value(pair.0).map { equal(pair.1, $0) } ?? false }
        default:
            return a == b
        }
    }
}

extension JSONValue {
    var numericValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .number(let text): Double(text)
        default: nil
        }
    }
}
