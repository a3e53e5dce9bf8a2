import Cluster
import Commands
import Foundation
import KubeAPI

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

    /// A cluster a target let go of is freed: one kept alive by a reference cycle (a clock's
    /// timer holding a component strongly, say) keeps every object it held for the rest of the
    /// process, and the run's memory grows with the inputs.
    static func freed(_ store: Store?) throws(FuzzFinding) {
        guard let store else { return }
        throw FuzzFinding("a cluster let go of was not freed: something still holds its store (\(store.count(Pod.self)) pods, resourceVersion \(store.currentResourceVersion))")
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

    // MARK: the HTTP API

    /// The reasons kube-apiserver puts in a failed Status (apimachinery metav1.StatusReason), with
    /// the codes it sends each with (apimachinery/pkg/api/errors). The empty reason is
    /// StatusReasonUnknown, which goes with any error code.
    static let statusReasonCodes: [String: Set<Int>] = [
        "": Set(400...599), "BadRequest": [400], "Unauthorized": [401], "Forbidden": [403], "NotFound": [404],
        "MethodNotAllowed": [405], "NotAcceptable": [406], "AlreadyExists": [409], "Conflict": [409],
        "Gone": [410], "Expired": [410], "RequestEntityTooLarge": [413], "UnsupportedMediaType": [415],
        "Invalid": [422], "TooManyRequests": [429], "InternalError": [500], "ServiceUnavailable": [503],
        "Timeout": [504], "ServerTimeout": [500, 504],
    ]

    /// A status an HTTP/1.1 response line can carry, as the API answers: no 1xx (interim
    /// answers are the listener's), nothing outside the three digits.
    static func replyStatus(_ status: Int) throws(FuzzFinding) {
        guard (200...599).contains(status) else { throw FuzzFinding("answered with HTTP status \(status)") }
    }

    /// Header names and values a client can read back: no line breaks or other control
    /// characters (a value carrying the request's text must not split the header block).
    static func headers(_ headers: [(name: String, value: String)]) throws(FuzzFinding) {
        for (name, value) in headers {
            if name.isEmpty || name.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value >= 0x7f || $0 == ":" }) {
                throw FuzzFinding("a response header has an invalid name: \(name.debugDescription)")
            }
            if value.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7f }) {
                throw FuzzFinding("the response header \(name) has a control character in its value: \(value.prefix(120).debugDescription)")
            }
        }
    }

    /// An error answer's body is a metav1 Status as kube-apiserver writes it: kind Status,
    /// status Failure, the response's own code, a reason the API server uses with that code,
    /// and a message without Swift's descriptions of values. Returns `reason: message`.
    @discardableResult
    static func apiStatus(_ body: [UInt8], code: Int) throws(FuzzFinding) -> String {
        let status: JSONValue
        do { status = try JSONParser.parse(body) } catch {
            throw FuzzFinding("a \(code) answer's body is not JSON: \(String(decoding: body.prefix(120), as: UTF8.self).debugDescription)")
        }
        guard status["kind"] == .string("Status"), status["apiVersion"] == .string("v1") else {
            throw FuzzFinding("a \(code) answer's body is not a v1 Status: \(String(decoding: body.prefix(120), as: UTF8.self).debugDescription)")
        }
        guard status["status"] == .string("Failure") else { throw FuzzFinding("a \(code) Status does not say Failure") }
        guard status["code"] == .int(Int64(code)) else {
            throw FuzzFinding("a \(code) answer's Status has another code: \(status["code"].map { $0.compactJSON() } ?? "none")")
        }
        var reason = ""
        if let value = status["reason"] {
            guard case .string(let text) = value else { throw FuzzFinding("a Status reason is not a string") }
            reason = text
        }
        guard let codes = statusReasonCodes[reason] else { throw FuzzFinding("a Status has a reason the API server never sends: \(reason)") }
        guard codes.contains(code) else { throw FuzzFinding("a \(code) Status has the reason \(reason), which the API server sends with \(codes.sorted())") }
        guard case .string(let message)? = status["message"], !message.isEmpty else {
            throw FuzzFinding("a \(code) \(reason) Status has no message")
        }
        try plainText(message)
        return "\(reason): \(message)"
    }

    /// A YAML file's parser (themes, scenarios) refused `message`: it must name the file, then
    /// say what it expected. What was expected is the kind of answer; what was found instead is
    /// the input's own words, which would make every input a kind of its own.
    static func fileRefusal(_ message: String, file: String, what: String) throws(FuzzFinding) -> FuzzBehaviour {
        guard message.hasPrefix(file + ":") else {
            throw FuzzFinding("a \(what) error that does not name its file: \(message.prefix(120).debugDescription)")
        }
        let reason = message.dropFirst(file.count + 1)
        try kubectlError(String(reason))
        let expected = reason.contains("expected valid YAML") ? String(reason) : reason.components(separatedBy: ", got ")[0]
        return FuzzBehaviour("refused: " + expected)
    }
}
