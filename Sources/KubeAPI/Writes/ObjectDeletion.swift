import Cluster
import Commands

/// DELETE of one object or of a selected collection, with DeleteOptions.
enum ObjectDeletion {
    static func delete(_ context: WriteContext) throws -> APIResponse {
        let options = try DeleteOptions(context.http)
        let live = try context.live()
        try options.check(live, resource: context.resource)
        let result = try delete(live, options: options, context)
        // Graceful deletion answers with the object as it now is; a pod or namespace deleted
        // at once with its last state (ReturnDeletedObject); other kinds with a Success Status.
        if let object = result { return context.encoded(object) }
        if [.pod, .namespace].contains(type(of: live).kind) { return context.encoded(live) }
        return .json(success(live, context.resource))
    }

    static func deleteCollection(_ context: WriteContext) throws -> APIResponse {
        let options = try DeleteOptions(context.http)
        let kind = try context.kind()
        let selected = try APISelection.objects(kind: kind, namespace: context.request.namespace,
                                                labelSelector: context.http.query("labelSelector"),
                                                fieldSelector: context.http.query("fieldSelector"), in: context.cluster.store)
        var deleted: [JSONValue] = []
        for object in selected {
            let result = try delete(object, options: options, context)
            deleted.append(ObjectEncoder.encode(result ?? object))
        }
        return .json(.object([
            ("apiVersion", .string(context.resource.groupVersion)), ("items", .array(deleted)),
            ("kind", .string(context.resource.kind + "List")), ("metadata", .object([("resourceVersion", .string(""))])),
        ]))
    }

    /// Deletes `live` as the options say; returns the object when it is still there (graceful).
    private static func delete(_ live: any APIObject, options: DeleteOptions, _ context: WriteContext) throws -> (any APIObject)? {
        let kind = type(of: live).kind
        let store = context.cluster.store
        if options.dryRun || context.dryRun { return live }
        try store.delete(kind: kind, name: live.name, namespace: live.metadata.namespace, gracePeriodSeconds: options.gracePeriodSeconds,
                         propagation: options.propagationPolicy ?? .background)
        return store.object(kind: kind, key: live.key)
    }

    /// `{"kind":"Status","status":"Success","details":{"name":…,"group":…,"kind":"deployments","uid":…}}`.
    static func success(_ object: any APIObject, _ resource: ServedResource) -> JSONValue {
        var details: [(String, JSONValue)] = [("name", .string(object.name))]
        if !resource.group.isEmpty { details.append(("group", .string(resource.group))) }
        details += [("kind", .string(resource.resource)), ("uid", .string(object.metadata.uid))]
        return .object([("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object([])),
                        ("status", .string("Success")), ("details", .object(details))])
    }
}
