import Cluster
import Commands

/// A write's body as JSON, whatever it was sent as: JSON, YAML or Kubernetes' protobuf.
enum RequestBody {
    static func json(_ request: APIRequest) throws -> JSONValue {
        switch request.contentType {
        case "application/json":
            do {
                return try JSONParser.parse(request.body)
            } catch {
                // The API server's JSON serializer reads apiVersion and kind first, and says so
                // with Go's own words for what is wrong with the JSON.
                let reason = (error as? JSONParseError)?.message ?? "\(error)"
                throw StatusError.badRequest("couldn't get version/kind; json parse error: \(reason)")
            }
        case "application/yaml":
            do {
                return try YAMLToJSON.parse(String(decoding: request.body, as: UTF8.self)) ?? .null
            } catch {
                throw StatusError.badRequest("error converting YAML to JSON: \(error.message)")
            }
        case "application/vnd.kubernetes.protobuf":
            return try ProtobufBody.decode(request.body)
        default:
            throw StatusError.unsupportedMediaType(request.contentType)
        }
    }

    /// An object body for `resource`: apiVersion and kind default to the path's, as the API
    /// server decodes with the path's group, version and kind as defaults; a different one is refused.
    static func object(_ request: APIRequest, resource: ServedResource, kind expectedKind: String? = nil) throws -> JSONValue {
        let body = try json(request)
        guard case .object(var pairs) = body else {
            throw StatusError.badRequest("json: cannot unmarshal \(typeName(body)) into Go value of type struct")
        }
        let kind = expectedKind ?? resource.kind
        let apiVersion = resource.groupVersion
        if case .string(let sent)? = body["apiVersion"], !sent.isEmpty, sent != apiVersion, expectedKind == nil {
            throw StatusError.badRequest("the API version in the data (\(sent)) does not match the expected API version (\(apiVersion))")
        }
        if case .string(let sent)? = body["kind"], !sent.isEmpty, sent != kind {
            throw StatusError.badRequest("\(sent) in version \"\(resource.version)\" cannot be handled as a \(kind): no kind \"\(sent)\" is registered for version \"\(apiVersion)\"")
        }
        pairs.removeAll { $0.0 == "apiVersion" || $0.0 == "kind" }
        return .object([("apiVersion", .string(apiVersion)), ("kind", .string(kind))] + pairs)
    }

    /// `fieldValidation=Strict` (what kubectl sends): unknown fields are a BadRequest. A body
    /// sent whole (POST, PUT) fails in the decoder, whose error the handlers wrap as
    /// `Deployment in version "v1" cannot be handled as a Deployment: …` (transformDecodeError);
    /// a patch's result is checked after patching and says only the decoder's words.
    static func refuseUnknownFields(_ body: JSONValue, kind: Kind, resource: ServedResource, request: APIRequest) throws {
        guard request.query("fieldValidation") == "Strict", request.contentType != "application/vnd.kubernetes.protobuf" else { return }
        let unknown = APIObjectDecoding.unknownFields(in: body, kind: kind)
        guard !unknown.isEmpty else { return }
        let error = "strict decoding error: " + unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
        guard request.method == "POST" || request.method == "PUT" else { throw StatusError.badRequest(error) }
        throw StatusError.badRequest("\(resource.kind) in version \"\(resource.version)\" cannot be handled as a \(resource.kind): \(error)")
    }

    /// The metadata.name / metadata.namespace a body gives ("" when absent).
    static func metadataString(_ body: JSONValue, _ field: String) -> String {
        if case .string(let s)? = body["metadata"]?[field] { return s }
        return ""
    }

    /// Sets metadata fields (name, namespace) the path decides.
    static func settingMetadata(_ body: JSONValue, _ values: [(String, String)]) -> JSONValue {
        guard case .object(var pairs) = body else { return body }
        var metadata: [(String, JSONValue)] = []
        if let index = pairs.firstIndex(where: { $0.0 == "metadata" }), case .object(let existing) = pairs[index].1 {
            metadata = existing
            pairs.remove(at: index)
        }
        for (field, value) in values {
            metadata.removeAll { $0.0 == field }
            metadata.append((field, .string(value)))
        }
        pairs.append(("metadata", .object(metadata)))
        return .object(pairs)
    }

    /// The Go JSON type name of a value, as decode errors name it.
    static func typeName(_ value: JSONValue) -> String { APIObjectDecoding.typeName(value) }
}
