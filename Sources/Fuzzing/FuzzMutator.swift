import Cluster

/// Turns one input into a nearby one, drawn from its own seeded sequence so the same seed gives
/// the same inputs. The mutations are the classic byte-level ones (flip, insert, delete,
/// duplicate, splice, truncate) plus those that find parser bugs fastest in text formats:
/// dictionary words, numbers swapped for boundary numbers, and a chunk repeated hundreds of
/// times (deep nesting, long lines, many documents).
struct FuzzMutator {
    var random: SeededRandom
    let dictionary: [[UInt8]]
    let maxLength: Int

    static let boundaryNumbers: [String] = [
        "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "1e309", "-0", "0x7fffffff",
        "1.5", "NaN", ".inf", "007",
    ]
    static let interestingBytes: [UInt8] = [0, 0xff, 0x0a, 0x0d, 0x09, 0x22, 0x27, 0x3a, 0x7b, 0x7d, 0x5b, 0x5d,
                                            0x2d, 0x5c, 0x80, 0xc3, 0xe2, 0x25, 0x26, 0x2a, 0x23, 0x3d, 0x2c, 0x20]

    init(seed: UInt64, dictionary: [[UInt8]], maxLength: Int) {
        random = SeededRandom(seed: seed ^ 0x6675_7a7a_6d75_7461)
        self.dictionary = dictionary
        self.maxLength = maxLength
    }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(random.next() % UInt64(bound)) }

    /// One to eight stacked mutations of `input`; `other` is another corpus entry to splice with.
    mutating func mutate(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...below(8) { mutateOnce(&bytes, other: other) }
        if bytes.count > maxLength { bytes.removeLast(bytes.count - maxLength) }
        return bytes
    }

    private mutating func mutateOnce(_ bytes: inout [UInt8], other: [UInt8]) {
        switch below(11) {
        case 0 where !bytes.isEmpty:
            bytes[below(bytes.count)] ^= UInt8(1) << UInt8(below(8))
        case 1 where !bytes.isEmpty:
            bytes[below(bytes.count)] = Self.interestingBytes[below(Self.interestingBytes.count)]
        case 2:
            bytes.insert(Self.interestingBytes[below(Self.interestingBytes.count)], at: below(bytes.count + 1))
        case 3 where !bytes.isEmpty:
            let start = below(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + below(16)))
        case 4 where !bytes.isEmpty:
            let start = below(bytes.count), end = min(bytes.count, start + 1 + below(64))
            bytes.insert(contentsOf: bytes[start..<end], at: below(bytes.count + 1))
        case 5 where !dictionary.isEmpty:
            bytes.insert(contentsOf: dictionary[below(dictionary.count)], at: below(bytes.count + 1))
        case 6:
            replaceNumber(&bytes)
        case 7 where !other.isEmpty:
            let cut = below(bytes.count + 1), from = below(other.count)
            bytes = Array(bytes[..<cut]) + other[from...]
        case 8 where !bytes.isEmpty:
            // A chunk repeated: nesting ("[[[[", "  - " at growing depth), long lines, many documents.
            let start = below(bytes.count), end = min(bytes.count, start + 1 + below(8))
            let chunk = Array(bytes[start..<end])
            let times = 2 + below(max(2, min(2000, (maxLength - bytes.count) / max(1, chunk.count))))
            var repeated: [UInt8] = []
            repeated.reserveCapacity(chunk.count * times)
            for _ in 0..<times { repeated += chunk }
            bytes.insert(contentsOf: repeated, at: start)
        case 9 where bytes.count > 1:
            bytes.removeLast(below(bytes.count))
        case 10:
            swapLines(&bytes)
        default:
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: below(bytes.count + 1))
        }
    }

    /// A run of digits (or the end of the input) replaced by a boundary number.
    private mutating func replaceNumber(_ bytes: inout [UInt8]) {
        let number = Array(Self.boundaryNumbers[below(Self.boundaryNumbers.count)].utf8)
        let digits = bytes.indices.filter { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
        guard !digits.isEmpty else {
            bytes.insert(contentsOf: number, at: below(bytes.count + 1))
            return
        }
        var start = digits[below(digits.count)], end = start + 1
        while start > 0, bytes[start - 1] >= 0x30, bytes[start - 1] <= 0x39 { start -= 1 }
        while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
        bytes.replaceSubrange(start..<end, with: number)
    }

    /// Two lines change places: a field moves to another object, a document to another place.
    private mutating func swapLines(_ bytes: inout [UInt8]) {
        var lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return }
        lines.swapAt(below(lines.count), below(lines.count))
        bytes = Array(lines.joined(separator: [0x0a]))
    }
}
