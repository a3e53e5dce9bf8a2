import Cluster

/// From a parsed document to the objects it declares: is it an object, which kind (a `List`
/// holds several), do its fields fit the schema, and what do they decode to. Each step fails in
/// kubectl's words, in kubectl's order (decode, schema validation, resource mapping).
enum ManifestInterpreter {
    static func objects(in document: ManifestDocument, validator: SchemaValidator) throws -> [DecodedObject] {
        try objects(in: document.parsed.get(), source: document.source, validator: validator)
    }

    static func objects(in value: ManifestValue, source: ManifestSource, validator: SchemaValidator) throws -> [DecodedObject] {
        guard case .object = value else {
            throw ManifestErrors.decoding(source, "json: cannot unmarshal \(goJSONType(value)) into Go value of type map[string]interface {}")
        }
        guard let kind = value["kind"]?.string, !kind.isEmpty else {
            throw ManifestErrors.decoding(source, "Object 'Kind' is missing in '\(value.json.compactJSON())'")
        }
        guard let apiVersion = value["apiVersion"]?.string, !apiVersion.isEmpty else {
            throw ManifestErrors.validating(source, ["apiVersion not set"])
        }
        // `kubectl get … -o yaml` prints several objects as a List; kubectl applies its items.
        if kind == "List" && apiVersion == "v1" {
            return try (value["items"]?.array ?? []).flatMap { try objects(in: $0, source: source, validator: validator) }
        }
        let metadata = value["metadata"]
        guard let served = ManifestSchema.served(kind: kind, apiVersion: apiVersion) else {
            throw ManifestErrors.noMapping(source, name: metadata?["name"]?.string ?? "", namespace: metadata?["namespace"]?.string ?? "",
                                           kind: kind, version: apiVersion)
        }
        let problems = validator.problems(in: value, schema: served.schema, path: kind)
        guard problems.isEmpty else { throw ManifestErrors.validating(source, problems) }
        var decoded = try ManifestDecoder.decode(value, kind: served.kind, source: source)
        decoded.manifest = value
        return [decoded]
    }

    /// How Go's encoding/json names a JSON value's type in its unmarshal errors.
    private static func goJSONType(_ value: ManifestValue) -> String {
        switch value {
        case .string: "string"
        case .int, .number: "number"
        case .bool: "bool"
        case .array: "array"
        case .null, .object: "object"
        }
    }
}
