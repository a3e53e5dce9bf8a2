/// The objects of one kind, keyed by name, with secondary indexes (like client-go's Indexer) so
/// controllers look pods up by owner, node or label without scanning the table.
final class ObjectTable<T: APIObject> {
    private(set) var objects: [String: T] = [:]
    private var indexers: [String: (T) -> [String]] = [:]
    private var indexes: [String: [String: Set<String>]] = [:]

    var count: Int { objects.count }

    func addIndex(_ name: String, _ keys: @escaping (T) -> [String]) {
        indexers[name] = keys
        indexes[name] = [:]
    }

    subscript(name: String) -> T? { objects[name] }

    func put(_ object: T) {
        if let old = objects[object.metadata.name] { unindex(old) }
        objects[object.metadata.name] = object
        for (indexName, keys) in indexers {
            for key in keys(object) { indexes[indexName]![key, default: []].insert(object.metadata.name) }
        }
    }

    func remove(_ name: String) {
        guard let old = objects.removeValue(forKey: name) else { return }
        unindex(old)
    }

    private func unindex(_ object: T) {
        for (indexName, keys) in indexers {
            for key in keys(object) {
                indexes[indexName]![key]?.remove(object.metadata.name)
                if indexes[indexName]![key]?.isEmpty == true { indexes[indexName]![key] = nil }
            }
        }
    }

    /// Names under `key` in index `index`, unordered.
    func names(index: String, key: String) -> Set<String> { indexes[index]?[key] ?? [] }

    /// Objects under `key` in `index`, sorted by name so callers act in a reproducible order.
    func byIndex(_ index: String, _ key: String) -> [T] {
        names(index: index, key: key).sorted().compactMap { objects[$0] }
    }

    /// Every object, sorted by name (the API server lists in key order).
    func all() -> [T] { objects.keys.sorted().map { objects[$0]! } }
}

enum IndexName {
    static let owner = "owner"
    static let label = "label"
    static let node = "node"
    static let involvedObject = "involvedObject"
}
