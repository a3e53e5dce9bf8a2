import Cluster

/// Watch history and the live watch streams.
public final class WatchHub {
    init(store: Store) {}

    func watch(_ request: ResourceRequest, cluster: Cluster) throws -> APIReply {
        throw StatusError.methodNotSupported(request.resource.resource, "watch")
    }
}
