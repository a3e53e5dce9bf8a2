/// A key that keeps the hash of its strings (`ObjectKey`, `PrehashedString`, `ObjectInstance`,
/// `EventSource`). A Swift set or dictionary does not ask `hash(into:)` for a bucket
/// but `_rawHashValue(seed:)`, whose default runs a whole SipHash over what `hash(into:)` feeds
/// it — here a single Int that is already a SipHash. Every lookup in the store, the work
/// queues and the indexes paid that (~200 instructions); mixing the kept hash with the table's
/// seed costs a few.
public protocol PrehashedKey: ShardingKey {
    /// The hash of the key's contents, made once (with the process's random SipHash key).
    var prehash: Int { get }
}

extension PrehashedKey {
    public func hash(into hasher: inout Hasher) { hasher.combine(prehash) }

    public func _rawHashValue(seed: Int) -> Int { PrehashMixing.mix(prehash, seed: seed) }

    public var shardingHash: Int { prehash }
}

enum PrehashMixing {
    /// MurmurHash3's 64-bit finalizer over the kept hash and the table's seed: tables with
    /// different seeds order the same keys differently (what the per-table seed is for: copying
    /// one table's keys into another in its order must not cluster them), and every bit of the
    /// kept hash reaches the low bits a bucket is chosen by.
    @inline(__always)
    static func mix(_ hash: Int, seed: Int) -> Int {
        var x = UInt64(truncatingIfNeeded: hash ^ seed)
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return Int(truncatingIfNeeded: x)
    }
}
