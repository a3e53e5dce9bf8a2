import Cluster
import PropertyBased
import Testing
@testable import Commands

/// kubectl's JSONPath over generated documents: a path of field names reads what walking the
/// document by hand reads, and no template, however malformed, makes it trap.
@Suite struct JSONPathPropertyTests {
    static let keys = ["a", "b", "name", "items"]

    /// A document of nested objects from a seed: fields from `keys`, leaves strings and numbers.
    static func document(_ seed: UInt64) -> JSONValue {
        var random = SeededRandom(seed: seed)
        func build(_ depth: Int) -> JSONValue {
            let fields = Self.keys.filter { _ in random.next() % 3 != 0 }
            return .object(fields.map { key in
                switch random.next() % 4 {
                case 0 where depth < 4: (key, build(depth + 1))
                case 1: (key, .int(Int64(random.next() % 1000)))
                case 2 where depth < 4: (key, .array([build(depth + 1), .string("x\(random.next() % 10)")]))
                default: (key, .string("v\(random.next() % 100)"))
                }
            })
        }
        return build(0)
    }

    /// The value at `path` walking objects by hand, if every step is an object field.
    static func lookUp(_ path: [String], in value: JSONValue) -> JSONValue? {
        guard let first = path.first else { return value }
        guard case .object(let fields) = value, let next = fields.first(where: { $0.0 == first })?.1 else { return nil }
        return lookUp(Array(path.dropFirst()), in: next)
    }

    static let path = Gen.element(of: keys).array(of: 1...4).map { $0.compactMap { $0 } }
    static let template = Gen.element(of: ["{", "}", ".", "a", "[", "]", "*", "?", "@", "(", ")", "==", "'", "\"", ",", "range", "end", ":", "-1", "..", " "])
        .array(of: 0...14).map { $0.compactMap { $0 }.joined() }

    @Test func aFieldPathReadsWhatWalkingTheDocumentReads() async {
        await propertyCheck(count: 1000, input: Gen.uint64(), Self.path) { seed, path in
            let document = Self.document(seed)
            let output = try? JSONPath("{." + path.joined(separator: ".") + "}").execute(document)
            switch Self.lookUp(path, in: document) {
            case .string(let text)?: #expect(output == text)
            case .int(let number)?: #expect(output == String(number))
            case nil: #expect(output == "", "a missing field prints nothing (kubectl's --allow-missing-template-keys)")
            default: #expect(output != nil)
            }
        }
    }

    @Test func noTemplateMakesItTrap() async {
        await propertyCheck(count: 1000, input: Gen.uint64(), Self.template) { seed, template in
            _ = try? JSONPath(template).execute(Self.document(seed))
        }
    }
}
