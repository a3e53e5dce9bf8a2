import Testing
@testable import Cluster

/// Container ids and image digests are hex digits drawn from a seed: written digit by digit
/// now, they must be the digits the word-by-word version wrote (saved sessions and digests
/// name them).
struct StableHashHexTests {
    static func wordByWord(_ seed: UInt64, count: Int) -> String {
        var words = SeededRandom(seed: seed)
        var out = ""
        while out.count < count {
            let word = String(words.next(), radix: 16)
            out += String(repeating: "0", count: 16 - word.count) + word
        }
        return String(out.prefix(count))
    }

    @Test(arguments: [0, 1, 15, 16, 17, 36, 64, 70])
    func digitsAreTheWordByWordDigits(_ count: Int) {
        for seed: UInt64 in [0, 1, 42, 0xdead_beef, .max] {
            #expect(StableHash.hex(seed, count: count) == Self.wordByWord(seed, count: count), "seed \(seed)")
            // A container id: the prefix and the same digits, written in one string.
            #expect(StableHash.hex(seed, count: count, after: "containerd://") == "containerd://" + Self.wordByWord(seed, count: count))
        }
    }
}

/// Image sizes, digests and token-volume suffixes come from FNV-1a over names: the bytes must
/// hash to the published FNV-1a values whether read from the string's buffer or its UTF-8 view
/// (a string with multi-byte letters too).
struct StableHashFNVTests {
    @Test func namesHashToThePublishedValues() {
        #expect(StableHash.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(StableHash.fnv1a("foobar") == 0x8594_4171_f739_67e8)
        #expect(StableHash.fnv1a("bar", continuing: StableHash.fnv1a("foo")) == StableHash.fnv1a("foobar"))
        let name = "café-\u{1F680}/registry.example/bench:1.0"
        var byBytes: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { byBytes = (byBytes ^ UInt64(byte)) &* 0x100_0000_01b3 }
        #expect(StableHash.fnv1a(name) == byBytes)
    }
}
