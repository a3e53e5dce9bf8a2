import Cluster
import Commands

/// create, update, patch, delete, deletecollection and the subresources that write. Every write
/// goes through the store operations the headless kubectl uses, so controllers react alike.
enum WriteHandlers {
    static func write(_ request: ResourceRequest, cluster: Cluster, applied: AppliedConfigurations) throws -> APIResponse {
        // A resource served read-only (its controllers write it, or kubesim keeps none) refuses the
        // verbs it does not list.
        if request.subresource == nil, !request.resource.verbs.contains(request.verb.rawValue) {
            throw StatusError.methodNotAllowed()
        }
        do {
            let context = WriteContext(request: request, cluster: cluster, applied: applied)
            var response = try route(request, context)
            for text in context.warnings.texts { response.headers.append(WarningHeader.make(text)) }
            return response
        } catch let error as APIError {
            throw StatusError(error, resource: request.resource)
        }
    }

    /// GET of the scale and status subresources, which are this layer's.
    static func read(_ request: ResourceRequest, cluster: Cluster, applied: AppliedConfigurations) throws -> APIResponse {
        let context = WriteContext(request: request, cluster: cluster, applied: applied)
        do {
            return request.subresource == "scale" ? try ScaleSubresource.get(context) : try StatusSubresource.get(context)
        } catch let error as APIError {
            throw StatusError(error, resource: request.resource)
        }
    }

    private static func route(_ request: ResourceRequest, _ context: WriteContext) throws -> APIResponse {
        switch (request.verb, request.subresource) {
        case (.create, nil) where request.resource.storedKind == nil: // the reviews: created, never stored
            return try AccessReviews.create(context)
        case (.create, nil): return try ObjectCreation.create(context)
        case (.update, nil): return try ObjectUpdate.update(context)
        case (.patch, nil): return try ObjectUpdate.patch(context)
        case (.delete, nil): return try ObjectDeletion.delete(context)
        case (.deletecollection, nil): return try ObjectDeletion.deleteCollection(context)
        case (.update, "scale"), (.patch, "scale"): return try ScaleSubresource.write(context)
        case (.update, "status"), (.patch, "status"): return try StatusSubresource.write(context)
        case (.create, "eviction"): return try EvictionSubresource.create(context)
        case (.create, "binding"): return try BindingSubresource.create(context)
        default:
            throw StatusError.methodNotAllowed()
        }
    }
}

/// What one write request needs: the request, the cluster and the API's own state.
struct WriteContext {
    let request: ResourceRequest
    let cluster: Cluster
    let applied: AppliedConfigurations
    /// What the answer warns of (fields dropped as not simulated).
    let warnings = Warnings()

    /// A write's warnings, collected while it runs.
    final class Warnings {
        private(set) var texts: [String] = []
        func add(_ text: String) { if !texts.contains(text) { texts.append(text) } }
    }

    var resource: ServedResource { request.resource }
    var http: APIRequest { request.http }
    /// `dryRun=All`: every check, no write.
    var dryRun: Bool { http.query.contains { $0.name == "dryRun" && $0.value == "All" } }
    var fieldManager: String { http.query("fieldManager") ?? "" }

    /// The stored kind (every write but the reviews has one).
    func kind() throws -> Kind {
        guard let kind = resource.storedKind else { throw StatusError.methodNotAllowed() }
        return kind
    }

    /// The object the path names, or the API server's NotFound.
    func live() throws -> any APIObject {
        let kind = try kind()
        let name = request.name ?? ""
        guard let object = cluster.store.object(kind: kind, name: name, namespace: request.namespace ?? "") else {
            throw StatusError.notFound(resource, name)
        }
        return object
    }

    /// The written object as the path's resource shows it (events.k8s.io answers in its own shape).
    func encoded(_ object: any APIObject, status: Int = 200) -> APIResponse {
        .json(ServedObjectJSON.encode(object, as: resource), status: status)
    }
}
