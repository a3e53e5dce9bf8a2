import Cluster

/// `kubectl get --sort-by=PATH` (kubectl/pkg/cmd/get/sorter.go): numbers compare as numbers,
/// everything else as text; objects without the field come first; the path must be found in at
/// least one object, or kubectl refuses.
enum SortBy {
    static func sort(_ objects: [any APIObject], by text: String) throws -> [any APIObject] {
        let path = try RelaxedJSONPath(text)
        let keyed = objects.map { object in (object, path.values(in: ObjectEncoder.encode(object)).first) }
        guard keyed.contains(where: { $0.1 != nil && $0.1 != .null }) else {
            throw KubectlError("error: couldn't find any field with path \"\(path.expression)\" in the list of objects")
        }
        // Stable: objects with equal keys keep the list's (namespace, name) order.
        return keyed.enumerated().sorted { a, b in
            if isLess(a.element.1, b.element.1) { return true }
            if isLess(b.element.1, a.element.1) { return false }
            return a.offset < b.offset
        }.map(\.element.0)
    }

    private static func isLess(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a, b) {
        case (nil, nil), (.null?, .null?): return false
        case (nil, _), (.null?, _): return true
        case (_, nil), (_, .null?): return false
        case let (.int(x)?, .int(y)?): return x < y
        case let (.bool(x)?, .bool(y)?): return !x && y
        case let (.string(x)?, .string(y)?): return x < y
        case let (x?, y?): return JSONPath.text(x) < JSONPath.text(y)
        }
    }
}
