import PropertyBased
import Testing
@testable import Cluster

/// Label sets are checked first by quick yes/no answers and only spelled out when one fails:
/// the quick answers must agree with the messages, or a bad label would be let through (or a
/// good one refused with no reason given).
@Suite struct LabelValidationPropertyTests {
    /// Keys and values from an alphabet with the separators, a capital, a non-ASCII letter and
    /// a character never allowed, up to lengths either side of the 63-byte limit.
    static let text = Gen.element(of: Array("ab9-._/A@é")).array(of: 0...70).map { String($0.compactMap { $0 }) }

    @Test func aQuickAnswerAgreesWithTheMessages() async {
        await propertyCheck(count: 3000, input: Self.text) { s in
            #expect(LabelValidation.isValidKey(s) == LabelValidation.keyErrors(s).isEmpty, "key \(s)")
            #expect(LabelValidation.isValidValue(s) == LabelValidation.valueErrors(s).isEmpty, "value \(s)")
        }
    }

    @Test func edgeCases() {
        let long = String(repeating: "a", count: 63)
        for s in ["", "a", "app", "pod-template-hash", "example.com/app", "/app", "a/b/c", "example.com/", "Example.com/app",
                  long, long + "a", "a." + long, "-a", "a-", "a_b", "é", "app.kubernetes.io/name"] {
            #expect(LabelValidation.isValidKey(s) == LabelValidation.keyErrors(s).isEmpty, "key \(s)")
            #expect(LabelValidation.isValidValue(s) == LabelValidation.valueErrors(s).isEmpty, "value \(s)")
        }
    }

    @Test func anInvalidLabelAmongValidOnesIsStillReported() {
        let causes = Validation.labelErrors(["app": "web", "tier": "front", "b@d": "x", "ok": "-no"], path: "metadata.labels")
        #expect(causes.count == 2)
        #expect(causes.first?.hasPrefix("metadata.labels: Invalid value: \"b@d\": name part must consist of") == true)
        #expect(causes.last?.hasPrefix("metadata.labels: Invalid value: \"-no\": a valid label must be an empty string") == true)
        #expect(Validation.labelErrors(["app": "web", "pod-template-hash": "7d9f5"], path: "metadata.labels").isEmpty)
    }
}
