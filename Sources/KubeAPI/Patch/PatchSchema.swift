import Commands

/// The `patchStrategy`/`patchMergeKey` tags of the Go types behind the kinds we serve
/// (k8s.io/api core/v1, apps/v1; apimachinery meta/v1), which strategic merge patch and our
/// server-side apply read. A field without tags merges if it is a map and is replaced whole if it
/// is a list, as upstream does; a field we do not know is treated the same way.
public struct PatchSchema: Sendable {
    /// One tagged field: how its list merges and the schema of its value (or of its list items).
    public struct Field: Sendable {
        /// The list merges (`patchStrategy:"merge"`) instead of being replaced.
        var mergesList = false
        /// The key list items are matched by; empty for a merged list of scalars (finalizers).
        var mergeKey = ""
        var schema: PatchSchema?
    }

    var fields: [String: Field] = [:]

    public static let empty = PatchSchema()

    public func field(_ name: String) -> Field { fields[name] ?? Field() }
    public func child(_ name: String) -> PatchSchema { fields[name]?.schema ?? .empty }

    /// The schema of a kind's object.
    public static func forKind(_ kind: String) -> PatchSchema {
        switch kind {
        case "Pod": object(spec: podSpec, status: podStatus)
        case "Deployment": object(spec: PatchSchema(fields: ["template": nested(podTemplate), "strategy": nested(.empty)]), status: conditions)
        case "ReplicaSet", "DaemonSet": object(spec: PatchSchema(fields: ["template": nested(podTemplate)]), status: conditions)
        case "Node": object(spec: PatchSchema(fields: ["podCIDRs": mergedScalars]),
                            status: PatchSchema(fields: ["conditions": merged(by: "type"), "addresses": merged(by: "type")]))
        case "Namespace", "PodDisruptionBudget": object(spec: .empty, status: conditions)
        // ServiceSpec.ports: patchMergeKey port (kubectl apply's patch deletes `{"$patch":"delete","port":80}`).
        case "Service": object(spec: PatchSchema(fields: ["ports": merged(by: "port")]), status: conditions)
        // Events, Leases and subresources (Scale) carry no tagged lists outside their metadata.
        default: object(spec: .empty, status: .empty)
        }
    }

    // MARK: the types

    private static func merged(by key: String, _ item: PatchSchema = .empty) -> Field {
        Field(mergesList: true, mergeKey: key, schema: item)
    }
    private static let mergedScalars = Field(mergesList: true, mergeKey: "")
    private static func nested(_ schema: PatchSchema) -> Field { Field(schema: schema) }

    private static func object(spec: PatchSchema, status: PatchSchema) -> PatchSchema {
        PatchSchema(fields: ["metadata": nested(objectMeta), "spec": nested(spec), "status": nested(status)])
    }

    static let objectMeta = PatchSchema(fields: ["ownerReferences": merged(by: "uid"), "finalizers": mergedScalars])

    static let conditions = PatchSchema(fields: ["conditions": merged(by: "type")])

    static let container = PatchSchema(fields: [
        "ports": merged(by: "containerPort"), "env": merged(by: "name"),
        "volumeMounts": merged(by: "mountPath"), "volumeDevices": merged(by: "devicePath"),
    ])

    /// PodSpec; `volumes` and `resourceClaims` are also `retainKeys`, which only matters to the
    /// client computing the patch: the server honours any `$retainKeys` it is sent.
    static let podSpec = PatchSchema(fields: [
        "volumes": merged(by: "name"), "initContainers": merged(by: "name", container),
        "containers": merged(by: "name", container), "ephemeralContainers": merged(by: "name", container),
        "imagePullSecrets": merged(by: "name"), "hostAliases": merged(by: "ip"),
        "topologySpreadConstraints": merged(by: "topologyKey"), "schedulingGates": merged(by: "name"),
        "resourceClaims": merged(by: "name"),
    ])

    static let podTemplate = PatchSchema(fields: ["metadata": nested(objectMeta), "spec": nested(podSpec)])

    static let podStatus = PatchSchema(fields: [
        "conditions": merged(by: "type"), "hostIPs": merged(by: "ip"), "podIPs": merged(by: "ip"),
        "resourceClaimStatuses": merged(by: "name"),
    ])
}
