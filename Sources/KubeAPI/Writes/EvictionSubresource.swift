import Cluster
import Commands

/// `POST pods/NAME/eviction` (policy/v1 Eviction), what `kubectl drain` sends: the store's
/// eviction API, 201 with a Success Status; a refusal is the store's TooManyRequests (429) with the
/// DisruptionBudget cause, or its 500 for a pod under several budgets.
enum EvictionSubresource {
    static func create(_ context: WriteContext) throws -> APIResponse {
        let body = try RequestBody.object(context.http, resource: context.resource, kind: "Eviction")
        let name = context.request.name ?? ""
        let sentName = RequestBody.metadataString(body, "name")
        if !sentName.isEmpty && sentName != name {
            throw StatusError.badRequest("name in URL does not match name in Eviction object")
        }
        let live = try context.live()
        var options = DeleteOptions.none
        if let deleteOptions = body["deleteOptions"], case .object = deleteOptions {
            options = try DeleteOptions(APIRequest(method: "POST", path: context.http.path, body: Array(deleteOptions.compactJSON().utf8)))
        }
        try options.check(live, resource: context.resource)
        // A dry run is still checked against the pod's disruption budget; it writes nothing.
        try context.cluster.store.evict(pod: name, namespace: live.metadata.namespace, gracePeriodSeconds: options.gracePeriodSeconds,
                                        dryRun: options.dryRun || context.dryRun)
        return .json(.object([("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object([])),
                              ("status", .string("Success")), ("code", .int(201))]), status: 201)
    }
}

extension DeleteOptions {
    /// No options: the defaults.
    static var none: DeleteOptions { try! DeleteOptions(APIRequest(method: "DELETE", path: "/")) }
}
