import Commands

/// Why a strategic merge patch did not apply, sorted the way the API server's
/// interpretStrategicMergePatchError sorts apimachinery's errors into HTTP codes.
struct StrategicMergeError: Error, Equatable {
    enum Code: Equatable { case badRequest, unprocessable, internalError }
    var code: Code
    var message: String

    static func badRequest(_ m: String) -> Self { .init(code: .badRequest, message: m) }
    static func internalError(_ m: String) -> Self { .init(code: .internalError, message: m) }
}

/// Strategic merge patch as the API server applies it (apimachinery/pkg/util/strategicpatch
/// mergeMap with MergeParallelList and IgnoreUnmatchedNulls): maps merge, lists merge by the
/// field's merge key or are replaced, and the directives `$patch`, `$retainKeys`,
/// `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>` steer it.
enum StrategicMergePatch {
    static let directive = "$patch"
    static let retainKeys = "$retainKeys"
    static let setElementOrder = "$setElementOrder"
    static let deleteFromPrimitiveList = "$deleteFromPrimitiveList"

    static func apply(_ patch: [(String, JSONValue)], to original: [(String, JSONValue)], schema: PatchSchema) throws(StrategicMergeError) -> [(String, JSONValue)] {
        try mergeMap(original, patch, schema)
    }

    // MARK: maps

    static func mergeMap(_ original: [(String, JSONValue)], _ patch: [(String, JSONValue)], _ schema: PatchSchema) throws(StrategicMergeError) -> [(String, JSONValue)] {
        var patch = patch
        if let directive = patch.value(directive) {
            switch directive {
            case .string("replace"):
                patch.remove(Self.directive)
                return removeDirectives(discardingNulls(.object(patch)))?.objectPairs ?? []
            case .string("delete"):
                return []
            case .string("merge"):
                patch.remove(Self.directive)   // an explicit merge is what we do anyway
            default:
                throw .internalError("unknown patch type: \(directive.goDescription) in map: \(JSONValue.object(patch).goDescription)")
            }
        }
        var original = original
        try applyRetainKeys(&original, &patch)
        try mergeOrderedLists(&original, &patch, schema)

        for (patchKey, patchValue) in patch {
            var key = patchKey
            var isDeleteList = false
            if patchKey.hasPrefix(deleteFromPrimitiveList) {
                let parts = patchKey.split(separator: "/", maxSplits: 1)
                guard parts.count == 2, parts[0] == deleteFromPrimitiveList else { throw .badRequest("invalid patch format of primitive list") }
                key = String(parts[1])
                isDeleteList = true
            }
            if patchValue.isNull {
                original.remove(key)
                continue
            }
            guard let originalValue = original.value(key) else {
                if !isDeleteList, let kept = removeDirectives(discardingNulls(patchValue)) { original.set(key, kept) }
                continue
            }
            switch (originalValue, patchValue) {
            case let (.object(o), .object(p)):
                // No struct field is tagged `patchStrategy:"replace"` among our kinds, so maps always merge.
                original.set(key, .object(try mergeMap(o, p, schema.child(key))))
            case let (.array(o), .array(p)):
                let field = schema.field(key)
                if field.mergesList || isDeleteList {
                    original.set(key, .array(try mergeList(o, p, field, isDeleteList: isDeleteList)))
                } else {
                    original.set(key, removeDirectives(discardingNulls(patchValue)) ?? .array([]))
                }
            default:
                guard !isDeleteList else { continue }
                if let kept = removeDirectives(discardingNulls(patchValue)) { original.set(key, kept) } else { original.remove(key) }
            }
        }
        return original
    }

    /// `$retainKeys`: keys of the original not listed are cleared; every key the patch sets must be listed.
    private static func applyRetainKeys(_ original: inout [(String, JSONValue)], _ patch: inout [(String, JSONValue)]) throws(StrategicMergeError) {
        guard let retain = patch.value(retainKeys) else { return }
        patch.remove(retainKeys)
        guard case .array(let listed) = retain else { throw .badRequest("invalid patch format of retainKeys") }
        let names = Set(listed.compactMap { if case .string(let s) = $0 { s } else { nil } })
        for (key, value) in patch where !value.isNull && !key.hasPrefix(deleteFromPrimitiveList) && !key.hasPrefix(setElementOrder) {
            guard names.contains(key) else { throw .badRequest("invalid patch format of retainKeys") }
        }
        original.removeAll { !names.contains($0.0) }
    }

