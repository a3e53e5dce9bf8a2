/// How a three-way merge treats the lists below an object field.
public protocol ListMergeKeys {
    /// nil: the list is atomic (the file's list replaces it); "": a set of scalars; otherwise
    /// items are objects matched by this key.
    func listMergeKey(_ field: String) -> String?
    /// The rules for the object (or list items) under `field`.
    func child(_ field: String) -> Self
}

/// kubectl's three-way merge: the file's entries win, entries the last apply set and the file no
/// longer has are removed, and entries someone else set (`kubectl label`, controllers) are kept.
/// `map` does it for one string map (client-side apply's labels, annotations, nodeSelector);
/// `value` does it for a whole JSON tree (the API server's server-side apply).
public enum ThreeWayMerge {
    static func map(file: [String: String], original: [String: String], live: [String: String]) -> [String: String] {
        var result = live
        for key in original.keys where file[key] == nil { result[key] = nil }
        return result.merging(file) { _, fromFile in fromFile }
    }

    /// - Parameters:
    ///   - file: what is applied now; `null` in it removes the field.
    ///   - original: what the same applier applied last time (nil the first time).
    ///   - live: the object as stored (nil when it does not exist yet).
    public static func value(file: JSONValue, original: JSONValue?, live: JSONValue?, keys: some ListMergeKeys) -> JSONValue {
        guard case .object(let filePairs) = file else { return file }
        var result: [(String, JSONValue)] = []
        if case .object(let livePairs)? = live { result = livePairs }
        let originalPairs: [(String, JSONValue)] = if case .object(let pairs)? = original { pairs } else { [] }
        for (key, _) in originalPairs where !filePairs.contains(where: { $0.0 == key }) {
            result.removeAll { $0.0 == key }
        }
        for (key, fileValue) in filePairs {
            let liveValue = result.first { $0.0 == key }?.1
            let originalValue = originalPairs.first { $0.0 == key }?.1
            let merged: JSONValue?
            switch (fileValue, liveValue) {
            case (.null, _):
                merged = nil
            case (.object, .object?):
                merged = value(file: fileValue, original: originalValue, live: liveValue, keys: keys.child(key))
            case let (.array(fileItems), .array(liveItems)?):
                if let mergeKey = keys.listMergeKey(key) {
                    var originalItems: [JSONValue] = []
                    if case .array(let items)? = originalValue { originalItems = items }
                    merged = .array(list(file: fileItems, original: originalItems, live: liveItems, mergeKey: mergeKey, keys: keys.child(key)))
                } else {
                    merged = fileValue
                }
            default:
                merged = value(file: fileValue, original: nil, live: nil, keys: keys.child(key))
            }
            if let merged {
                if let i = result.firstIndex(where: { $0.0 == key }) { result[i].1 = merged } else { result.append((key, merged)) }
            } else {
                result.removeAll { $0.0 == key }
            }
        }
        return .object(result)
    }

    /// A merged list: live items the file dropped since last time go, the file's items merge
    /// into live ones with the same key (or value, for scalars), new ones are appended.
    static func list(file: [JSONValue], original: [JSONValue], live: [JSONValue], mergeKey: String, keys: some ListMergeKeys) -> [JSONValue] {
        func identity(_ item: JSONValue) -> JSONValue? {
            if mergeKey.isEmpty { return item }
            if case .object(let pairs) = item { return pairs.first { $0.0 == mergeKey }?.1 }
            return nil
        }
        let fileIDs = file.compactMap(identity)
        let dropped = original.compactMap(identity).filter { !fileIDs.contains($0) }
        var result = live.filter { item in identity(item).map { !dropped.contains($0) } ?? true }
        for item in file {
            let id = identity(item)
            if let id, let i = result.firstIndex(where: { identity($0) == id }) {
                let before = original.first { identity($0) == id }
                result[i] = mergeKey.isEmpty ? item : value(file: item, original: before, live: result[i], keys: keys)
            } else {
                result.append(value(file: item, original: nil, live: nil, keys: keys))
            }
        }
        return result
    }
}
