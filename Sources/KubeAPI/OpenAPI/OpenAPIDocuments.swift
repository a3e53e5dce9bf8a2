import Cluster
import Commands

/// `/openapi/v3…`: the schemas of the served kinds, one OpenAPI 3.0 document per group/version,
/// and the index kubectl reads first (`explain`, `apply`). The documents never change while the
/// process runs, so they are built once; the hash in each URL is a hash of the document, so a
/// client may cache a hashed URL for ever, as upstream allows.
///
/// `/openapi/v2` lists the operations without schemas (see `OpenAPIV2Document`).
enum OpenAPIDocuments {
    struct Document: Sendable {
        /// `api/v1`, `apis/apps/v1`.
        let path: String
        let body: [UInt8]
        let hash: String

        var serverRelativeURL: String { "/openapi/v3/\(path)?hash=\(hash)" }
    }

    /// Every served group/version's document, in discovery order.
    static let documents: [Document] = groupVersions.map { group, version in
        let body = Array(document(group: group, version: version).compactJSON().utf8)
        return Document(path: group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)", body: body, hash: hash(body))
    }

    static let index: [UInt8] = Array(JSONValue.object([
        ("paths", .object(documents.map { ($0.path, .object([("serverRelativeURL", .string($0.serverRelativeURL))])) })),
    ]).compactJSON().utf8)

    /// The answer for an OpenAPI path, or nil when `request` is not one.
    static func answer(_ request: APIRequest) throws -> APIResponse? {
        guard request.path == "/openapi" || request.path.hasPrefix("/openapi/") || request.path.hasPrefix("/swagger") else { return nil }
        guard request.method == "GET" || request.method == "HEAD" else { return nil }
        if request.path == "/openapi/v2" {
            guard let (body, contentType) = OpenAPIV2Document.negotiated(accept: request.header("accept")) else {
                // A Status, as every refusal here is (NewNotAcceptableError's words).
                var refused = StatusError(code: 406, reason: "NotAcceptable",
                                          message: "only the following media types are accepted: application/json, \(OpenAPIV2Document.protobufType)").response
                refused.headers.append(("Vary", "Accept"))
                return refused
            }
            var response = respond(body, etag: hash(body), request: request, cacheControl: "no-cache, private", contentType: contentType)
            response.headers.append(("Vary", "Accept"))
            return response
        }
        let rest = request.path.dropFirst("/openapi/v3".count).drop { $0 == "/" }
        guard request.path.hasPrefix("/openapi/v3"), request.path == "/openapi/v3" || request.path.hasPrefix("/openapi/v3/") else {
            throw StatusError.pathNotFound()
        }
        if rest.isEmpty {
            return respond(index, etag: hash(index), request: request, cacheControl: "no-cache, private")
        }
        guard let document = documents.first(where: { $0.path == rest }) else { throw StatusError.pathNotFound() }
        guard let asked = request.query("hash") else {
            return respond(document.body, etag: document.hash, request: request, cacheControl: "no-cache, private")
        }
        guard asked == document.hash else {
            // A stale hash: upstream sends the client to the current document.
            return APIResponse(status: 301, headers: [("Location", document.serverRelativeURL), ("Content-Type", "text/html; charset=utf-8")],
                               body: Array("<a href=\"\(document.serverRelativeURL)\">Moved Permanently</a>.\n\n".utf8))
        }
        return respond(document.body, etag: document.hash, request: request, cacheControl: "public, immutable")
    }

    private static func respond(_ body: [UInt8], etag: String, request: APIRequest, cacheControl: String,
                                contentType: String = "application/json") -> APIResponse {
        let quoted = "\"\(etag)\""
        var headers: [(name: String, value: String)] = [("Cache-Control", cacheControl), ("Etag", quoted)]
        if request.header("if-none-match") == quoted { return APIResponse(status: 304, headers: headers) }
        headers.insert(("Content-Type", contentType), at: 0)
        return APIResponse(status: 200, headers: headers, body: request.method == "HEAD" ? [] : body)
    }

    /// A hash of the document's bytes, in upstream's upper-case hex.
    static func hash(_ body: [UInt8]) -> String {
        StableHash.hex(StableHash.fnv1a(String(decoding: body, as: UTF8.self)), count: 32).uppercased()
    }

    /// The served group/versions: the core group first, then the groups in discovery order.
    static var groupVersions: [(group: String, version: String)] {
        var out: [(String, String)] = []
        for r in ServedResources.all where !out.contains(where: { $0 == (r.group, r.version) }) {
            out.append((r.group, r.version))
        }
        return out.sorted { ($0.0.isEmpty ? 0 : 1) < ($1.0.isEmpty ? 0 : 1) }.map { (group: $0.0, version: $0.1) }
    }

    /// One group/version's document: its kinds, their lists and subresource bodies, and paths.
    static func document(group: String, version: String) -> JSONValue {
        let resources = ServedResources.resources(group: group, version: version)
        var writer = OpenAPISchemaWriter()
        var lists: [String: ObjectSchema] = [:]
        for r in resources {
            guard let schema = OpenAPIKinds.schema(of: r) else { continue }
            writer.add(schema, kind: .init(group: group, version: version, kind: r.kind))
            if r.verbs.contains("list") {
                let list = APIKindSchemas.list(of: schema, kindName: r.kind)
                lists[r.kind] = list
                writer.add(list, kind: .init(group: group, version: version, kind: r.kind + "List"))
            }
            for sub in r.subresources {
                let kind = OpenAPIKinds.kind(of: sub, in: r)
                if let body = OpenAPIKinds.schema(group: kind.group, version: kind.version, kind: kind.kind) { writer.add(body, kind: kind) }
            }
        }
        writer.add(APIKindSchemas.deleteOptions)
        writer.add(APIKindSchemas.status, kind: .init(group: "", version: "v1", kind: "Status"))
        writer.add(APIKindSchemas.patch)
        let paths = OpenAPIPaths(resources: resources, listSchemas: lists)
        return .object([
            ("components", .object([
                ("schemas", writer.components),
                ("securitySchemes", .object([("BearerToken", .object([
                    ("description", .string("Bearer token authentication")), ("in", .string("header")),
                    ("name", .string("authorization")), ("type", .string("apiKey")),
                ]))])),
            ])),
            ("info", .object([("title", .string("Kubernetes")), ("version", .string(Discovery.serverVersion.gitVersion))])),
            ("openapi", .string("3.0.0")),
            ("paths", paths.json),
            ("security", .array([.object([("BearerToken", .array([]))])])),
        ])
    }
}
