import Commands

/// The four patch formats the API server accepts, by Content-Type.
public enum PatchType: String, Sendable {
    case json = "application/json-patch+json"
    case merge = "application/merge-patch+json"
    case strategicMerge = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"
}

/// Applies a PATCH body to the live object (both as JSON), answering a bad body or a patch that
/// does not apply as the API server does (handlers/patch.go).
enum PatchEngine {
    /// The API server's cap on operations in one JSON patch (maxJSONPatchOperations).
    static let maxJSONPatchOperations = 10_000

    /// - Parameters:
    ///   - kind: the object's kind (`Deployment`), for strategic merge's merge keys.
    ///   - lastApplied: for server-side apply, what this field manager applied before (nil the first time).
    /// - Throws: `StatusError` worded as the API server words a bad patch.
    static func apply(_ type: PatchType, body: [UInt8], to live: JSONValue, kind: String, lastApplied: JSONValue?) throws -> JSONValue {
        switch type {
        case .merge:
            let patch = try decodeJSON(body) { "error decoding patch: \($0)" }
            guard case .object = patch else {
                if patch.isNull { throw StatusError.badRequest("Invalid JSON Patch") }
                throw undecodable(patch, kind: kind)
            }
            return JSONMergePatch.apply(patch, to: live)

        case .json:
            let patch = try decodeJSON(body) { "error decoding patch: \($0)" }
            guard case .array(let operations) = patch else {
                throw StatusError.badRequest("error decoding patch: json: cannot unmarshal \(jsonTypeName(patch)) into Go value of type []handlers.jsonPatchOp")
            }
            for operation in operations {
                guard case .object(let fields) = operation else {
                    throw StatusError.badRequest("error decoding patch: json: cannot unmarshal \(jsonTypeName(operation)) into Go value of type handlers.jsonPatchOp")
                }
                for name in ["op", "path", "from"] {
                    if let v = fields.value(name), !v.isNull, case .string = v {} else if let v = fields.value(name), !v.isNull {
                        throw StatusError.badRequest("error decoding patch: json: cannot unmarshal \(jsonTypeName(v)) into Go struct field jsonPatchOp.\(name) of type string")
                    }
                }
            }
            if operations.count > maxJSONPatchOperations {
                throw StatusError(code: 413, reason: "RequestEntityTooLarge",
                                  message: "Request entity too large: The allowed maximum operations in a JSON patch is \(maxJSONPatchOperations), got \(operations.count)")
            }
            do {
                return try JSONPatch.apply(operations, to: live)
            } catch {
                // NewGenericServerResponse(422) keeps its stock sentence and drops evanphx's.
                throw StatusError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request")
            }

        case .strategicMerge:
            let patch = try decodeJSON(body) { $0 }
            guard case .object(let patchPairs) = patch else {
                throw StatusError.badRequest("json: cannot unmarshal \(jsonTypeName(patch)) into Go value of type map[string]interface {}")
            }
            let schema = PatchSchema.forKind(kind)
            do {
                return .object(try StrategicMergePatch.apply(patchPairs, to: live.objectPairs ?? [], schema: schema))
            } catch {
                switch error.code {
                case .badRequest: throw StatusError.badRequest(error.message)
                case .unprocessable: throw StatusError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request")
                case .internalError: throw StatusError.internalError(error.message)
                }
            }

        case .apply:
            let applied: JSONValue
            do {
                applied = try YAMLToJSON.parse(String(decoding: body, as: UTF8.self)) ?? .null
            } catch {
                throw StatusError.badRequest("error decoding YAML: error converting YAML to JSON: \(error.message)")
            }
            guard case .object = applied else {
                throw StatusError.badRequest("error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(jsonTypeName(applied)) into Go value of type map[string]interface {}")
            }
            return try ServerSideApply.apply(applied, to: live, lastApplied: lastApplied, kind: kind)
        }
    }

    private static func decodeJSON(_ body: [UInt8], _ word: (String) -> String) throws -> JSONValue {
        do { return try JSONParser.parse(body) } catch { throw StatusError.badRequest(word((error as? JSONParseError)?.message ?? "\(error)")) }
    }

    /// A merge patch that is not an object replaces the whole object, which then fails to decode.
    private static func undecodable(_ patched: JSONValue, kind: String) -> StatusError {
        StatusError.invalid(kind: "", group: "", name: "", causes: [
            "patch: Invalid value: \(JSONValue.string(patched.compactJSON()).compactJSON()): json: cannot unmarshal \(jsonTypeName(patched)) into Go value of type map[string]interface {}",
        ])
    }

    /// The JSON type names Go's decoder uses in "cannot unmarshal X into …".
    static func jsonTypeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .int, .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
