import Foundation

/// Promises every target's answers keep.
enum FuzzChecks {
    /// Fragments of Swift's own descriptions of values and errors: text meant for a debugger,
    /// which a user should never read in an error.
    static let leakedDescriptions = ["Optional(", "Swift.", "Foundation.", "Error Domain=", "NSCocoaErrorDomain", "(extension in ", "<unknown>"]

    /// A refusal says something, on its first line, without Swift's descriptions of values.
    static func kubectlError(_ text: String) throws(FuzzFinding) {
        let firstLine = text.prefix { $0 != "\n" }
        if firstLine.trimmingCharacters(in: .whitespaces).isEmpty {
            throw FuzzFinding("refused without a message on its first line: \(text.prefix(120).debugDescription)")
        }
        try plainText(text)
    }

    /// No Swift description of a value or error leaks into what a user reads.
    static func plainText(_ text: String) throws(FuzzFinding) {
        let bytes = Array(text.utf8)
        for fragment in leakedDescriptions where contains(bytes, Array(fragment.utf8)) {
            throw FuzzFinding("an answer shows Swift's description of a value (\(fragment)): \(text.prefix(160).debugDescription)")
        }
    }

    /// A plain byte search: Foundation's `contains` compares Unicode-aware and costs more than
    /// the target on long answers.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var start = 0
        while let found = haystack[start...].firstIndex(of: first), found + needle.count <= haystack.count {
            if haystack[found..<(found + needle.count)].elementsEqual(needle) { return true }
            start = found + 1
        }
        return false
    }
}
