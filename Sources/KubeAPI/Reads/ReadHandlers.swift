import Cluster
import Commands

/// get and list.
enum ReadHandlers {
    static func get(_ request: ResourceRequest, cluster: Cluster) throws -> APIResponse {
        throw StatusError.methodNotSupported(request.resource.resource, "get")
    }

    static func list(_ request: ResourceRequest, cluster: Cluster) throws -> APIResponse {
        throw StatusError.methodNotSupported(request.resource.resource, "list")
    }
}
