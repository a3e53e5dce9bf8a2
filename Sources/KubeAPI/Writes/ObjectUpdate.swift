import Cluster
import Commands

/// PUT and PATCH of an object: the body (or the patched live object) replaces it through the
/// same update rules `kubectl apply` meets.
enum ObjectUpdate {
    static func update(_ context: WriteContext) throws -> APIResponse {
        let body = try RequestBody.object(context.http, resource: context.resource)
        let kind = try context.kind()
        let name = context.request.name ?? ""
        if kind.allowsCreateOnUpdate,
           context.cluster.store.object(kind: kind, name: name, namespace: context.request.namespace ?? "") == nil {
            try refuseOtherName(in: body, than: name)
            return try ObjectCreation.create(RequestBody.settingMetadata(body, [("name", name)]), context)
        }
        return try replace(with: body, context)
    }

    private static func refuseOtherName(in json: JSONValue, than name: String) throws {
        let sentName = RequestBody.metadataString(json, "name")
        if !sentName.isEmpty && sentName != name {
            throw StatusError.badRequest("the name of the object (\(sentName)) does not match the name on the URL (\(name))")
        }
    }

    /// Replaces the named object with `json` (the PUT body or the patch result).
    static func replace(with json: JSONValue, _ context: WriteContext) throws -> APIResponse {
        let kind = try context.kind()
        let name = context.request.name ?? ""
        try RequestBody.refuseUnknownFields(json, kind: kind, resource: context.resource, request: context.http)
        try refuseOtherName(in: json, than: name)
        var body = try ObjectCreation.placed(RequestBody.settingMetadata(json, [("name", name)]), context, kind: kind)
        body.object.metadata.name = name
        _ = try context.live()
        let updated = try APIObjectWriter.replace(body, in: context.cluster, dryRun: context.dryRun)
        return context.encoded(updated)
    }

    static func patch(_ context: WriteContext) throws -> APIResponse {
        let type = try patchType(context.http)
        let kind = try context.kind()
        let namespace = context.request.namespace ?? ""
        let name = context.request.name ?? ""
        guard let live = context.cluster.store.object(kind: kind, name: name, namespace: namespace) else {
            guard type == .apply else { throw StatusError.notFound(context.resource, name) }
            // Server-side apply of a missing object creates it.
            let body = try RequestBody.object(APIRequest(method: "PATCH", path: context.http.path,
                                                         headers: [("content-type", "application/yaml")], body: context.http.body),
                                              resource: context.resource)
            let response = try ObjectCreation.create(RequestBody.settingMetadata(body, [("name", name)]), context)
            if let created = context.cluster.store.object(kind: kind, name: name, namespace: namespace) {
                context.applied.record(body, uid: created.metadata.uid, manager: context.fieldManager)
            }
            return response
        }
        let lastApplied = context.applied.lastApplied(uid: live.metadata.uid, manager: context.fieldManager)
        let patched = try PatchEngine.apply(type, body: context.http.body, to: ObjectEncoder.encode(live),
                                            kind: kind.rawValue, lastApplied: lastApplied)
        let response = try replace(with: patched, context)
        if type == .apply, !context.dryRun {
            let applied = try RequestBody.json(APIRequest(method: "PATCH", path: context.http.path,
                                                          headers: [("content-type", "application/yaml")], body: context.http.body))
            context.applied.record(applied, uid: live.metadata.uid, manager: context.fieldManager)
        }
        return response
    }

    /// The patch format the Content-Type names; any other is the API server's 415.
    static func patchType(_ request: APIRequest) throws -> PatchType {
        guard let type = PatchType(rawValue: request.contentType) else {
            throw StatusError(code: 415, reason: "UnsupportedMediaType",
                              message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json")
        }
        return type
    }
}

extension Kind {
    /// Whether a PUT of a missing object creates it: the strategies of Events and Leases allow
    /// it (AllowCreateOnUpdate; Endpoints' too, but they are read-only here), every other kind
    /// here answers 404.
    var allowsCreateOnUpdate: Bool { self == .event || self == .lease }
}
