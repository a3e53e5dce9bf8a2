import Foundation

/// Parses the label selector syntax (`-l`, `labelSelector=`) the way apimachinery's
/// labels.Parse does — a lexer, then a recursive descent over its tokens — so a malformed
/// selector fails with the same words the API server sends back.
public enum SelectorParser {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ text: String) throws -> LabelSelector {
        var parser = Parser(tokens: Lexer.tokens(text))
        return LabelSelector(requirements: try parser.parse())
    }

    enum Token: Equatable {
        case identifier(String)
        case endOfString, openParen, closedParen, comma, doesNotExist, equals, doubleEquals, notEquals, greaterThan, lessThan
        case `in`, notIn
        case error(String)

        var literal: String {
            switch self {
            case .identifier(let s), .error(let s): s
            case .endOfString: ""
            case .openParen: "("
            case .closedParen: ")"
            case .comma: ","
            case .doesNotExist: "!"
            case .equals: "="
            case .doubleEquals: "=="
            case .notEquals: "!="
            case .greaterThan: ">"
            case .lessThan: "<"
            case .in: "in"
            case .notIn: "notin"
            }
        }
    }

    enum Lexer {
        static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
        static func isSpecial(_ c: UInt8) -> Bool { "=!(),><".utf8.contains(c) }

        static func tokens(_ text: String) -> [Token] {
            let bytes = Array(text.utf8)
            var i = 0
            var out: [Token] = []
            while true {
                while i < bytes.count && isWhitespace(bytes[i]) { i += 1 }
                guard i < bytes.count else { out.append(.endOfString); return out }
                let c = bytes[i]
                if isSpecial(c) {
                    let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
                    switch c {
                    case UInt8(ascii: "("): out.append(.openParen); i += 1
                    case UInt8(ascii: ")"): out.append(.closedParen); i += 1
                    case UInt8(ascii: ","): out.append(.comma); i += 1
                    case UInt8(ascii: ">"): out.append(.greaterThan); i += 1
                    case UInt8(ascii: "<"): out.append(.lessThan); i += 1
                    case UInt8(ascii: "!"):
                        if next == UInt8(ascii: "=") { out.append(.notEquals); i += 2 } else { out.append(.doesNotExist); i += 1 }
                    default: // "="
                        if next == UInt8(ascii: "=") { out.append(.doubleEquals); i += 2 } else { out.append(.equals); i += 1 }
                    }
                    continue
                }
                let start = i
                while i < bytes.count && !isSpecial(bytes[i]) && !isWhitespace(bytes[i]) { i += 1 }
                let word = String(decoding: bytes[start..<i], as: UTF8.self)
                out.append(word == "in" ? .in : word == "notin" ? .notIn : .identifier(word))
            }
        }
    }

    struct Parser {
        let tokens: [Token]
        var position = 0

        /// `in` and `notin` are values where a value is expected (`x in (in)`).
        func lookahead(values: Bool = true) -> Token { Self.asValue(tokens[position], values) }
        mutating func consume(values: Bool = true) -> Token {
            position += 1
            return Self.asValue(tokens[position - 1], values)
        }
        static func asValue(_ token: Token, _ values: Bool) -> Token {
            guard values else { return token }
            if token == .in { return .identifier("in") }
            if token == .notIn { return .identifier("notin") }
            return token
        }

        mutating func parse() throws -> [LabelSelector.Requirement] {
            var requirements: [LabelSelector.Requirement] = []
            while true {
                switch lookahead() {
                case .identifier, .doesNotExist:
                    do {
                        requirements.append(try parseRequirement())
                    } catch let error as ParseError {
                        throw ParseError(description: "unable to parse requirement: \(error.description)")
                    }
                    let next = consume()
                    switch next {
                    case .endOfString: return requirements
                    case .comma:
                        let after = lookahead()
                        guard case .identifier = after, true else {
                            if after == .doesNotExist { continue }
                            throw ParseError(description: "found '\(after.literal)', expected: identifier after ','")
                        }
                    default:
                        throw ParseError(description: "found '\(next.literal)', expected: ',' or 'end of string'")
                    }
                case .endOfString:
                    return requirements
                case let other:
                    throw ParseError(description: "found '\(other.literal)', expected: !, identifier, or 'end of string'")
                }
            }
        }

        mutating func parseRequirement() throws -> LabelSelector.Requirement {
            var token = consume()
            var negated = false
            if token == .doesNotExist {
                negated = true
                token = consume()
            }
            guard case .identifier(let key) = token else {
                throw ParseError(description: "found '\(token.literal)', expected: identifier")
            }
            let next = lookahead()
            if negated || next == .endOfString || next == .comma {
                try SelectorParser.validateKey(key)
                return .init(key: key, op: negated ? .doesNotExist : .exists)
            }
            let opToken = consume(values: false)
            let op: LabelSelector.Requirement.Operator
            switch opToken {
            case .in: op = .in
            case .notIn: op = .notIn
            case .equals, .doubleEquals: op = .equals
            case .notEquals: op = .notEquals
            case .greaterThan: op = .greaterThan
            case .lessThan: op = .lessThan
            default:
                throw ParseError(description: "found '\(opToken.literal)', expected: in, notin, =, ==, !=, gt, lt")
            }
            let values = op == .in || op == .notIn ? try parseValues() : try parseExactValue()
            try SelectorParser.validateKey(key)
            if (op == .in || op == .notIn) && values.isEmpty {
                throw ParseError(description: "<nil>: Invalid value: null: for 'in', 'notin' operators, values set can't be empty")
            }
            for value in values {
                if op == .greaterThan || op == .lessThan, Int64(value) == nil {
                    throw ParseError(description: "<nil>: Invalid value: \"\(value)\": for 'Gt', 'Lt' operators, the value must be an integer")
                }
                try SelectorParser.validateValue(value)
            }
            return .init(key: key, op: op, values: values)
        }

        /// `(a,b,c)`: the set of values (duplicates removed, empty values allowed as upstream).
        mutating func parseValues() throws -> [String] {
            let open = consume()
            guard open == .openParen else { throw ParseError(description: "found '\(open.literal)' expected: '('") }
            let first = lookahead()
            switch first {
            case .closedParen:
                _ = consume()
                return [""]
            case .identifier, .comma:
                var values: [String] = []
                while true {
                    let token = consume()
                    switch token {
                    case .identifier(let value):
                        if !values.contains(value) { values.append(value) }
                        let after = lookahead()
                        if after == .comma { continue }
                        if after == .closedParen { _ = consume(); return values }
                        throw ParseError(description: "found '\(after.literal)', expected: ',' or ')'")
                    case .comma:
                        if values.isEmpty { values.append("") }
                        let after = lookahead()
                        if after == .closedParen {
                            if !values.contains("") { values.append("") }
                            _ = consume()
                            return values
                        }
                        if after == .comma {
                            _ = consume()
                            if !values.contains("") { values.append("") }
                        }
                    default:
                        throw ParseError(description: "found '\(token.literal)', expected: ',', or identifier")
                    }
                }
            default:
                throw ParseError(description: "found '\(first.literal)', expected: ',', ')' or identifier")
            }
        }

        mutating func parseExactValue() throws -> [String] {
            let next = lookahead()
            if next == .endOfString || next == .comma { return [""] }
            let token = consume()
            guard case .identifier(let value) = token else {
                throw ParseError(description: "found '\(token.literal)', expected: identifier")
            }
            return [value]
        }
    }

    static func validateKey(_ key: String) throws {
        let errors = LabelValidation.keyErrors(key)
        if !errors.isEmpty {
            throw ParseError(description: "<nil>: Invalid value: \"\(key)\": \(errors.joined(separator: "; "))")
        }
    }

    static func validateValue(_ value: String) throws {
        let errors = LabelValidation.valueErrors(value)
        if !errors.isEmpty {
            throw ParseError(description: "<nil>: Invalid value: \"\(value)\": \(errors.joined(separator: "; "))")
        }
    }
}
