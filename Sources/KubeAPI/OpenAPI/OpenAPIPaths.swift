import Commands

/// The `paths` of one group/version's document: the operations served on each resource, named
/// and parameterised as upstream's. kubectl reads them to learn that the server validates fields
/// itself (`fieldValidation` on the PATCH of the kind), and then leaves validation to the server.
struct OpenAPIPaths {
    private typealias Pairs = [(String, JSONValue)]

    let resources: [ServedResource]
    /// The list kinds, by the kind of their items.
    let listSchemas: [String: ObjectSchema]

    /// `CoreV1`, `AppsV1`, `AuthorizationV1`: the group/version part of operation ids.
    static func operationPrefix(group: String, version: String) -> String {
        let name = group.isEmpty ? "core" : String(group.split(separator: ".").first ?? "")
        return name.prefix(1).uppercased() + name.dropFirst() + version.prefix(1).uppercased() + version.dropFirst()
    }

    /// `core_v1`, `apps_v1`: the operations' tag.
    static func tag(group: String, version: String) -> String {
        (group.isEmpty ? "core" : String(group.split(separator: ".").first ?? "")) + "_" + version
    }

    var json: JSONValue {
        var paths: [(String, JSONValue)] = []
        for resource in resources { paths += self.paths(of: resource) }
        return .object(paths)
    }

    private func paths(of r: ServedResource) -> [(String, JSONValue)] {
        let base = r.group.isEmpty ? "/api/\(r.version)" : "/apis/\(r.group)/\(r.version)"
        let prefix = Self.operationPrefix(group: r.group, version: r.version)
        let tag = Self.tag(group: r.group, version: r.version)
        let own = OpenAPISchemaWriter.GroupVersionKind(group: r.group, version: r.version, kind: r.kind)
        let scope = r.namespaced ? "Namespaced" : ""
        let collection = r.namespaced ? "\(base)/namespaces/{namespace}/\(r.resource)" : "\(base)/\(r.resource)"
        let scopeParameters = r.namespaced ? [Parameters.namespace] : []
        let item = "\(collection)/{name}"
        let itemParameters = [Parameters.name(r.kind)] + scopeParameters + [Parameters.pretty]
        let listSchema = listSchemas[r.kind]?.name ?? ""
        var out: [(String, JSONValue)] = []

        func op(_ verb: String, _ id: String, _ action: String, _ kind: OpenAPISchemaWriter.GroupVersionKind, _ params: [JSONValue],
                body: String?, bodyTypes: [String] = ["application/json", "application/yaml"], response: String, codes: [String]) -> (String, JSONValue) {
            var pairs: Pairs = [
                ("description", .string(Self.describe(action, kind: kind.kind, resource: r))),
                ("operationId", .string(id)),
                ("parameters", .array(params)),
                ("responses", .object(codes.map { code in
                    (code, .object([("content", .object(["application/json", "application/yaml"].map {
                        ($0, .object([("schema", OpenAPISchemaWriter.reference(response))]))
                    })), ("description", .string(Self.statusText(code)))]))
                } + [("401", .object([("description", .string("Unauthorized"))]))])),
                ("tags", .array([.string(tag)])),
                ("x-kubernetes-action", .string(action)),
                ("x-kubernetes-group-version-kind", kind.json),
            ]
            if let body {
                pairs.append(("requestBody", .object([
                    ("content", .object(bodyTypes.map { ($0, .object([("schema", OpenAPISchemaWriter.reference(body))])) })),
                    ("required", .bool(action != "delete" && action != "deletecollection")),
                ])))
            }
            return (verb, .object(pairs))
        }
        func pathItem(_ path: String, _ parameters: [JSONValue], _ ops: [(String, JSONValue)]) {
            guard !ops.isEmpty else { return }
            out.append((path, .object(ops + [("parameters", .array(parameters))])))
        }

        let kindSchema = OpenAPIKinds.schema(of: r)?.name ?? ""
        let status = APIKindSchemas.status.name
        let deleteOptions = APIKindSchemas.deleteOptions.name
        let patch = APIKindSchemas.patch.name
        let writes = [Parameters.dryRun, Parameters.fieldManager, Parameters.fieldValidation]

        // The collection.
        var collectionOps: [(String, JSONValue)] = []
        if r.verbs.contains("list") {
            collectionOps.append(op("get", "list\(prefix)\(scope)\(r.kind)", "list", own, Parameters.list,
                                    body: nil, response: listSchema, codes: ["200"]))
        }
        if r.verbs.contains("create") {
            collectionOps.append(op("post", "create\(prefix)\(scope)\(r.kind)", "post", own, writes,
                                    body: kindSchema, response: kindSchema, codes: ["200", "201", "202"]))
        }
        if r.verbs.contains("deletecollection") {
            collectionOps.append(op("delete", "deletecollection\(prefix)\(scope)\(r.kind)", "deletecollection", own,
                                    Parameters.deleteItem + Parameters.list, body: deleteOptions, response: status, codes: ["200"]))
        }
        pathItem(collection, scopeParameters + [Parameters.pretty], collectionOps)

        // One object.
        var itemOps: [(String, JSONValue)] = []
        if r.verbs.contains("get") {
            itemOps.append(op("get", "read\(prefix)\(scope)\(r.kind)", "get", own, [], body: nil, response: kindSchema, codes: ["200"]))
        }
        if r.verbs.contains("update") {
            itemOps.append(op("put", "replace\(prefix)\(scope)\(r.kind)", "put", own, writes, body: kindSchema, response: kindSchema, codes: ["200", "201"]))
        }
        if r.verbs.contains("patch") {
            itemOps.append(op("patch", "patch\(prefix)\(scope)\(r.kind)", "patch", own, writes + [Parameters.force],
                              body: patch, bodyTypes: Parameters.patchTypes, response: kindSchema, codes: ["200", "201"]))
        }
        if r.verbs.contains("delete") {
            itemOps.append(op("delete", "delete\(prefix)\(scope)\(r.kind)", "delete", own, Parameters.deleteItem,
                              body: deleteOptions, response: kindSchema, codes: ["200", "202"]))
        }
        pathItem(item, itemParameters, itemOps)

        // Every namespace at once.
        if r.namespaced && r.verbs.contains("list") {
            pathItem("\(base)/\(r.resource)", [Parameters.pretty], [
                op("get", "list\(prefix)\(r.kind)ForAllNamespaces", "list", own, Parameters.list, body: nil, response: listSchema, codes: ["200"]),
            ])
        }

        // Subresources.
        for sub in r.subresources {
            let kind = OpenAPIKinds.kind(of: sub, in: r)
            guard let subSchema = OpenAPIKinds.schema(group: kind.group, version: kind.version, kind: kind.kind)?.name else { continue }
            let suffix = sub.name.prefix(1).uppercased() + sub.name.dropFirst()
            let parameters = [Parameters.name(sub.kind == r.kind ? r.kind : sub.kind)] + scopeParameters + [Parameters.pretty]
            var ops: [(String, JSONValue)] = []
            if sub.verbs.contains("get") {
                ops.append(op("get", "read\(prefix)\(scope)\(r.kind)\(suffix)", "get", kind, [], body: nil, response: subSchema, codes: ["200"]))
            }
            if sub.verbs.contains("update") {
                ops.append(op("put", "replace\(prefix)\(scope)\(r.kind)\(suffix)", "put", kind, writes, body: subSchema, response: subSchema, codes: ["200", "201"]))
            }
            if sub.verbs.contains("patch") {
                ops.append(op("patch", "patch\(prefix)\(scope)\(r.kind)\(suffix)", "patch", kind, writes + [Parameters.force],
                              body: patch, bodyTypes: Parameters.patchTypes, response: subSchema, codes: ["200", "201"]))
            }
            if sub.verbs.contains("create") {
                ops.append(op("post", "create\(prefix)\(scope)\(r.kind)\(suffix)", "post", kind, writes,
                              body: subSchema, response: subSchema, codes: ["200", "201", "202"]))
            }
            pathItem("\(item)/\(sub.name)", parameters, ops)
        }
        return out
    }

