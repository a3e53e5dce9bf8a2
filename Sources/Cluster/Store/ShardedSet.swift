/// A set that grows in small pieces (see ShardedDictionary): the owner, label and node indexes
/// of a 100,000-pod scale-up, and the controllers' sets of pending pods, grow without one
/// insertion rehashing them all. Order of iteration is unspecified, as a set's is.
public struct ShardedSet<Element: ShardingKey> {
    /// None until the first insertion: an empty set (an index miss, a controller's `[]`) is
    /// made by the hundred thousand in a build-up, and one shard was a heap block each.
    private var shards: [Set<Element>] = []
    public private(set) var count = 0

    public init() {}

    /// Room for `minimumCapacity` elements before the first growth.
    public init(minimumCapacity: Int) { shards = [Set(minimumCapacity: minimumCapacity)] }

    public var isEmpty: Bool { count == 0 }

    @inline(__always)
    private func shard(of element: Element) -> Int {
        assert(!shards.isEmpty, "an empty set has no shard to look in") // each caller checks first
        return Sharding.shard(of: element, among: shards.count)
    }

    public func contains(_ element: Element) -> Bool { !shards.isEmpty && shards[shard(of: element)].contains(element) }

    @discardableResult
    public mutating func insert(_ element: Element) -> (inserted: Bool, memberAfterInsert: Element) {
        if shards.isEmpty { shards = [[]] }
        let result = shards[shard(of: element)].insert(element)
        if result.inserted {
            count += 1
            splitIfLarge()
        }
        return result
    }

    @discardableResult
    public mutating func remove(_ element: Element) -> Element? {
        guard !shards.isEmpty, let removed = shards[shard(of: element)].remove(element) else { return nil }
        count -= 1
        return removed
    }

    public mutating func removeAll() {
        shards = []
        count = 0
    }

    private mutating func splitIfLarge() {
        guard shards.count == 1, count > Sharding.splitCount else { return }
        let whole = shards.removeLast()
        shards = Array(repeating: [], count: Sharding.shardCount)
        for element in whole { shards[shard(of: element)].insert(element) }
    }
}

extension ShardedSet: Sequence {
    /// Shard after shard. It holds the shards it began with: a write meanwhile copies only the
    /// shard written to.
    public struct Iterator: IteratorProtocol {
        private let shards: [Set<Element>]
        private var nextShard = 0
        private var current: Set<Element>.Iterator?

        fileprivate init(_ shards: [Set<Element>]) { self.shards = shards }

        public mutating func next() -> Element? {
            while true {
                if let element = current?.next() { return element }
                guard nextShard < shards.count else { return nil }
                current = shards[nextShard].makeIterator()
                nextShard += 1
            }
        }
    }

    public func makeIterator() -> Iterator { Iterator(shards) }
}

extension ShardedSet: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) {
        for element in elements { insert(element) }
    }
}
