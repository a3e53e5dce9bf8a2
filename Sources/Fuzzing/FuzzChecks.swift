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

    /// How kubectl's refusals begin: its own errors, the API server's (with their reason), an
    /// Invalid object's summary, or a warning printed before the error.
    static let kubectlErrorOpenings = ["error: ", "Error from server", "The ", "Warning: "]

    /// A refusal opens the way kubectl's do.
    static func kubectlWording(_ text: String) throws(FuzzFinding) {
        guard kubectlErrorOpenings.contains(where: text.hasPrefix) else {
            throw FuzzFinding("a refusal not in kubectl's words: \(text.prefix(120).debugDescription)")
        }
    }

    /// No Swift description of a value or error leaks into what a user reads.
    static func plainText(_ text: String) throws(FuzzFinding) {
        for fragment in leakedDescriptions where text.contains(fragment) {
            throw FuzzFinding("an answer shows Swift's description of a value (\(fragment)): \(text.prefix(160).debugDescription)")
        }
    }
}
