import Cluster
import Commands

/// `/openapi/v2`, as kubectl reads it: without schemas (kubesim's are in `/openapi/v3`), but with
/// every served kind's PATCH operation, its group-version-kind and the query parameters it takes.
/// kubectl looks up there whether a kind takes `fieldValidation` when `/openapi/v3` does not
/// list the kind (a ConfigMap in a file), and kubectl 1.27 and 1.28 for every kind: a kind found
/// is validated by the server, one not found is left to the API's own answer (`no matches for
/// kind "ConfigMap"`), where a 404 here failed the whole `apply`.
enum OpenAPIV2Document {
    /// The protobuf media type kube-openapi answers with; the `@` spelling (what kubectl asks for)
    /// is accepted too.
    static let protobufType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
    static let deprecatedProtobufSubtype = "com.github.proto-openapi.spec.v2@v1.0+protobuf"

    /// The body and media type for an `Accept` header, as kube-openapi negotiates it: the first
    /// clause (in the client's order) that names JSON or either protobuf type, or a wildcard
    /// (JSON first); nil when none does (406).
    static func negotiated(accept: String?) -> (body: [UInt8], contentType: String)? {
        let clauses = (accept?.isEmpty == false ? accept! : "*/*").split(separator: ",").map {
            $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces)
        }
        for clause in clauses {
            let parts = clause.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "application" || parts[0] == "*" else { continue }
            switch parts[1] {
            case "json", "*": return (json, "application/json")
            case deprecatedProtobufSubtype, String(protobufType.dropFirst("application/".count)): return (protobuf, protobufType)
            default: continue
            }
        }
        return nil
    }

    /// The served kinds that take PATCH, each with its object path.
    static var patchable: [(path: String, resource: ServedResource)] {
        ServedResources.all.filter { $0.storedKind != nil && $0.verbs.contains("patch") }.map { r in
            let root = r.group.isEmpty ? "/api/\(r.version)" : "/apis/\(r.group)/\(r.version)"
            return (root + (r.namespaced ? "/namespaces/{namespace}" : "") + "/\(r.resource)/{name}", r)
        }
    }

    static let queryParameters: [(name: String, description: String)] = [
        ("dryRun", "All: every check, nothing stored."),
        ("fieldManager", "The name of the actor making the change."),
        ("fieldValidation", "Ignore, Warn or Strict: what the server does with unknown or duplicate fields."),
    ]

    static func gvkYAML(_ r: ServedResource) -> String { "group: \"\(r.group)\"\nkind: \(r.kind)\nversion: \(r.version)\n" }

    /// gnostic's openapi_v2.Document: swagger 1, info 2 (title 1, version 2), paths 8
    /// (NamedPathItem 2: name 1, PathItem 2 with patch 8: Operation with parameters 8 and
    /// vendor extensions 13).
    static let protobuf: [UInt8] = {
        var document = ProtobufWireWriter()
        document.string(1, "2.0")
        document.message(2) { info in
            info.string(1, "Kubernetes")
            info.string(2, Discovery.serverVersion.gitVersion)
        }
        document.message(8) { paths in
            for (path, resource) in patchable {
                paths.message(2) { named in
                    named.string(1, path)
                    named.message(2) { item in
                        item.message(8) { patch in
                            for parameter in queryParameters {
                                patch.message(8) { listed in            // ParametersItem
                                    listed.message(1) { chosen in        // .parameter
                                        chosen.message(2) { nonBody in    // .non_body_parameter
                                            nonBody.message(3) { query in // .query_parameter_sub_schema
                                                query.string(2, "query")
                                                query.string(3, parameter.description)
                                                query.string(4, parameter.name)
                                                query.string(6, "string")
                                            }
                                        }
                                    }
                                }
                            }
                            patch.message(13) { extensionEntry in      // NamedAny
                                extensionEntry.string(1, "x-kubernetes-group-version-kind")
                                extensionEntry.message(2) { value in value.string(2, gvkYAML(resource)) }
                            }
                        }
                    }
                }
            }
        }
        return document.bytes
    }()

    /// The same document as JSON, for a client that asks for JSON.
    static let json: [UInt8] = Array(JSONValue.object([
        ("swagger", .string("2.0")),
        ("info", .object([("title", .string("Kubernetes")), ("version", .string(Discovery.serverVersion.gitVersion))])),
        ("paths", .object(patchable.map { path, resource in
            (path, .object([("patch", .object([
                ("parameters", .array(queryParameters.map {
                    .object([("description", .string($0.description)), ("in", .string("query")), ("name", .string($0.name)),
                             ("type", .string("string"))])
                })),
                ("x-kubernetes-group-version-kind", .object([
                    ("group", .string(resource.group)), ("kind", .string(resource.kind)), ("version", .string(resource.version)),
                ])),
            ]))]))
        })),
    ]).compactJSON().utf8)
}
