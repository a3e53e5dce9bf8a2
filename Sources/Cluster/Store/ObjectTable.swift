/// The objects of one kind, keyed by name, with secondary indexes (like client-go's Indexer) so
/// controllers look pods up by owner, node or label without scanning the table.
final class ObjectTable<T: APIObject> {
    /// Each object lives in a box, so hot paths can read a field without copying the object.
    final class Box {
        fileprivate(set) var object: T
        /// The keys this object is filed under in each index, to skip re-indexing unchanged keys.
        fileprivate var indexKeys: [[String]] = []
        init(_ object: T) { self.object = object }
    }

    private var boxes: [String: Box] = [:]
    private var indexers: [(name: String, keys: (T) -> [String])] = []
    private var indexes: [String: [String: Set<String>]] = [:]

    var count: Int { boxes.count }

    func addIndex(_ name: String, _ keys: @escaping (T) -> [String]) {
        indexers.append((name, keys))
        indexes[name] = [:]
    }

    subscript(name: String) -> T? { boxes[name]?.object }

    /// The stored object's box, for reading fields in place.
    func box(_ name: String) -> Box? { boxes[name] }

    func put(_ object: T) {
        let box: Box
        if let existing = boxes[object.metadata.name] {
            box = existing
            box.object = object
        } else {
            box = Box(object)
            boxes[object.metadata.name] = box
            box.indexKeys = Array(repeating: [], count: indexers.count)
        }
        let name = object.metadata.name
        for (i, indexer) in indexers.enumerated() {
            let keys = indexer.keys(object)
            let old = box.indexKeys[i]
            if keys == old { continue }
            for key in old where !keys.contains(key) { removeName(name, from: indexer.name, key: key) }
            for key in keys where !old.contains(key) { indexes[indexer.name]![key, default: []].insert(name) }
            box.indexKeys[i] = keys
        }
    }

    func remove(_ name: String) {
        guard let old = boxes.removeValue(forKey: name) else { return }
        for (i, indexer) in indexers.enumerated() {
            for key in old.indexKeys[i] { removeName(name, from: indexer.name, key: key) }
        }
    }

    private func removeName(_ name: String, from index: String, key: String) {
        indexes[index]![key]?.remove(name)
        if indexes[index]![key]?.isEmpty == true { indexes[index]![key] = nil }
    }

    /// Names under `key` in index `index`, unordered.
    func names(index: String, key: String) -> Set<String> { indexes[index]?[key] ?? [] }

    /// Objects under `key` in `index`, sorted by name so callers act in a reproducible order.
    func byIndex(_ index: String, _ key: String) -> [T] {
        names(index: index, key: key).sorted().compactMap { boxes[$0]?.object }
    }

    /// Every object, sorted by name (the API server lists in key order).
    func all() -> [T] { boxes.keys.sorted().map { boxes[$0]!.object } }

    /// How many objects satisfy `predicate`, visiting the boxes directly (no lookup by name).
    func count(where predicate: (T) -> Bool) -> Int {
        var n = 0
        for box in boxes.values where predicate(box.object) { n += 1 }
        return n
    }

    /// Every name, unordered.
    var names: Dictionary<String, Box>.Keys { boxes.keys }
}

enum IndexName {
    static let owner = "owner"
    static let label = "label"
    static let node = "node"
    /// Pods without a controller, under the key "" (candidates for adoption).
    static let orphan = "orphan"
    static let involvedObject = "involvedObject"
}
