/// A hash of text that is the same in every process and on every platform (Swift's Hasher is
/// seeded per process): for values derived from names — an image's size and digest, a pod's
/// token-volume suffix — so they never take a draw from the simulation's random sequence.
public enum StableHash {
    /// 64-bit FNV-1a: of `text` alone, or of `text` after what `hash` already covers.
    public static func fnv1a(_ text: String, continuing hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = hash
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// `count` hex digits spread from `seed` by SplitMix64.
    public static func hex(_ seed: UInt64, count: Int) -> String {
        var words = SeededRandom(seed: seed)
        var out = ""
        while out.count < count {
            let word = String(words.next(), radix: 16)
            out += String(repeating: "0", count: 16 - word.count) + word
        }
        return String(out.prefix(count))
    }
}
