/// A request for a resource, read from its path and method as the API server's RequestInfo does.
public struct ResourceRequest {
    public enum Verb: String, Sendable {
        case get, list, watch, create, update, patch, delete, deletecollection
    }

    public var verb: Verb
    public var resource: ServedResource
    /// The namespace in the path; nil for cluster-scoped resources and all-namespace lists.
    public var namespace: String?
    public var name: String?
    public var subresource: String?
    public var http: APIRequest

    /// Reads `/api/v1/namespaces/NS/pods/NAME/SUB` or `/apis/GROUP/VERSION/...`. Nil when the path
    /// is not a resource path (discovery, OpenAPI, health); throws NotFound for an unknown resource.
    public static func parse(_ request: APIRequest) throws -> ResourceRequest? {
        var segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let group: String
        let version: String
        if segments.first == "api", segments.count >= 3 {
            group = ""
            version = segments[1]
            segments.removeFirst(2)
        } else if segments.first == "apis", segments.count >= 4 {
            group = segments[1]
            version = segments[2]
            segments.removeFirst(3)
        } else {
            return nil
        }
        var namespace: String?
        // `namespaces/NS/RESOURCE…` is a namespaced request; `namespaces/NAME[/status]` is the Namespace itself.
        if segments.count >= 3, segments[0] == "namespaces", segments[2] != "status", segments[2] != "finalize" {
            namespace = segments[1]
            segments.removeFirst(2)
        }
        guard let resourceName = segments.first, segments.count <= 3,
              let resource = ServedResources.find(group: group, version: version, resource: resourceName) else {
            throw StatusError.pathNotFound()
        }
        let name = segments.count > 1 ? segments[1] : nil
        let subresource = segments.count > 2 ? segments[2] : nil
        if let subresource, resource.storedKind == .pod, let refusal = StatusError.containerStream(subresource) {
            throw refusal
        }
        if let subresource, !resource.subresources.contains(where: { $0.name == subresource }) {
            throw StatusError.pathNotFound()
        }
        if namespace != nil, !resource.namespaced { throw StatusError.pathNotFound() }

        let verb: Verb
        switch request.method {
        case "GET", "HEAD":
            if name == nil {
                verb = request.boolQuery("watch") == true ? .watch : .list
            } else {
                verb = .get
            }
        case "POST": verb = .create
        case "PUT": verb = .update
        case "PATCH": verb = .patch
        case "DELETE": verb = name == nil ? .deletecollection : .delete
        default:
            throw StatusError.methodNotAllowed()
        }
        // A name is required for these; a collection path takes none.
        if name == nil, [.update, .patch].contains(verb) {
            throw StatusError.methodNotAllowed()
        }
        if name != nil, verb == .create, subresource == nil {
            throw StatusError.methodNotAllowed()
        }
        return ResourceRequest(verb: verb, resource: resource, namespace: namespace, name: name,
                               subresource: subresource, http: request)
    }
}
