import Foundation
import PropertyBased
import Testing
@testable import Cluster

/// Every pod's name is checked as an RFC 1123 subdomain in one pass over its bytes: it must
/// answer as upstream's regular expression does.
@Suite struct SubdomainPropertyTests {
    static let regex = try! NSRegularExpression(pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    static let text = Gen.element(of: Array("ab9-.A_é")).array(of: 0...12).map { String($0.compactMap { $0 }) }

    static func matchesRegex(_ s: String) -> Bool {
        regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    @Test func answersAsTheRegularExpression() async {
        await propertyCheck(count: 3000, input: Self.text) { name in
            #expect(LabelValidation.isDNS1123Subdomain(name) == Self.matchesRegex(name), "\(name)")
        }
    }

    @Test func edgeCases() {
        for name in ["", ".", "a", "a.", ".a", "a..b", "a-", "-a", "a-b", "a.b-c.d", "web-7d9f5-x2k4q", "A", "a_b"] {
            #expect(LabelValidation.isDNS1123Subdomain(name) == Self.matchesRegex(name), "\(name)")
        }
    }
}
