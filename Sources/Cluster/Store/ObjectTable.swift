/// The objects of one kind, keyed by namespace and name, with secondary indexes (like client-go's Indexer) so
/// controllers look pods up by owner, node or label without scanning the table.
final class ObjectTable<T: APIObject> {
    /// Each object lives in a box, so hot paths can read a field without copying the object.
    final class Box {
        fileprivate(set) var object: T
        /// The keys this object is filed under in each index, to skip re-indexing unchanged keys.
        fileprivate var indexKeys = IndexKeySlots(count: 0)
        init(_ object: T) { self.object = object }
    }

    /// Sharded, as the index tables and their sets: a table of 100,000 pods or events grows a
    /// 64th at a time, never in one step that stalls the dashboard.
    private var boxes = ShardedDictionary<ObjectKey, Box>()
    /// The keys and their boxes in key order, kept until a key comes or goes (an update writes
    /// into its box): a list of 150,000 pods would otherwise sort their keys every time.
    private var ordered: [(key: ObjectKey, box: Box)]?
    /// Each index's keys for an object, and (optionally) a cheap test that two states of an
    /// object file under the same keys, so a write that leaves them alone builds no key strings.
    private var indexers: [(name: String, keys: (T) -> IndexKeys, sameKeys: ((T, T) -> Bool)?)] = []
    /// Per index (in `indexers`' order): index key → names. Index keys hash once (an index by
    /// uid has a key per object).
    private var indexes: [ShardedDictionary<PrehashedString, ShardedSet<ObjectKey>>] = []
    /// Room a new index entry starts with: most hold a few names (a pod's events, a node's or a
    /// ReplicaSet's first pods), and growing a set from one to six rehashes it three times.
    private static var entryCapacity: Int { 6 }

    var count: Int { boxes.count }
    /// Told of every write: what was stored (nil for a new object) and what is now (nil once removed).
    var didChange: ((T?, T?) -> Void)?

    /// An index whose objects may file under several keys (labels).
    func addIndex(_ name: String, sameKeys: ((T, T) -> Bool)? = nil, _ keys: @escaping (T) -> [String]) {
        add((name, { IndexKeys(keys($0)) }, sameKeys))
    }

    /// An index whose objects file under one key or none (owner, node, orphan): no
    /// array is built for the key.
    func addIndex(_ name: String, sameKeys: ((T, T) -> Bool)? = nil, key: @escaping (T) -> String?) {
        add((name, { key($0).map(IndexKeys.one) ?? .none }, sameKeys))
    }

    /// Whether the table keeps an index called `name`.
    func hasIndex(_ name: String) -> Bool { indexers.contains { $0.name == name } }

    /// Starts an index; the objects already stored are filed under it at once (an index added
    /// when first asked for).
    private func add(_ indexer: (name: String, keys: (T) -> IndexKeys, sameKeys: ((T, T) -> Bool)?)) {
        indexers.append(indexer)
        indexes.append(ShardedDictionary())
        for (name, box) in boxes {
            box.indexKeys.grow(to: indexers.count)
            reindex(box, previous: nil, name: name)
        }
    }

    subscript(key: ObjectKey) -> T? { boxes[key]?.object }

    /// The stored object's box, for reading fields in place.
    func box(_ key: ObjectKey) -> Box? { boxes[key] }

    func put(_ object: T) {
        let name = object.key
        if let existing = boxes[name] { replace(existing, with: object, key: name) } else { insert(object, key: name) }
    }

    /// Files a new object under `name`, which the caller knows is free: one probe of the table.
    func insert(_ object: T, key name: ObjectKey) {
        let box = Box(object)
        boxes[name] = box
        ordered = nil
        box.indexKeys = IndexKeySlots(count: indexers.count)
        didChange?(nil, object)
        reindex(box, previous: nil, name: name)
    }

    /// Writes `object` into the box `name` already has (an update found it): no second lookup.
    func replace(_ box: Box, with object: T, key name: ObjectKey) {
        let previous = box.object
        didChange?(previous, object)
        box.object = object
        reindex(box, previous: previous, name: name)
    }

