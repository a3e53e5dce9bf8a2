import Commands

/// The four patch formats the API server accepts, by Content-Type.
public enum PatchType: String, Sendable {
    case json = "application/json-patch+json"
    case merge = "application/merge-patch+json"
    case strategicMerge = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"
}

/// Applies a PATCH body to the live object (both as JSON).
enum PatchEngine {
    /// - Parameters:
    ///   - kind: the object's kind (`Deployment`), for strategic merge's merge keys.
    ///   - lastApplied: for server-side apply, what this field manager applied before (nil the first time).
    /// - Throws: `StatusError` worded as the API server words a bad patch.
    static func apply(_ type: PatchType, body: [UInt8], to live: JSONValue, kind: String, lastApplied: JSONValue?) throws -> JSONValue {
        throw StatusError.unsupportedMediaType(type.rawValue)
    }
}
