import Cluster
import Commands

/// A failed request as the API server answers it: a `Status` object whose reason, code and
/// details make clients print what they print against a real cluster.
public struct StatusError: Error, Sendable {
    public struct Cause: Sendable, Equatable {
        public var reason: String      // FieldValueInvalid, FieldValueRequired, …
        public var message: String
        public var field: String
    }

    public var code: Int
    public var reason: String
    public var message: String
    public var name: String? = nil
    public var group: String? = nil
    public var kind: String? = nil
    public var causes: [Cause] = []
    /// Seconds a client should wait before retrying (429).
    public var retryAfterSeconds: Int? = nil
    /// Whether the Status carries details even with nothing in them (`"details":{}`), as the
    /// API server's generic responses do: kubectl reads `details` of some 404s without
    /// checking for nil (`kubectl debug` panicked on a 404 without them).
    public var alwaysHasDetails = false

    public init(code: Int, reason: String, message: String) {
        self.code = code
        self.reason = reason
        self.message = message
    }

    public var json: JSONValue {
        var details: [(String, JSONValue)] = []
        if let name { details.append(("name", .string(name))) }
        if let group, !group.isEmpty { details.append(("group", .string(group))) }
        if let kind { details.append(("kind", .string(kind))) }
        if !causes.isEmpty {
            details.append(("causes", .array(causes.map {
                // StatusCause's fields are all omitempty.
                .object([("reason", .string($0.reason)), ("message", .string($0.message))] + ($0.field.isEmpty ? [] : [("field", .string($0.field))]))
            })))
        }
        if let retryAfterSeconds { details.append(("retryAfterSeconds", .int(Int64(retryAfterSeconds)))) }
        var fields: [(String, JSONValue)] = [
            ("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object([])),
            ("status", .string("Failure")), ("message", .string(message)),
        ]
        if !reason.isEmpty { fields.append(("reason", .string(reason))) }
        if !details.isEmpty || alwaysHasDetails { fields.append(("details", .object(details))) }
        fields.append(("code", .int(Int64(code))))
        return .object(fields)
    }

    public var response: APIResponse {
        var response = APIResponse.json(json, status: code)
        if let retryAfterSeconds { response.headers.append(("Retry-After", String(retryAfterSeconds))) }
        return response
    }

    // MARK: the API server's errors (apimachinery/pkg/api/errors)

    public static func notFound(_ resource: ServedResource, _ name: String) -> StatusError {
        var e = StatusError(code: 404, reason: "NotFound", message: "\(resource.qualifiedResource) \"\(name)\" not found")
        e.name = name; e.group = resource.group; e.kind = resource.resource
        return e
    }

    /// A path that names no resource: the body is not a Status for kubectl's purposes, but a
    /// real server sends this one (`the server could not find the requested resource`), with
    /// empty details (NewGenericServerResponse).
    public static func pathNotFound() -> StatusError {
        var e = StatusError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
        e.alwaysHasDetails = true
        return e
    }

    public static func alreadyExists(_ resource: ServedResource, _ name: String) -> StatusError {
        var e = StatusError(code: 409, reason: "AlreadyExists", message: "\(resource.qualifiedResource) \"\(name)\" already exists")
        e.name = name; e.group = resource.group; e.kind = resource.resource
        return e
    }

    public static func conflict(_ resource: ServedResource, _ name: String, _ detail: String) -> StatusError {
        var e = StatusError(code: 409, reason: "Conflict", message: "Operation cannot be fulfilled on \(resource.qualifiedResource) \"\(name)\": \(detail)")
        e.name = name; e.group = resource.group; e.kind = resource.resource
        return e
    }

    public static func badRequest(_ message: String) -> StatusError {
        StatusError(code: 400, reason: "BadRequest", message: message)
    }

    /// pods/exec, attach and portforward stream to a container's process, and a simulated pod
    /// has none: a plain 404 left kubectl saying the server "could not find the requested
    /// resource" about a pod that is there. Nil for other subresources.
    public static func containerStream(_ subresource: String) -> StatusError? {
        let why: String
        switch subresource {
        case "exec", "attach":
            // The headless kubectl's refusal says the same (Kubectl.containerVerbs).
            why = "pods/\(subresource) is not served: kubesim runs no containers, so there is \(Kubectl.containerVerbs[subresource]!) (kubectl logs reads what the pod printed)"
        case "portforward":
            why = "pods/portforward is not served: kubesim runs no containers; use port-forward at kubesim's own command line (`kubesim run`, the dashboard's `:`), which opens a real local port"
        default:
            return nil
        }
        return StatusError(code: 400, reason: "BadRequest", message: why)
    }

    /// A method the resource does not offer: no route, so go-restful's 405 as the API server
    /// wraps it (NewGenericServerResponse), which kubectl prints as `Error from server
    /// (MethodNotAllowed): … the server does not allow this method on the requested resource`.
    public static func methodNotAllowed() -> StatusError {
        var e = StatusError(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource")
        e.causes = [Cause(reason: "UnexpectedServerResponse", message: "405: Method Not Allowed", field: "")]
        e.alwaysHasDetails = true
        return e
    }

    public static func unsupportedMediaType(_ contentType: String) -> StatusError {
        StatusError(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf")
    }

    public static func tooLarge() -> StatusError {
        StatusError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is 3145728")
    }

    public static func expired(_ message: String) -> StatusError {
        StatusError(code: 410, reason: "Expired", message: message)
    }

    public static func tooManyRequests(_ message: String, retryAfterSeconds: Int? = nil) -> StatusError {
        var e = StatusError(code: 429, reason: "TooManyRequests", message: message)
        e.retryAfterSeconds = retryAfterSeconds
        return e
    }

    public static func internalError(_ message: String) -> StatusError {
        var e = StatusError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)")
        e.causes = [Cause(reason: "UnexpectedServerResponse", message: message, field: "")]
        return e
    }

    /// `Deployment.apps "x" is invalid: spec.replicas: Invalid value: …`; each cause is
    /// `field: message` as the store words it.
    public static func invalid(kind: String, group: String, name: String, causes: [String]) -> StatusError {
        let qualifiedKind = group.isEmpty ? kind : "\(kind).\(group)"
        let detail = causes.count == 1 ? causes[0] : "[" + causes.joined(separator: ", ") + "]"
        var e = StatusError(code: 422, reason: "Invalid", message: "\(qualifiedKind) \"\(name)\" is invalid: \(detail)")
        e.name = name; e.group = group; e.kind = kind
        e.causes = causes.map { cause in
            guard let colon = cause.range(of: ": ") else { return Cause(reason: "FieldValueInvalid", message: cause, field: "") }
            let message = String(cause[colon.upperBound...])
            let reason = message.hasPrefix("Required value") ? "FieldValueRequired"
                : message.hasPrefix("Unsupported value") ? "FieldValueNotSupported"
                : message.hasPrefix("Forbidden") ? "FieldValueForbidden"
                : message.hasPrefix("Duplicate value") ? "FieldValueDuplicate" : "FieldValueInvalid"
            return Cause(reason: reason, message: message, field: String(cause[..<colon.lowerBound]))
        }
        return e
    }

    /// The store's own errors, answered as the API server would.
    public init(_ error: APIError, resource: ServedResource) {
        switch error.reason {
        case .notFound: self = .init(code: 404, reason: "NotFound", message: error.message)
        case .alreadyExists: self = .init(code: 409, reason: "AlreadyExists", message: error.message)
        case .conflict: self = .init(code: 409, reason: "Conflict", message: error.message)
        case .invalid:
            self = .invalid(kind: error.kind.isEmpty ? resource.kind : error.kind, group: resource.group,
                            name: error.name, causes: error.causes)
            return
        case .tooManyRequests:
            // NewTooManyRequests: details carry the causes and retryAfterSeconds, no name or kind.
            self = .init(code: 429, reason: "TooManyRequests", message: error.message)
            causes = error.statusCauses.map { Cause(reason: $0.type, message: $0.message, field: "") }
            if error.retryAfterSeconds > 0 { retryAfterSeconds = error.retryAfterSeconds }
            return
        case .badRequest: self = .init(code: 400, reason: "BadRequest", message: error.message)
        case .forbidden: self = .init(code: 403, reason: "Forbidden", message: error.message)
        case .unknown:
            // A bare Failure Status with a code, as a REST handler returns it.
            self = .init(code: error.code, reason: "", message: error.message)
            return
        }
        if error.reason != .badRequest {
            group = resource.group
            kind = resource.resource
        }
    }
}
