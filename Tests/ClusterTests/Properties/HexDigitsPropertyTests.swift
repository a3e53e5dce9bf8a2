import PropertyBased
import Testing
@testable import Cluster

/// Hex digits written eight at a time must be the digits `String(_:radix:)` gives: uids,
/// container ids, image digests and event names are made of them, and the state digest (and
/// every rehearsed run) depends on each one staying as it was.
@Suite struct HexDigitsPropertyTests {
    static func padded(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func written(_ value: UInt64, count: Int, leading: Bool) -> String {
        String(unsafeUninitializedCapacity: count + 2) { out in
            out[0] = UInt8(ascii: "<")
            let end = HexDigits.write(value, count: count, leading: leading, into: out, at: 1)
            out[end] = UInt8(ascii: ">")
            return end + 1
        }
    }

    @Test func sixteenDigitsAreTheNumberInHexWithLeadingZeros() async {
        await propertyCheck(count: 2000, input: Gen.uint64()) { value in
            #expect(Self.written(value, count: 16, leading: false) == "<\(Self.padded(value))>")
        }
        for value: UInt64 in [0, 9, 10, 15, 0x9a9a_9a9a_9a9a_9a9a, .max] {
            #expect(Self.written(value, count: 16, leading: false) == "<\(Self.padded(value))>")
        }
    }

    @Test func aShorterRunIsTheLastDigitsOrWithLeadingTheFirst() async {
        await propertyCheck(count: 2000, input: Gen.uint64(), Gen.int(in: 1...16)) { value, count in
            let all = Self.padded(value)
            #expect(Self.written(value, count: count, leading: false) == "<\(all.suffix(count))>")
            #expect(Self.written(value, count: count, leading: true) == "<\(all.prefix(count))>")
        }
    }

    /// A uid is the two draws in 8-4-4-4-12 form, the version and variant set in place.
    @Test func uidsAreTheTwoDrawsInUUIDForm() async {
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            let store = Store(clock: VirtualClock(), random: RandomSource(seed: seed))
            var reference = SeededRandom(seed: seed)
            let high = (reference.next() & ~(0xF << 12)) | (4 << 12)
            let low = (reference.next() & ~(0xC << 60)) | (8 << 60)
            let digits = Array(Self.padded(high) + Self.padded(low))
            let expected = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }.joined(separator: "-")
            #expect(store.newUID() == expected)
        }
    }

    @Test func containerIDsAndDigestsAreSplitMixWordsInHex() async {
        await propertyCheck(count: 300, input: Gen.uint64(), Gen.int(in: 1...70)) { seed, count in
            var words = SeededRandom(seed: seed)
            var expected = ""
            while expected.count < count { expected += Self.padded(words.next()) }
            #expect(StableHash.hex(seed, count: count) == String(expected.prefix(count)))
        }
    }
}
