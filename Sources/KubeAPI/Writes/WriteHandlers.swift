import Cluster

/// create, update, patch, delete, deletecollection and the subresources that write.
enum WriteHandlers {
    static func write(_ request: ResourceRequest, cluster: Cluster) throws -> APIResponse {
        throw StatusError.methodNotSupported(request.resource.resource, request.verb.rawValue)
    }
}
