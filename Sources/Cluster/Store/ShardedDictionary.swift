/// A dictionary that grows in small pieces. A Swift dictionary that outgrows its storage moves
/// every entry into a table twice the size, all inside the one insertion that tipped it over:
/// at 100,000 pods (or events) that is one simulation step of 30–200 ms, and the tables that
/// grow with a scale-up tip over together. Past `Sharding.splitCount` entries this one spreads
/// its entries over `Sharding.shardCount` dictionaries by hash, so growing moves a 64th of them.
/// Order of iteration is unspecified, as a dictionary's is.
public struct ShardedDictionary<Key: ShardingKey, Value> {
    private var shards: [[Key: Value]] = [[:]]
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    @inline(__always)
    private func shard(of key: Key) -> Int { Sharding.shard(of: key, among: shards.count) }

    public subscript(key: Key) -> Value? {
        get { shards[shard(of: key)][key] }
        set {
            let s = shard(of: key)
            if let newValue {
                guard shards[s].updateValue(newValue, forKey: key) == nil else { return }
                count += 1
                splitIfLarge()
            } else if shards[s].removeValue(forKey: key) != nil {
                count -= 1
            }
        }
        // In place: `table[key]?.insert(x)` must not copy the value (a set of 100,000 pods).
        _modify {
            let s = shard(of: key)
            let before = shards[s].count
            yield &shards[s][key]
            count += shards[s].count - before
            splitIfLarge()
        }
    }

    /// Runs `body` on the value for `key` (made from `defaultValue` if missing), in place (no
    /// copy of the value). A plain call, not a `[key, default:]` subscript: its `_modify`, a
    /// coroutine holding an array's and a dictionary's accessors across its yield, outgrew its
    /// inline frame and allocated one on every call (an index insertion a pod write, an
    /// event's spam entry).
    @discardableResult
    public mutating func modify<R>(_ key: Key, default defaultValue: @autoclosure () -> Value, _ body: (inout Value) -> R) -> R {
        let s = shard(of: key)
        let before = shards[s].count
        let result = body(&shards[s][key, default: defaultValue()])
        count += shards[s].count - before
        splitIfLarge()
        return result
    }

    @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        guard let old = shards[shard(of: key)].removeValue(forKey: key) else { return nil }
        count -= 1
        return old
    }

    public mutating func removeAll() {
        shards = [[:]]
        count = 0
    }

    // Closures, not key paths: a key path into a generic type is built at run time on every
    // call (swift_getKeyPath), and these are read on every pod write.
    public var keys: some Sequence<Key> { shards.lazy.flatMap { $0.keys } }
    public var values: some Sequence<Value> { shards.lazy.flatMap { $0.values } }

    private mutating func splitIfLarge() {
        guard shards.count == 1, count > Sharding.splitCount else { return }
        let whole = shards.removeLast()
        shards = Array(repeating: [:], count: Sharding.shardCount)
        for (key, value) in whole { shards[shard(of: key)][key] = value }
    }
}

extension ShardedDictionary: Sequence {
    public func makeIterator() -> some IteratorProtocol<(key: Key, value: Value)> {
        shards.lazy.flatMap { $0.lazy.map { (key: $0.key, value: $0.value) } }.makeIterator()
    }
}

/// How the sharded tables split: small ones stay one table (an index key with five events
/// should not carry 64 empty ones); big ones pick a shard from the top bits of the key's hash,
/// which do not decide where the key sits inside its shard (each table seeds its own hashing).
/// The split itself rehashes every entry, and the tables of a scale-up (pods, their indexes,
/// events) all reach it at the same pod: at 4,096 that one step took 24 ms, so split early.
enum Sharding {
    static let shardCount = 64
    static let splitCount = 1_024

    @inline(__always)
    static func shard<Key: ShardingKey>(of key: Key, among count: Int) -> Int {
        count == 1 ? 0 : Int(truncatingIfNeeded: UInt(bitPattern: key.shardingHash) >> (UInt.bitWidth - 6))
    }
}

/// A key of a sharded table. Keys that keep the hash of their strings (`ObjectKey`,
/// `PrehashedString`) give it as their shard's source, so a lookup in a big table hashes once
/// (inside the shard) instead of twice; other keys use their `hashValue`.
public protocol ShardingKey: Hashable {
    var shardingHash: Int { get }
}

extension ShardingKey {
    public var shardingHash: Int { hashValue }
}

extension String: ShardingKey {}