    /// `$setElementOrder/<list>`: merges the list it names (if the patch has it) and orders the result
    /// by the directive, then the patch, then the live list.
    private static func mergeOrderedLists(_ original: inout [(String, JSONValue)], _ patch: inout [(String, JSONValue)], _ schema: PatchSchema) throws(StrategicMergeError) {
        for (directiveKey, orderValue) in patch where directiveKey.hasPrefix(setElementOrder) {
            patch.remove(directiveKey)
            guard case .array(let order) = orderValue else {
                throw .internalError("expected a []interface {}, but received a \(goTypeName(orderValue))")
            }
            let parts = directiveKey.split(separator: "/", maxSplits: 1)
            guard parts.count == 2, parts[0] == setElementOrder else { throw .badRequest("invalid patch format of setElementOrder list") }
            let key = String(parts[1])
            let field = schema.field(key)
            let originalList = original.value(key)?.arrayItems
            let patchList = patch.value(key)?.arrayItems
            if original.value(key).map({ $0.arrayItems == nil }) ?? false { throw .internalError("expected a []interface {}, but received a \(goTypeName(original.value(key)!))") }
            if patch.value(key).map({ $0.arrayItems == nil }) ?? false { throw .internalError("expected a []interface {}, but received a \(goTypeName(patch.value(key)!))") }
            try validateOrder(patchList ?? [], order, field.mergeKey)

            let merged: [JSONValue]
            switch (originalList, patchList) {
            case let (o?, nil): merged = o
            case let (nil, p?): merged = removeDirectives(.array(p))?.arrayItems ?? []
            case let (o?, p?): merged = field.mergesList ? try mergeList(o, p, field, isDeleteList: false) : p
            case (nil, nil): continue
            }
            let (inOrder, serverOnly) = try partition(merged, by: order, field.mergeKey)
            original.set(key, .array(try normalizeOrder(inOrder, serverOnly, order, originalList ?? [], field.mergeKey)))
            patch.remove(key)
        }
    }

    /// Each item of the patch list (deletions aside) must appear in `$setElementOrder`, in its order.
    private static func validateOrder(_ patchList: [JSONValue], _ order: [JSONValue], _ mergeKey: String) throws(StrategicMergeError) {
        guard !patchList.isEmpty, !order.isEmpty else { return }
        let kept = mergeKey.isEmpty ? patchList : patchList.filter { !isDeleteItem($0) }
        var p = 0, o = 0
        while p < kept.count, o < order.count {
            if kept[p].objectPairs?.has(directive) ?? false { p += 1; continue }
            if try sameItem(kept[p], order[o], mergeKey) { p += 1 }
            o += 1
        }
        if p < kept.count {
            throw .internalError("The order in patch list:\n\(JSONValue.array(patchList).goDescription)\n doesn't match \(setElementOrder) list:\n\(JSONValue.array(order).goDescription)\n")
        }
    }

    // MARK: lists

    static func mergeList(_ original: [JSONValue], _ patch: [JSONValue], _ field: PatchSchema.Field, isDeleteList: Bool) throws(StrategicMergeError) -> [JSONValue] {
        if original.isEmpty && patch.isEmpty { return original }
        let itemsAreMaps = try elementsAreMaps(original + patch)
        var original = original
        var merged: [JSONValue]
        var patchItems = patch
        if !itemsAreMaps {
            if isDeleteList { return original.filter { item in !patch.contains { JSONPatch.equal($0, item) } } }
            merged = []
            for item in original + patch where !merged.contains(item) { merged.append(item) }
        } else {
            let key = field.mergeKey
            guard !key.isEmpty else { throw .internalError("cannot merge lists without merge key for \(field.schema == nil ? "" : key)") }
            // Special items first: `$patch: delete` removes by key, `$patch: replace` makes the rest the list.
            var replace = false
            patchItems = []
            for item in patch {
                let pairs = item.objectPairs ?? []
                guard let kind = pairs.value(directive) else { patchItems.append(item); continue }
                switch kind {
                case .string("delete"):
                    guard let value = pairs.value(key) else { throw noMergeKey(item, key) }
                    original.removeAll { $0.objectPairs?.value(key) == value }
                case .string("replace"): replace = true
                case .string("merge"): throw .internalError("merging lists cannot yet be specified in the patch")
                default: throw .internalError("unknown patch type: \(kind.goDescription) in map: \(item.goDescription)")
                }
            }
            if replace { return patchItems }
            merged = original
            for item in patchItems {
                let pairs = item.objectPairs ?? []
                guard let value = pairs.value(key) else { throw noMergeKey(item, key) }
                if let i = merged.firstIndex(where: { $0.objectPairs?.value(key) == value }) {
                    merged[i] = .object(try mergeMap(merged[i].objectPairs ?? [], pairs, field.schema ?? .empty))
                } else if let kept = removeDirectives(discardingNulls(item)) {
                    merged.append(kept)
                }
            }
        }
        let (inPatch, serverOnly) = try partition(merged, by: patchItems, itemsAreMaps ? field.mergeKey : "")
        return try normalizeOrder(inPatch, serverOnly, patchItems, original, itemsAreMaps ? field.mergeKey : "")
    }

    private static func elementsAreMaps(_ items: [JSONValue]) throws(StrategicMergeError) -> Bool {
        guard let first = items.first else { throw .internalError("no elements in any of the given slices") }
        func kind(_ v: JSONValue) -> Int {
            switch v { case .object: 0; case .array: 1; case .string: 2; case .bool: 3; case .null: 4; default: 5 }
        }
        if kind(first) == 1 { throw .unprocessable("lists of lists are not supported") }
        guard items.allSatisfy({ kind($0) == kind(first) }) else {
            throw .internalError("list element types are not identical: \(JSONValue.array(items).goDescription)")
        }
        return kind(first) == 0
    }

