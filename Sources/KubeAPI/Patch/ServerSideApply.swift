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
    /// The group/versions each kind is served at (Event at both of its groups).
    static let groupVersions: [String: [String]] = [
        "Pod": ["v1"], "Node": ["v1"], "Service": ["v1"], "Namespace": ["v1"], "Event": ["v1", "events.k8s.io/v1"],
        "Deployment": ["apps/v1"], "ReplicaSet": ["apps/v1"], "DaemonSet": ["apps/v1"], "Lease": ["coordination.k8s.io/v1"],
        "PodDisruptionBudget": ["policy/v1"],
    ]

    static func apply(_ applied: JSONValue, to live: JSONValue, lastApplied: JSONValue?, kind: String) throws -> JSONValue {
        if case .string(let version)? = applied["apiVersion"], let expected = groupVersions[kind], !expected.contains(version) {
            throw StatusError.badRequest("Incorrect version specified in apply patch. Specified patch version: \(version), expected: \(expected[0])")
        }
        let schema = PatchSchema.forKind(kind)
        let existing: JSONValue? = if case .object(let pairs) = live, !pairs.isEmpty { live } else { nil }
        return ThreeWayMerge.value(file: applied, original: lastApplied, live: existing, keys: schema)
    }
}
