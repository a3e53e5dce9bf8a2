import PropertyBased
import Testing
@testable import Commands

/// Strings written straight into bytes (lists, watches, tables) are quoted as the scalar-by-scalar
/// quoting of the pretty printer quotes them, Go's escapes included (`<`, `>`, `&`, controls),
/// whether or not the string has anything to escape.
@Suite struct JSONQuotingPropertyTests {
    /// Controls, the escaped ASCII characters, plain ASCII and multi-byte scalars.
    static let scalars = Gen.unicodeScalar(in: "\u{0}"..."\u{2FF}")

    static func bytes(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        JSONValue.writeQuoted(s, into: &out)
        return out
    }

    @Test func bytesAreThePrettyPrintersQuoting() async {
        await propertyCheck(count: 1000, input: Self.scalars.array(of: 0...40)) { scalars in
            var s = ""
            s.unicodeScalars.append(contentsOf: scalars)
            #expect(Self.bytes(s) == Array(JSONValue.quote(s).utf8), "\(scalars.map(\.value))")
        }
    }

    @Test func commonStringsAreCopiedAsTheyAre() {
        let long = String(repeating: "web-5d8f7c9b4-", count: 20)
        for s in ["", "a", "default", "0b8e2a4c-1f3d-4e5a-9b7c-6d8e0f1a2b3c", long, "héllo-wörld"] {
            #expect(Self.bytes(s) == Array("\"\(s)\"".utf8))
        }
        #expect(Self.bytes("a<b>&\"c\"\\\n") == Array(#""a\u003cb\u003e\u0026\"c\"\\\n""#.utf8))
        // A string bridged or sliced from another is read the same way.
        let sliced = String(long.dropFirst(4).prefix(30))
        #expect(Self.bytes(sliced) == Array("\"\(sliced)\"".utf8))
    }
}
