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
        }
    }
}
