import PropertyBased
import Testing
@testable import Cluster

/// Generated names (storage/names): the base cut to 58 characters, then five characters of the
/// vowel-free alphabet; the same seed gives the same name.
@Suite struct NamingPropertyTests {
    static let base = Gen.element(of: Array("abcxyz019-.")).array(of: 0...80).map { String($0.compactMap { $0 }) }

    @Test func generatedNamesKeepTheBaseAndFitIn63Characters() async {
        await propertyCheck(count: 1000, input: Self.base, Gen.uint64()) { base, seed in
            var random = SeededRandom(seed: seed)
            let name = NameGenerator.generate(base: base, using: &random)
            #expect(name.count <= 63)
            #expect(name.count == min(base.count, 58) + 5)
            #expect(name.hasPrefix(base.prefix(58)))
            #expect(name.suffix(5).allSatisfy(NameGenerator.alphabet.contains))
            var again = SeededRandom(seed: seed)
            #expect(NameGenerator.generate(base: base, using: &again) == name)
        }
    }

    /// The names are written as bytes now; they must be the names the character-by-character
    /// version drew (a changed name would shift every name and digest after it).
    @Test func namesWrittenInPlaceAreTheNamesDrawnCharacterByCharacter() async {
        await propertyCheck(count: 1000, input: Self.base, Gen.uint64()) { base, seed in
            var random = SeededRandom(seed: seed), reference = SeededRandom(seed: seed)
            var expected = String(base.prefix(58))
            for _ in 0..<5 { expected.append(NameGenerator.alphabet[reference.int(in: 0...(NameGenerator.alphabet.count - 1))]) }
            #expect(NameGenerator.generate(base: base, using: &random) == expected)
            #expect(random.next() == reference.next(), "the draws that follow must be the same too")
        }
    }

    @Test func theTokenVolumesSuffixIsDrawnFromTheJoinedNamesHash() async {
        await propertyCheck(count: 500, input: Self.base, Self.base) { namespace, name in
            var draws = SeededRandom(seed: StableHash.fnv1a(namespace + "/" + name))
            let expected = String((0..<5).map { _ in NameGenerator.alphabet[draws.int(in: 0...(NameGenerator.alphabet.count - 1))] })
            #expect(PodAdmission.suffix(namespace: namespace, name: name) == expected)
        }
    }

    @Test func safeEncodingUsesTheAlphabetOnly() async {
        await propertyCheck(count: 1000, input: Gen.uint64()) { value in
            let encoded = NameGenerator.safeEncode(String(value))
            #expect(encoded.count == String(value).utf8.count)
            #expect(encoded.allSatisfy(NameGenerator.alphabet.contains))
        }
    }
}
