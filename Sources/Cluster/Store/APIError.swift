/// An error the simulated API server returns, worded like Kubernetes' StatusError.
public struct APIError: Error, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case notFound = "NotFound"
        case alreadyExists = "AlreadyExists"
        case conflict = "Conflict"
        case invalid = "Invalid"
        case tooManyRequests = "TooManyRequests"
        case badRequest = "BadRequest"
        case forbidden = "Forbidden"
        /// A Failure Status with no reason (the eviction API's 500 for a pod under several budgets).
        case unknown = ""
    }

    /// A StatusCause that is not a field error (`DisruptionBudget`: why an eviction was refused).
    public struct Cause: Equatable, Sendable {
        public var type: String
        public var message: String
        public init(type: String, message: String) {
            self.type = type
            self.message = message
        }
    }

    public var reason: Reason
    public var message: String
    /// For Invalid errors: the kind as the StatusError's details name it (`Deployment`, no
    /// group), the object's name and the field errors.
    public var kind = ""
    public var name = ""
    public var causes: [String] = []
    /// Causes other than field errors, for the Status's details.
    public var statusCauses: [Cause] = []
    /// details.retryAfterSeconds of a TooManyRequests error (0: none).
    public var retryAfterSeconds = 0
    /// The HTTP code of an `.unknown` error.
    public var code = 500

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// How kubectl's CheckErr prints a server error: Invalid errors as
    /// `The Pod "x" is invalid: …` (several causes as a `* ` list), others as `Error from server …`.
    public var kubectlMessage: String {
        guard reason == .invalid, !causes.isEmpty else { return description }
        if causes.count == 1 { return "The \(kind) \"\(name)\" is invalid: \(causes[0])" }
        return "The \(kind) \"\(name)\" is invalid: \n" + causes.map { "* \($0)" }.joined(separator: "\n")
    }

    /// How kubectl prints it: `Error from server (NotFound): pods "x" not found`.
    public var description: String {
        reason == .unknown ? "Error from server: \(message)" : "Error from server (\(reason.rawValue)): \(message)"
    }

    /// What an error says as Go's `err.Error()` gives it inside another message: a server
    /// error's message alone, without kubectl's `Error from server` (controllers' events).
    public static func message(of error: any Error) -> String { (error as? APIError)?.message ?? "\(error)" }

    public static func notFound(_ kind: Kind, _ name: String) -> APIError {
        APIError(.notFound, "\(kind.qualifiedResource) \"\(name)\" not found")
    }

    public static func alreadyExists(_ kind: Kind, _ name: String) -> APIError {
        APIError(.alreadyExists, "\(kind.qualifiedResource) \"\(name)\" already exists")
    }

    /// `namespaces "default" is forbidden: this namespace may not be deleted` (apimachinery
    /// NewForbidden: without a name, `pods is forbidden: …`).
    public static func forbidden(_ kind: Kind, _ name: String, _ reason: String) -> APIError {
        let subject = name.isEmpty ? kind.qualifiedResource : "\(kind.qualifiedResource) \"\(name)\""
        return APIError(.forbidden, "\(subject) is forbidden: \(reason)")
    }

    public static func conflict(_ kind: Kind, _ name: String) -> APIError {
        APIError(.conflict, "Operation cannot be fulfilled on \(kind.qualifiedResource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again")
    }

    /// `Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`
    public static func invalid(_ kind: Kind, _ name: String, _ causes: [String]) -> APIError {
        let qualifiedKind = kind.group.isEmpty ? kind.rawValue : "\(kind.rawValue).\(kind.group)"
        let detail = causes.count == 1 ? causes[0] : "[" + causes.joined(separator: ", ") + "]"
        var error = APIError(.invalid, "\(qualifiedKind) \"\(name)\" is invalid: \(detail)")
        error.kind = kind.rawValue
        error.name = name
        error.causes = causes
        return error
    }
}
