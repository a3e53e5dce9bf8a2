import PropertyBased
import Testing
@testable import Cluster

/// Label selectors over generated requirements and label sets: the printed form parses back to
/// a selector that prints the same and selects the same labels, and matching agrees with the
/// set semantics apimachinery documents (written out again here, independently).
@Suite struct SelectorPropertyTests {
    static let keys = ["app", "tier", "env", "example.com/team", "k8s.io/role", "a", "b-c", "x.y_z"]
    /// Label values (alphanumeric at both ends, so no negative numbers: apimachinery validates
    /// the value of `>` and `<` as a label value too).
    static let values = ["web", "db", "a1", "prod", "x-y", "1", "42", "7", "A.b_c"]
    static let numbers = ["0", "1", "7", "42", "100"]

    typealias Requirement = LabelSelector.Requirement

    static let requirement = zip(Gen.element(of: keys), Gen.int(in: 0...7), Gen.element(of: values).array(of: 1...3),
                                 Gen.element(of: numbers), Gen.bool)
        .map { key, op, picked, number, empty -> Requirement in
            let values: [String] = picked.compactMap { $0 }
            return switch op {
            case 0: Requirement(key: key!, op: .equals, values: [empty ? "" : values[0]])
            case 1: Requirement(key: key!, op: .notEquals, values: [empty ? "" : values[0]])
            case 2: Requirement(key: key!, op: .in, values: Array(Set(values)).sorted())
            case 3: Requirement(key: key!, op: .notIn, values: Array(Set(values)).sorted())
            case 4: Requirement(key: key!, op: .exists)
            case 5: Requirement(key: key!, op: .doesNotExist)
            case 6: Requirement(key: key!, op: .greaterThan, values: [number!])
            default: Requirement(key: key!, op: .lessThan, values: [number!])
            }
        }
    static let selector = requirement.array(of: 0...4).map { LabelSelector(requirements: $0) }
    static let labels = zip(Gen.element(of: keys), Gen.element(of: values + numbers + ["", "-3"])).array(of: 0...5)
        .map { pairs in Dictionary(pairs.map { ($0!, $1!) }, uniquingKeysWith: { first, _ in first }) }

    /// What a requirement selects, from the operator's definition.
    static func selects(_ r: Requirement, _ labels: [String: String]) -> Bool {
        let value = labels[r.key]
        switch r.op {
        case .equals, .in: return value.map { Set(r.values).contains($0) } ?? false
        case .notEquals, .notIn: return value.map { !Set(r.values).contains($0) } ?? true
        case .exists: return value != nil
        case .doesNotExist: return value == nil
        case .greaterThan, .lessThan:
            guard let have = value.flatMap({ Int64($0) }), let bound = Int64(r.values[0]) else { return false }
            return r.op == .greaterThan ? have > bound : have < bound
        }
    }

    @Test func printedSelectorsParseBackToTheSameSelector() async {
        await propertyCheck(count: 1000, input: Self.selector) { selector in
            let text = selector.description
            let parsed = try? SelectorParser.parse(text)
            #expect(parsed?.description == text, "\(text)")
        }
    }

    @Test func aParsedSelectorSelectsWhatItsRequirementsSelect() async {
        await propertyCheck(count: 1000, input: Self.selector, Self.labels) { selector, labels in
            let parsed = try? SelectorParser.parse(selector.description)
            let expected = selector.requirements.allSatisfy { Self.selects($0, labels) }
            #expect(parsed?.matches(labels) == expected, "\(selector.description) over \(labels)")
            #expect(selector.matches(labels) == expected)
        }
    }
}
