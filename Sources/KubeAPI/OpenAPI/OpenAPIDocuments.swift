/// `/openapi/v2` and `/openapi/v3…`: the schemas of the served kinds.
enum OpenAPIDocuments {
    /// The answer for an OpenAPI path, or nil when `request` is not one.
    static func answer(_ request: APIRequest) throws -> APIResponse? {
        // Not served yet.
        nil
    }
}