    /// Items whose key (or value, for scalars) is in `list`, and the others (the server's own).
    private static func partition(_ items: [JSONValue], by list: [JSONValue], _ mergeKey: String) throws(StrategicMergeError) -> ([JSONValue], [JSONValue]) {
        var inList: [JSONValue] = [], others: [JSONValue] = []
        for item in items {
            if mergeKey.isEmpty {
                (list.contains(item) ? { inList.append(item) } : { others.append(item) })()
            } else {
                guard let value = item.objectPairs?.value(mergeKey) else { throw noMergeKey(item, mergeKey) }
                (list.contains { $0.objectPairs?.value(mergeKey) == value } ? { inList.append(item) } : { others.append(item) })()
            }
        }
        return (inList, others)
    }

    /// upstream normalizeElementOrder: sort the patch's items by `patchOrder` and the server-only
    /// ones by `serverOrder`, then interleave them keeping each list's order.
    private static func normalizeOrder(_ patchItems: [JSONValue], _ serverOnly: [JSONValue], _ patchOrder: [JSONValue],
                                       _ serverOrder: [JSONValue], _ mergeKey: String) throws(StrategicMergeError) -> [JSONValue] {
        func position(_ list: [JSONValue], _ item: JSONValue) -> Int? {
            let id = mergeKey.isEmpty ? item : item.objectPairs?.value(mergeKey)
            return list.firstIndex { (mergeKey.isEmpty ? $0 : $0.objectPairs?.value(mergeKey)) == id }
        }
        func sorted(_ items: [JSONValue], by order: [JSONValue]) -> [JSONValue] {
            let kept = mergeKey.isEmpty ? items : items.filter { !isDeleteItem($0) }
            let deleted = mergeKey.isEmpty ? [] : items.filter(isDeleteItem)
            let known = kept.enumerated().compactMap { i, item in position(order, item).map { (i, $0, item) } }
            // Items the order does not name stay where they are; the named ones are sorted among their slots.
            var result = kept
            let slots = known.map(\.0)
            for (slot, entry) in zip(slots, known.sorted { $0.1 < $1.1 }) { result[slot] = entry.2 }
            return result + deleted
        }
        let left = sorted(serverOnly, by: serverOrder), right = sorted(patchItems, by: patchOrder)
        var result: [JSONValue] = []
        var i = 0, j = 0
        while i < left.count || j < right.count {
            if i >= left.count { result.append(right[j]); j += 1; continue }
            if j >= right.count { result.append(left[i]); i += 1; continue }
            if let li = position(serverOrder, left[i]), let ri = position(serverOrder, right[j]), li < ri {
                result.append(left[i]); i += 1
            } else {
                result.append(right[j]); j += 1
            }
        }
        return result
    }

    // MARK: helpers

    private static func isDeleteItem(_ item: JSONValue) -> Bool { item.objectPairs?.value(directive) == .string("delete") }

    private static func sameItem(_ a: JSONValue, _ b: JSONValue, _ mergeKey: String) throws(StrategicMergeError) -> Bool {
        if mergeKey.isEmpty { return a == b }
        guard let x = a.objectPairs?.value(mergeKey) else { throw noMergeKey(a, mergeKey) }
        guard let y = b.objectPairs?.value(mergeKey) else { throw noMergeKey(b, mergeKey) }
        return x == y
    }

    private static func noMergeKey(_ item: JSONValue, _ key: String) -> StrategicMergeError {
        .internalError("map: \(item.goDescription) does not contain declared merge key: \(key)")
    }

    private static func goTypeName(_ v: JSONValue) -> String {
        switch v {
        case .object: "map[string]interface {}"
        case .array: "[]interface {}"
        case .string: "string"
        case .bool: "bool"
        case .null: "<nil>"
        default: "float64"
        }
    }

    /// A value with no directives in it, nil when the value itself is a directive (upstream removeDirectives).
    static func removeDirectives(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .object(let pairs):
            if pairs.has(directive) { return nil }
            return .object(pairs.compactMap { key, v in
                key.hasPrefix("$") ? nil : removeDirectives(v).map { (key, $0) }
            })
        case .array(let items):
            return .array(items.compactMap(removeDirectives))
        default:
            return value
        }
    }

    /// Nulls in a value the original lacks mean nothing to delete: dropped (IgnoreUnmatchedNulls).
    static func discardingNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let pairs): .object(pairs.filter { !$0.1.isNull }.map { ($0.0, discardingNulls($0.1)) })
        case .array(let items): .array(items.map(discardingNulls))
        default: value
        }
    }
}

extension StrategicMergeError {
    static func unprocessable(_ m: String) -> Self { .init(code: .unprocessable, message: m) }
}
