import Cluster
import Commands
import Testing
@testable import KubeAPI

@Suite struct OpenAPIDocumentsTests {
    let api = KubeAPIHandler(cluster: Cluster(seed: 1))

    private func get(_ target: String, headers: [(name: String, value: String)] = []) throws -> APIResponse {
        try #require(api.handle(APIRequest(method: "GET", target: target, headers: headers)).response)
    }

    private func header(_ response: APIResponse, _ name: String) -> String? {
        response.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    private static var servedGroupVersions: [String] {
        var seen: [String] = []
        for r in ServedResources.all {
            let path = r.group.isEmpty ? "api/\(r.version)" : "apis/\(r.group)/\(r.version)"
            if !seen.contains(path) { seen.append(path) }
        }
        return seen
    }

    /// The document of `path` (`api/v1`) as fetched through its index URL.
    private func document(_ path: String) throws -> JSONValue {
        let index = try JSONParser.parse(try get("/openapi/v3").body)
        let url = try #require(index["paths"]?[path]?["serverRelativeURL"]?.stringValue)
        return try JSONParser.parse(try get(url).body)
    }

    private func schemas(_ document: JSONValue) throws -> JSONValue {
        try #require(document["components"]?["schemas"])
    }

    @Test func indexListsEveryServedGroupVersionWithAHashedURL() throws {
        let response = try get("/openapi/v3")
        #expect(response.status == 200)
        let paths = try #require(try JSONParser.parse(response.body)["paths"])
        #expect(paths.pairs.map(\.0).sorted() == Self.servedGroupVersions.sorted())
        for path in Self.servedGroupVersions {
            let url = try #require(paths[path]?["serverRelativeURL"]?.stringValue)
            let hash = try #require(url.split(separator: "=").last.map(String.init))
            #expect(url == "/openapi/v3/\(path)?hash=\(hash)")
            #expect(hash.count >= 16 && hash.allSatisfy { $0.isHexDigit && !$0.isLowercase })
            let hashed = try get(url)
            #expect(hashed.status == 200)
            #expect(hashed.contentType == "application/json")
            #expect(header(hashed, "Cache-Control") == "public, immutable")
            #expect(header(hashed, "ETag") == "\"\(hash)\"")
        }
    }

    @Test func hashIsOfTheDocumentItself() throws {
        for document in OpenAPIDocuments.documents {
            #expect(document.hash == OpenAPIDocuments.hash(document.body))
            var changed = document.body
            changed.append(UInt8(ascii: " "))
            #expect(OpenAPIDocuments.hash(changed) != document.hash)
        }
        #expect(Set(OpenAPIDocuments.documents.map(\.hash)).count == OpenAPIDocuments.documents.count)
    }

    @Test func staleHashRedirectsAndRevalidationAnswersNotModified() throws {
        let current = try #require(OpenAPIDocuments.documents.first { $0.path == "apis/apps/v1" })
        let stale = try get("/openapi/v3/apis/apps/v1?hash=0000")
        #expect(stale.status == 301)
        #expect(header(stale, "Location") == current.serverRelativeURL)

        let unhashed = try get("/openapi/v3/apis/apps/v1")
        #expect(unhashed.status == 200)
        #expect(header(unhashed, "Cache-Control") == "no-cache, private")
        #expect(unhashed.body == current.body)

        let revalidated = try get("/openapi/v3/apis/apps/v1", headers: [("If-None-Match", "\"\(current.hash)\"")])
        #expect(revalidated.status == 304)
        #expect(revalidated.body.isEmpty)
    }

    @Test func unknownDocumentsAreNotFound() throws {
        #expect(try get("/openapi/v3/apis/batch/v1").status == 404)
        #expect(try get("/openapi/v4").status == 404)
    }

    /// The fields of one protobuf message, by number, in order (length-delimited ones only: all
    /// the v2 document has).
    private func fields(_ bytes: [UInt8]) throws -> [(number: Int64, payload: [UInt8])] {
        var reader = ProtobufWireReader(bytes)
        var out: [(Int64, [UInt8])] = []
        while !reader.isAtEnd {
            let tag = try reader.tag()
            #expect(tag.wireType == 2)
            out.append((tag.field, Array(reader.slice(try reader.lengthDelimited()))))
        }
        return out
    }

    /// kubectl asks `/openapi/v2` (in protobuf) whether a kind takes `fieldValidation` when the v3
    /// document does not list it, and kubectl 1.27/1.28 for every kind: each served kind's PATCH
    /// operation is there with its group-version-kind and the parameter.
    @Test func openAPIV2ListsEveryKindsPatchWithItsQueryParameters() throws {
        let v2 = try get("/openapi/v2", headers: [("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")])
        #expect(v2.status == 200)
        #expect(header(v2, "Content-Type") == "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
        #expect(header(v2, "Vary") == "Accept")
        // The current spelling of the type gets the same bytes; JSON is first for a wildcard;
        // anything else is not acceptable (406), as kube-openapi negotiates.
        #expect(try get("/openapi/v2", headers: [("Accept", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")]).body == v2.body)
        #expect(header(try get("/openapi/v2", headers: [("Accept", "*/*")]), "Content-Type") == "application/json")
        #expect(try get("/openapi/v2", headers: [("Accept", "text/html")]).status == 406)
        let document = try fields(v2.body)
        #expect(document.first.map { String(decoding: $0.payload, as: UTF8.self) } == "2.0")
        let paths = try fields(try #require(document.first { $0.number == 8 }?.payload)).filter { $0.number == 2 }
        var found: [String: (gvk: String, parameters: [String])] = [:]
        for named in paths {
            let item = try fields(named.payload)
            let path = String(decoding: item[0].payload, as: UTF8.self)
            let patch = try fields(try fields(item[1].payload).first { $0.number == 8 }!.payload)
            let gvk = try fields(try fields(patch.first { $0.number == 13 }!.payload)[1].payload)[0].payload
            let parameters = try patch.filter { $0.number == 8 }.map { listed in
                let query = try fields(try fields(try fields(try fields(listed.payload)[0].payload)[0].payload)[0].payload)
                return String(decoding: query.first { $0.number == 4 }!.payload, as: UTF8.self)
            }
            found[path] = (String(decoding: gvk, as: UTF8.self), parameters)
        }
        #expect(found["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]?.gvk == "group: \"apps\"\nkind: Deployment\nversion: v1\n")
        // Namespaces' is what kubectl asks for a kind it cannot find (a custom resource's).
        #expect(found["/api/v1/namespaces/{name}"]?.gvk == "group: \"\"\nkind: Namespace\nversion: v1\n")
        #expect(found["/api/v1/nodes/{name}"]?.gvk == "group: \"\"\nkind: Node\nversion: v1\n")
        #expect(found["/api/v1/nodes/{name}"]?.parameters == ["dryRun", "fieldManager", "fieldValidation"])
        // Every served kind that takes PATCH, and no other (endpoints are read-only here).
        #expect(Set(found.keys).count == ServedResources.all.filter { $0.storedKind != nil && $0.verbs.contains("patch") }.count)
        #expect(found["/api/v1/namespaces/{namespace}/endpoints/{name}"] == nil)

        let json = try JSONParser.parse(try get("/openapi/v2").body)
        #expect(json["swagger"] == .string("2.0"))
        #expect(json["paths"]?["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]?["patch"]?["x-kubernetes-group-version-kind"]?.compactJSON()
                == #"{"group":"apps","kind":"Deployment","version":"v1"}"#)
    }

    @Test func everyServedKindHasASchemaMarkedWithItsGroupVersionKind() throws {
        for path in Self.servedGroupVersions {
            let document = try document(path)
            #expect(document["openapi"] == .string("3.0.0"))
            let marked = try schemas(document).pairs.flatMap { _, schema in
                (schema["x-kubernetes-group-version-kind"]?.arrayItems ?? []).map {
                    "\($0["group"]?.stringValue ?? "?")/\($0["version"]?.stringValue ?? "?")/\($0["kind"]?.stringValue ?? "?")"
                }
            }
            let served = ServedResources.all.filter { ($0.group.isEmpty ? "api/\($0.version)" : "apis/\($0.group)/\($0.version)") == path }
            #expect(!served.isEmpty)
            for r in served {
                #expect(marked.contains("\(r.group)/\(r.version)/\(r.kind)"), "\(path) lacks \(r.kind)")
                if r.verbs.contains("list") { #expect(marked.contains("\(r.group)/\(r.version)/\(r.kind)List"), "\(path) lacks \(r.kind)List") }
                for sub in r.subresources {
                    #expect(marked.contains("\(sub.group ?? r.group)/\(sub.version ?? r.version)/\(sub.kind)"), "\(path) lacks \(sub.kind)")
                }
            }
        }
    }

    @Test func everyReferenceResolves() throws {
        for path in Self.servedGroupVersions {
            let document = try document(path)
            let names = Set(try schemas(document).pairs.map(\.0))
            var references: [String] = []
            func walk(_ value: JSONValue) {
                switch value {
                case .object(let pairs):
                    for (key, item) in pairs {
                        if key == "$ref", case .string(let ref) = item { references.append(ref) } else { walk(item) }
                    }
                case .array(let items): items.forEach(walk)
                default: break
                }
            }
            walk(document)
            #expect(references.count >= 20)
            for ref in references {
                #expect(ref.hasPrefix("#/components/schemas/") && names.contains(String(ref.dropFirst("#/components/schemas/".count))),
                        "\(path): \(ref) does not resolve")
            }
        }
    }

    @Test func containersMergeByNameAndPortsByPortAndProtocol() throws {
        let schemas = try schemas(try document("api/v1"))
        let containers = try #require(schemas["io.k8s.api.core.v1.PodSpec"]?["properties"]?["containers"])
        #expect(containers["type"] == .string("array"))
        #expect(containers["x-kubernetes-patch-merge-key"] == .string("name"))
        #expect(containers["x-kubernetes-patch-strategy"] == .string("merge"))
        #expect(containers["x-kubernetes-list-type"] == .string("map"))
        #expect(containers["x-kubernetes-list-map-keys"] == .array([.string("name")]))
        #expect(containers["items"]?["$ref"] == .string("#/components/schemas/io.k8s.api.core.v1.Container"))
        #expect(schemas["io.k8s.api.core.v1.PodSpec"]?["required"] == .array([.string("containers")]))

        let ports = try #require(schemas["io.k8s.api.core.v1.Container"]?["properties"]?["ports"])
        #expect(ports["x-kubernetes-list-map-keys"] == .array([.string("containerPort"), .string("protocol")]))
        #expect(schemas["io.k8s.api.core.v1.PodSpec"]?["properties"]?["nodeSelector"]?["x-kubernetes-map-type"] == .string("atomic"))
        #expect(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]?["properties"]?["finalizers"]?["x-kubernetes-list-type"] == .string("set"))

        let apps = try self.schemas(try document("apis/apps/v1"))
        let maxSurge = try #require(apps["io.k8s.api.apps.v1.RollingUpdateDeployment"]?["properties"]?["maxSurge"])
        #expect(maxSurge["allOf"]?.arrayItems?.first?["$ref"] == .string("#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString"))
        #expect(apps["io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"]?["x-kubernetes-map-type"] == .string("atomic"))
        #expect(apps["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]?["x-kubernetes-int-or-string"] == .bool(true))
    }

    /// kubectl leaves validation to the server when the PATCH of a kind takes `fieldValidation`.
    @Test func patchOperationsDeclareFieldValidation() throws {
        let paths = try #require(try document("apis/apps/v1")["paths"])
        let patch = try #require(paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]?["patch"])
        #expect(patch["x-kubernetes-group-version-kind"] == .object([("group", .string("apps")), ("kind", .string("Deployment")), ("version", .string("v1"))]))
        let names = (patch["parameters"]?.arrayItems ?? []).compactMap { $0["in"] == .string("query") ? $0["name"]?.stringValue : nil }
        #expect(names.contains("fieldValidation"))
        #expect(patch["requestBody"]?["content"]?["application/strategic-merge-patch+json"] != nil)
        let scale = try #require(paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]?["get"])
        #expect(scale["x-kubernetes-group-version-kind"]?["kind"] == .string("Scale"))
        #expect(try document("api/v1")["paths"]?["/api/v1/pods"]?["get"]?["operationId"] == .string("listCoreV1PodForAllNamespaces"))
    }

    /// Every field of every object kubesim serves is described by its kind's schema.
    @Test func schemasDescribeEveryFieldKubesimEmits() throws {
        let session = Session(cluster: Cluster(seed: 3))
        _ = session.runToCompletion("kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80")
        _ = session.runToCompletion("kubectl rollout status deployment/web")
        _ = session.runToCompletion("kubectl cordon node-1")
        _ = session.runToCompletion("kubectl create namespace team-a")
        session.cluster.advance(by: .seconds(30))
        var checked: Set<String> = []
        for kind in Kind.allCases {
            let served = try #require(ServedResources.resource(for: kind))
            let path = served.group.isEmpty ? "api/\(served.version)" : "apis/\(served.group)/\(served.version)"
            let schemas = try schemas(try document(path))
            let root = try #require(OpenAPIKinds.schema(of: served)?.name)
            for object in session.cluster.store.objects(kind: kind) {
                let undescribed = Self.undescribed(ObjectEncoder.encode(object), schema: .object([("$ref", .string("#/components/schemas/\(root)"))]),
                                                   schemas: schemas, path: kind.rawValue)
                #expect(undescribed.isEmpty, "\(undescribed)")
                checked.insert(kind.rawValue)
            }
        }
        #expect(checked.isSuperset(of: ["Pod", "ReplicaSet", "Deployment", "Node", "Namespace", "Event", "Lease"]))
    }

    /// Paths in `value` that `schema` has no property for.
    private static func undescribed(_ value: JSONValue, schema: JSONValue, schemas: JSONValue, path: String) -> [String] {
        var schema = schema
        while true {
            if let ref = schema["$ref"]?.stringValue, let target = schemas[String(ref.dropFirst("#/components/schemas/".count))] {
                schema = target
            } else if let first = schema["allOf"]?.arrayItems?.first {
                schema = first
            } else { break }
        }
        if schema["x-kubernetes-preserve-unknown-fields"] == .bool(true) { return [] }
        switch value {
        case .object(let pairs):
            if let values = schema["additionalProperties"] {
                return pairs.flatMap { undescribed($1, schema: values, schemas: schemas, path: "\(path).\($0)") }
            }
            guard let properties = schema["properties"] else { return schema["oneOf"] == nil ? [path + " (not an object)"] : [] }
            return pairs.flatMap { key, item in
                guard let property = properties[key] else { return ["\(path).\(key)"] }
                return undescribed(item, schema: property, schemas: schemas, path: "\(path).\(key)")
            }
        case .array(let items):
            guard let item = schema["items"] else { return [path + " (not an array)"] }
            return items.enumerated().flatMap { undescribed($1, schema: item, schemas: schemas, path: "\(path)[\($0)]") }
        default:
            return []
        }
    }
}

private extension JSONValue {
    var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    var arrayItems: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    var pairs: [(String, JSONValue)] { if case .object(let p) = self { p } else { [] } }
}
