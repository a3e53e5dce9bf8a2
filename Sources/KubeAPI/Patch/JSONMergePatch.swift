import Commands

/// RFC 7386 JSON merge patch: objects merge key by key, `null` deletes a key, anything else
/// (lists included) replaces the target value whole.
enum JSONMergePatch {
    static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchPairs) = patch else { return patch }
        var result = target.objectPairs ?? []
        for (key, value) in patchPairs {
            if value.isNull {
                result.remove(key)
            } else {
                result.set(key, apply(value, to: result.value(key) ?? .null))
            }
        }
        return .object(result)
    }
}
