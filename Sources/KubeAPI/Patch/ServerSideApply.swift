import Commands

extension PatchSchema: ListMergeKeys {
    public func listMergeKey(_ field: String) -> String? {
        let f = self.field(field)
        return f.mergesList ? f.mergeKey : nil
    }
}

/// Server-side apply without managedFields: the manager's last applied configuration stands in
/// for the fields it owns, so a field it applied before and omits now is removed, fields it never
/// applied (other managers', controllers') are kept, and keyed lists merge item by item.
enum ServerSideApply {
    static func apply(_ applied: JSONValue, to live: JSONValue, lastApplied: JSONValue?, schema: PatchSchema) -> JSONValue {
        let existing: JSONValue? = if case .object(let pairs) = live, !pairs.isEmpty { live } else { nil }
        return ThreeWayMerge.value(file: applied, original: lastApplied, live: existing, keys: schema)
    }
}