    private static func describe(_ action: String, kind: String, resource: ServedResource) -> String {
        switch action {
        case "list": "list or watch objects of kind \(kind)"
        case "post": "create a \(kind)"
        case "deletecollection": "delete collection of \(kind)"
        case "get": "read the specified \(kind)"
        case "put": "replace the specified \(kind)"
        case "patch": "partially update the specified \(kind)"
        default: "delete a \(kind)"
        }
    }

    private static func statusText(_ code: String) -> String {
        switch code {
        case "201": "Created"
        case "202": "Accepted"
        default: "OK"
        }
    }
}

/// The query and path parameters of the operations.
private enum Parameters {
    static func query(_ name: String, _ type: String, _ description: String) -> JSONValue {
        .object([("description", .string(description)), ("in", .string("query")), ("name", .string(name)),
                 ("schema", .object([("type", .string(type)), ("uniqueItems", .bool(true))]))])
    }
    static func path(_ name: String, _ description: String) -> JSONValue {
        .object([("description", .string(description)), ("in", .string("path")), ("name", .string(name)), ("required", .bool(true)),
                 ("schema", .object([("type", .string("string")), ("uniqueItems", .bool(true))]))])
    }

    static let namespace = path("namespace", "object name and auth scope, such as for teams and projects")
    static func name(_ kind: String) -> JSONValue { path("name", "name of the \(kind)") }
    static let pretty = query("pretty", "string", "If 'true', the output is indented for reading.")

    static let dryRun = query("dryRun", "string", "When present (All), the request is checked and answered but nothing is stored.")
    static let fieldManager = query("fieldManager", "string", "The name recorded as the manager of the fields this request sets.")
    static let fieldValidation = query("fieldValidation", "string",
        "What the server does with unknown or duplicate fields in the body: Ignore drops them, Warn drops them and warns, Strict refuses the request.")
    static let force = query("force", "boolean", "For apply patches: take over fields other managers own instead of failing with a conflict.")

    static let list: [JSONValue] = [
        query("allowWatchBookmarks", "boolean", "Asks a watch for BOOKMARK events that carry the latest resource version."),
        query("continue", "string", "The continue token of the previous page."),
        query("fieldSelector", "string", "Selects objects by fields (metadata.name=web, spec.nodeName=node-1)."),
        query("labelSelector", "string", "Selects objects by labels (app=web, tier in (a,b))."),
        query("limit", "integer", "The most items to return; the rest comes with the continue token."),
        query("resourceVersion", "string", "The version to read at or watch from."),
        query("resourceVersionMatch", "string", "How resourceVersion applies to a list: Exact or NotOlderThan."),
        query("sendInitialEvents", "boolean", "Makes a watch start with the current objects as ADDED events."),
        query("timeoutSeconds", "integer", "How long a list or watch may last."),
        query("watch", "boolean", "Streams changes (ADDED, MODIFIED, DELETED) instead of returning a list."),
    ]

    static let deleteItem: [JSONValue] = [
        dryRun,
        query("gracePeriodSeconds", "integer", "Seconds the object has to stop; 0 deletes at once."),
        query("orphanDependents", "boolean", "Old form of propagationPolicy=Orphan."),
        query("propagationPolicy", "string", "What happens to dependents: Orphan, Background or Foreground."),
    ]

    static let patchTypes = ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json",
                             "application/strategic-merge-patch+json"]
}
