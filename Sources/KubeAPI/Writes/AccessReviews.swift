import Cluster
import Commands

/// SelfSubjectAccessReview and SelfSubjectRulesReview: kubesim has no authorization, so every
/// request is allowed (`kubectl auth can-i delete pods` prints `yes`) and the rules allow everything.
/// SelfSubjectReview (`kubectl auth whoami`): nor has it authentication — the kubeconfig it writes
/// carries no credentials — so the caller is who an API server with anonymous requests enabled
/// takes such a caller for.
enum AccessReviews {
    static let anonymousUser = "system:anonymous"
    static let anonymousGroups = ["system:unauthenticated"]

    static func create(_ context: WriteContext) throws -> APIResponse {
        let resource = context.resource
        let body = try RequestBody.object(context.http, resource: resource)
        var fields: [(String, JSONValue)] = [
            ("kind", .string(resource.kind)), ("apiVersion", .string(resource.groupVersion)),
            ("metadata", .object([("creationTimestamp", .null)])),
        ]
        if resource.resource == "selfsubjectreviews" {
            let userInfo: JSONValue = .object([
                ("username", .string(anonymousUser)), ("groups", .array(anonymousGroups.map { .string($0) })),
            ])
            fields.append(("status", .object([("userInfo", userInfo)])))
            return .json(.object(fields), status: 201)
        }
        fields.append(("spec", body["spec"] ?? .object([])))
        switch resource.resource {
        case "selfsubjectaccessreviews":
            fields.append(("status", .object([("allowed", .bool(true)), ("reason", .string("kubesim allows every request"))])))
        default:
            let everything: JSONValue = .array([.string("*")])
            fields.append(("status", .object([
                ("resourceRules", .array([.object([("verbs", everything), ("apiGroups", everything), ("resources", everything)])])),
                ("nonResourceRules", .array([.object([("verbs", everything), ("nonResourceURLs", everything)])])),
                ("incomplete", .bool(false)),
            ])))
        }
        return .json(.object(fields), status: 201)
    }
}
