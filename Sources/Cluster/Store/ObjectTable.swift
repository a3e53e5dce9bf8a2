/// The objects of one kind, keyed by name, with secondary indexes (like client-go's Indexer) so
/// controllers look pods up by owner, node or label without scanning the table.
final class ObjectTable<T: APIObject> {
    /// Each object lives in a box, so hot paths can read a field without copying the object.
    final class Box {
        fileprivate(set) var object: T
        init(_ object: T) { self.object = object }
    }

    private var boxes: [String: Box] = [:]
    private var indexers: [String: (T) -> [String]] = [:]
    private var indexes: [String: [String: Set<String>]] = [:]

    var count: Int { boxes.count }

    func addIndex(_ name: String, _ keys: @escaping (T) -> [String]) {
        indexers[name] = keys
        indexes[name] = [:]
    }

    subscript(name: String) -> T? { boxes[name]?.object }

    /// The stored object's box, for reading fields in place.
    func box(_ name: String) -> Box? { boxes[name] }

    func put(_ object: T) {
        if let box = boxes[object.metadata.name] {
            unindex(box.object)
            box.object = object
        } else {
            boxes[object.metadata.name] = Box(object)
        }
        for (indexName, keys) in indexers {
            for key in keys(object) { indexes[indexName]![key, default: []].insert(object.metadata.name) }
        }
    }

    func remove(_ name: String) {
        guard let old = boxes.removeValue(forKey: name) else { return }
        unindex(old.object)
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
        names(index: index, key: key).sorted().compactMap { boxes[$0]?.object }
    }

    /// Every object, sorted by name (the API server lists in key order).
    func all() -> [T] { boxes.keys.sorted().map { boxes[$0]!.object } }

    /// Every name, unordered.
    var names: Dictionary<String, Box>.Keys { boxes.keys }
}

enum IndexName {
    static let owner = "owner"
    static let label = "label"
    static let node = "node"
    static let involvedObject = "involvedObject"
}