    private func reindex(_ box: Box, previous: T?, name: ObjectKey) {
        let object = box.object
        for i in indexers.indices {
            if let previous, let same = indexers[i].sameKeys, same(previous, object) { continue }
            let keys = indexers[i].keys(object)
            let old = box.indexKeys[i]
            if keys == old { continue }
            old.forEach { key in if !keys.contains(key) { removeName(name, from: i, key: key) } }
            keys.forEach { key in
                if !old.contains(key) {
                    indexes[i].modify(PrehashedString(key), default: ShardedSet(minimumCapacity: Self.entryCapacity)) { $0.insert(name) }
                }
            }
            box.indexKeys[i] = keys
        }
    }

    func remove(_ name: ObjectKey) {
        guard let old = boxes.removeValue(forKey: name) else { return }
        ordered = nil
        didChange?(old.object, nil)
        for i in indexers.indices {
            old.indexKeys[i].forEach { removeName(name, from: i, key: $0) }
        }
    }

    private func removeName(_ name: ObjectKey, from index: Int, key: String) {
        let key = PrehashedString(key)
        indexes[index][key]?.remove(name)
        if indexes[index][key]?.isEmpty == true { indexes[index][key] = nil }
    }

    /// Keys under `key` in index `index`, unordered.
    func names(index: String, key: String) -> ShardedSet<ObjectKey> {
        guard let i = indexers.firstIndex(where: { $0.name == index }) else { return [] }
        return indexes[i][PrehashedString(key)] ?? []
    }

    /// Objects under `key` in `index`, sorted by key so callers act in a reproducible order.
    func byIndex(_ index: String, _ key: String) -> [T] {
        let names = names(index: index, key: key)
        // One name (a deployment's one ReplicaSet, read at each of its syncs) needs no sorted copy.
        guard names.count > 1 else { return names.compactMap { boxes[$0]?.object } }
        return names.sorted().compactMap { boxes[$0]?.object }
    }

    /// Every object (of one namespace, or of all with nil), sorted by key (the API server lists in key order).
    func all(in namespace: String? = nil) -> [T] {
        let entries = inOrder()
        guard let namespace else { return entries.map { $0.box.object } }
        return entries.compactMap { $0.key.namespace == namespace ? $0.box.object : nil }
    }

    /// `all(in:)` type-erased, each object copied once, from its box straight into the existential.
    func allErased(in namespace: String? = nil) -> [any APIObject] {
        let entries = inOrder()
        guard let namespace else { return entries.map { $0.box.object } }
        return entries.compactMap { $0.key.namespace == namespace ? $0.box.object : nil }
    }

    /// Sorted as bytes (`KeyOrder`), the same order as comparing the keys as Strings, without
    /// the millions of String comparisons 150,000 keys would cost.
    private func inOrder() -> [(key: ObjectKey, box: Box)] {
        if let ordered { return ordered }
        let entries = boxes.map { (key: $0.key, box: $0.value) }
        let sorted = KeyOrder.sorted(entries.map(\.key)).map { entries[$0] }
        ordered = sorted
        return sorted
    }

    /// The names of one namespace's objects ("" for kinds outside namespaces) in key order,
    /// without copying an object: the dashboard's first Pods frame lists 150,000 of them.
    func orderedNames(in namespace: String) -> [String] {
        inOrder().compactMap { $0.key.namespace == namespace ? $0.key.name : nil }
    }

    /// How many objects satisfy `predicate`, visiting the boxes directly (no lookup by name).
    func count(where predicate: (T) -> Bool) -> Int {
        var n = 0
        for box in boxes.values where predicate(box.object) { n += 1 }
        return n
    }

    /// Every key, unordered.
    var names: some Sequence<ObjectKey> { boxes.keys }
}

enum IndexName {
    static let owner = "owner"
    static let label = "label"
    static let node = "node"
    /// Pods without a controller, under the key "" (candidates for adoption).
    static let orphan = "orphan"
    static let involvedObject = "involvedObject"
}
