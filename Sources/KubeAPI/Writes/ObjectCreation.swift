import Cluster
import Commands

/// POST to a collection: 201 with the stored object.
enum ObjectCreation {
    static let namespaceMismatch = "the namespace of the provided object does not match the namespace sent on the request"

    static func create(_ context: WriteContext) throws -> APIResponse {
        let body = try RequestBody.object(context.http, resource: context.resource)
        return try create(body, context)
    }

    /// Creates from an object body (also server-side apply's create).
    static func create(_ json: JSONValue, _ context: WriteContext) throws -> APIResponse {
        let kind = try context.kind()
        try RequestBody.refuseUnknownFields(json, kind: kind, resource: context.resource, request: context.http)
        let body = try placed(json, context, kind: kind)
        let created = try APIObjectWriter.create(body, in: context.cluster, dryRun: context.dryRun)
        return context.encoded(created, status: 201)
    }

    /// What a write is told of a field kubesim drops: clients send them (charts set affinity
    /// and init containers), so the write goes on, but never silently.
    static func droppedWarning(_ path: String) -> String {
        "\(path): not simulated by kubesim; dropped"
    }

    /// Decodes a body and puts it in the path's namespace (a body naming another is refused).
    static func placed(_ json: JSONValue, _ context: WriteContext, kind: Kind) throws -> APIObjectBody {
        var json = json
        if kind.isNamespaced {
            let sent = RequestBody.metadataString(json, "namespace")
            let path = context.request.namespace ?? (sent.isEmpty ? "default" : sent)
            if !sent.isEmpty && sent != path { throw StatusError.badRequest(namespaceMismatch) }
            json = RequestBody.settingMetadata(json, [("namespace", path)])
        }
        var body = try APIObjectDecoding.decode(json, kind: kind)
        if kind.isNamespaced { body.object.metadata.namespace = RequestBody.metadataString(json, "namespace") }
        for path in body.droppedFields { context.warnings.add(Self.droppedWarning(path)) }
        return body
    }
}
