import Foundation

/// Parses kubectl's `-l` syntax into a LabelSelector, with apimachinery's error wording.
public enum SelectorParser {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ text: String) throws -> LabelSelector {
        var requirements: [LabelSelector.Requirement] = []
        for part in splitTopLevel(text) {
            let term = part.trimmingCharacters(in: .whitespaces)
            if term.isEmpty { continue }
            requirements.append(try parseTerm(term))
        }
        return LabelSelector(requirements: requirements)
    }

    /// Splits on commas that are not inside parentheses.
    private static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for ch in text {
            if ch == "(" { depth += 1 }
            if ch == ")" { depth -= 1 }
            if ch == "," && depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        parts.append(current)
        return parts
    }

    private static func parseTerm(_ term: String) throws -> LabelSelector.Requirement {
        if term.hasPrefix("!") {
            let key = term.dropFirst().trimmingCharacters(in: .whitespaces)
            try validateKey(key)
            return .init(key: key, op: .doesNotExist)
        }
        for (token, op) in [(" notin ", LabelSelector.Requirement.Operator.notIn), (" in ", .in)] {
            if let range = term.range(of: token) {
                let key = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let rest = term[range.upperBound...].trimmingCharacters(in: .whitespaces)
                guard rest.hasPrefix("("), rest.hasSuffix(")") else {
                    throw ParseError(description: "found '\(rest.prefix(1))', expected: '('")
                }
                let values = rest.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                try validateKey(key)
                for value in values { try validateValue(value) }
                return .init(key: key, op: op, values: values)
            }
        }
        for (token, op) in [("!=", LabelSelector.Requirement.Operator.notEquals), ("==", .equals), ("=", .equals)] {
            if let range = term.range(of: token) {
                let key = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = term[range.upperBound...].trimmingCharacters(in: .whitespaces)
                try validateKey(key)
                try validateValue(value)
                return .init(key: key, op: op, values: [value])
            }
        }
        try validateKey(term)
        return .init(key: term, op: .exists)
    }

    private static func validateKey(_ key: String) throws {
        let errors = LabelValidation.keyErrors(key)
        if !errors.isEmpty {
            throw ParseError(description: "unable to parse requirement: <nil>: Invalid value: \"\(key)\": \(errors.joined(separator: "; "))")
        }
    }

    private static func validateValue(_ value: String) throws {
        let errors = LabelValidation.valueErrors(value)
        if !errors.isEmpty {
            throw ParseError(description: "unable to parse requirement: <nil>: Invalid value: \"\(value)\": \(errors.joined(separator: "; "))")
        }
    }
}
