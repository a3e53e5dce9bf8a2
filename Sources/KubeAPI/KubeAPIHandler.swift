import Cluster
import Commands

/// The Kubernetes API over one cluster. Every method runs on the thread that owns the cluster
/// (the serve loop or the dashboard's frame loop); the HTTP layer hops there and back.
public final class KubeAPIHandler {
    public let cluster: Cluster
    /// Watch history and live watchers.
    public let watches: WatchHub
    /// What each field manager last applied to each object (server-side apply).
    public let appliedConfigurations = AppliedConfigurations()
    /// Containers' logs, read and followed.
    public let podLogs: PodLogHandler

    public init(cluster: Cluster) {
        self.cluster = cluster
        watches = WatchHub(store: cluster.store)
        podLogs = PodLogHandler(cluster: cluster)
    }

    public func handle(_ request: APIRequest) -> APIReply {
        do {
            if let response = try Discovery.answer(request, handler: self) { return .response(response) }
            if let response = try OpenAPIDocuments.answer(request) { return .response(response) }
            guard let resourceRequest = try ResourceRequest.parse(request) else {
                throw StatusError.pathNotFound()
            }
            let warning = resourceRequest.resource.deprecationWarning
            do {
                return warned(try dispatch(resourceRequest), warning)
            } catch {
                return warned(errorReply(error), warning)
            }
        } catch {
            return errorReply(error)
        }
    }

    private func errorReply(_ error: any Error) -> APIReply {
        switch error {
        case let error as StatusError: .response(error.response)
        case let error as APIError: .response(StatusError(error, resource: ServedResources.all[0]).response)
        default: .response(StatusError.internalError("\(error)").response)
        }
    }

    /// A deprecated resource's answers carry the API server's warning (`299 - "text"`), which
    /// kubectl prints as `Warning: text`.
    private func warned(_ reply: APIReply, _ warning: String?) -> APIReply {
        guard let warning else { return reply }
        let header = WarningHeader.make(warning)
        switch reply {
        case .response(var response):
            response.headers.append(header)
            return .response(response)
        case .stream(let stream):
            var head = stream.head
            head.headers.append(header)
            return .stream(StreamingReply(head: head, timeoutSeconds: stream.timeoutSeconds, start: stream.start, stop: stream.stop))
        }
    }

    private func dispatch(_ request: ResourceRequest) throws -> APIReply {
        switch request.verb {
        case .get where request.subresource == "scale" || request.subresource == "status":
            return .response(try WriteHandlers.read(request, cluster: cluster, applied: appliedConfigurations))
        case .get where request.subresource == "log": return try podLogs.get(request)
        case .get: return .response(try ReadHandlers.get(request, cluster: cluster))
        case .list: return .response(try ReadHandlers.list(request, cluster: cluster, history: watches.history))
        case .watch: return try watches.watch(request, cluster: cluster)
        case .create, .update, .patch, .delete, .deletecollection:
            return .response(try WriteHandlers.write(request, cluster: cluster, applied: appliedConfigurations))
        }
    }
}
