import Testing
@testable import Cluster

/// The selector grammar as apimachinery's labels.Parse reads it, with its error words.
@Suite struct SelectorSyntaxTests {
    @Test func theGrammarsCornersParseAsUpstream() throws {
        let labels = ["app": "web", "tier": "3", "in": "notin"]
        let cases: [(String, Bool)] = [
            ("  app = web ", true), ("app=web,tier", true), ("x in (in)", false), ("in=notin", true),
            ("tier>2", true), ("tier<3", false), ("app in (a,,web)", true), ("app in ()", false),
            ("app=", false), ("app!=", true), ("!missing,app", true),
        ]
        for (text, expected) in cases {
            #expect(try SelectorParser.parse(text).matches(labels) == expected, "\(text)")
        }
    }

    @Test func malformedSelectorsFailWithTheAPIServersWords() {
        let cases: [(String, String)] = [
            ("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
            ("a=b=c", "found '=', expected: ',' or 'end of string'"),
            ("a=b c", "found 'c', expected: ',' or 'end of string'"),
            ("!", "unable to parse requirement: found '', expected: identifier"),
            ("a in (x", "unable to parse requirement: found '', expected: ',' or ')'"),
            ("a in x", "unable to parse requirement: found 'x' expected: '('"),
            (",a", "found ',', expected: !, identifier, or 'end of string'"),
            ("a,", "found '', expected: identifier after ','"),
            ("a>x", "unable to parse requirement: <nil>: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ]
        for (text, message) in cases {
            #expect(throws: SelectorParser.ParseError(description: message), "\(text)") { try SelectorParser.parse(text) }
        }
    }
}
