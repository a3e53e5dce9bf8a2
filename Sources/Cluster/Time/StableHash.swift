/// A hash of text that is the same in every process and on every platform (Swift's Hasher is
/// seeded per process): for values derived from names — an image's size and digest, a pod's
/// token-volume suffix — so they never take a draw from the simulation's random sequence.
public enum StableHash {
    /// 64-bit FNV-1a: of `text` alone, or of `text` after what `hash` already covers.
    public static func fnv1a(_ text: String, continuing hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        // A native string's bytes are read straight from its buffer: stepping through its
        // UTF-8 view costs several times as much a byte, and a pod's admission and image size
        // hash names this way (~1% of a build-up).
        text.utf8.withContiguousStorageIfAvailable { fnv1a(bytes: $0, continuing: hash) } ?? fnv1a(bytes: text.utf8, continuing: hash)
    }

    @inline(__always)
    private static func fnv1a<Bytes: Sequence<UInt8>>(bytes: Bytes, continuing hash: UInt64) -> UInt64 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// `count` hex digits spread from `seed` by SplitMix64.
    /// Written into one string, eight digits at a time: every container start names its
    /// container id and image digest with these (64 digits each).
    public static func hex(_ seed: UInt64, count: Int, after prefix: String = "") -> String {
        guard count > 0 else { return prefix }
        var words = SeededRandom(seed: seed)
        // After `prefix` in the same string (a container id's `containerd://`): one allocation.
        return String(unsafeUninitializedCapacity: prefix.utf8.count + count) { out in
            var at = out.copyUTF8(of: prefix, at: 0)
            let end = at + count
            while at < end { at = HexDigits.write(words.next(), count: min(16, end - at), leading: true, into: out, at: at) }
            return end
        }
    }
}
