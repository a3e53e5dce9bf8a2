import Cluster
import Commands

/// `deployments/NAME/scale` and `replicasets/NAME/scale`: autoscaling/v1 Scale, what
/// `kubectl scale` reads and patches.
enum ScaleSubresource {
    static func get(_ context: WriteContext) throws -> APIResponse {
        .json(scale(of: try context.live()))
    }

    /// PUT or PATCH: the new spec.replicas, written as `kubectl scale` writes it headless.
    static func write(_ context: WriteContext) throws -> APIResponse {
        let live = try context.live()
        let current = scale(of: live)
        let desired: JSONValue
        if context.request.verb == .patch {
            let type = try ObjectUpdate.patchType(context.http)
            desired = try patched(current, type: type, context)
        } else {
            desired = try RequestBody.object(context.http, resource: context.resource, kind: "Scale")
            let sentName = RequestBody.metadataString(desired, "name")
            if !sentName.isEmpty && sentName != live.name {
                throw StatusError.badRequest("the name of the object (\(sentName)) does not match the name on the URL (\(live.name))")
            }
        }
        let sentVersion = RequestBody.metadataString(desired, "resourceVersion")
        if !sentVersion.isEmpty && sentVersion != live.metadata.resourceVersion {
            throw StatusError(APIError.conflict(type(of: live).kind, live.name), resource: context.resource)
        }
        let replicas = try self.replicas(in: desired, name: live.name)
        var updated = live
        switch live {
        case var d as Deployment: d.spec.replicas = replicas; updated = d
        case var rs as ReplicaSet: rs.spec.replicas = replicas; updated = rs
        default: throw StatusError.pathNotFound()
        }
        let written = try APIObjectWriter.write(updated, in: context.cluster, dryRun: context.dryRun)
        return .json(scale(of: written))
    }

    /// spec.replicas of a Scale body: an int32 (else the decoder's BadRequest), not negative (else Invalid).
    static func replicas(in scale: JSONValue, name: String) throws -> Int {
        let value = scale["spec"]?["replicas"]
        let replicas: Int64
        switch value {
        case nil, .null?: replicas = 0
        case .int(let n)?: replicas = n
        case .number(let text)?:
            throw StatusError.badRequest("Scale in version \"v1\" cannot be handled as a Scale: json: cannot unmarshal number \(text) into Go struct field ScaleSpec.spec.replicas of type int32")
        case let other?:
            throw StatusError.badRequest("Scale in version \"v1\" cannot be handled as a Scale: json: cannot unmarshal \(RequestBody.typeName(other)) into Go struct field ScaleSpec.spec.replicas of type int32")
        }
        guard replicas >= Int64(Int32.min), replicas <= Int64(Int32.max) else {
            throw StatusError.badRequest("Scale in version \"v1\" cannot be handled as a Scale: json: cannot unmarshal number \(replicas) into Go struct field ScaleSpec.spec.replicas of type int32")
        }
        if replicas < 0 {
            throw StatusError.invalid(kind: "Scale", group: "autoscaling", name: name,
                                      causes: ["spec.replicas: Invalid value: \(replicas): must be greater than or equal to 0"])
        }
        return Int(replicas)
    }

    /// The patch applied to the Scale. Scale has no lists, so a strategic merge is a merge
    /// patch; until the patch engine lands those two are applied here.
    private static func patched(_ current: JSONValue, type: PatchType, _ context: WriteContext) throws -> JSONValue {
        do {
            return try PatchEngine.apply(type, body: context.http.body, to: current, kind: "Scale", lastApplied: nil)
        } catch let error as StatusError where error.code == 415 && (type == .merge || type == .strategicMerge) {
            let patch: JSONValue
            do { patch = try JSONParser.parse(context.http.body) } catch { throw StatusError.badRequest("error decoding patch: \(error)") }
            return MergePatch.apply(patch, to: current)
        }
    }

    /// `{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":…,"spec":{"replicas":3},"status":{"replicas":3,"selector":"app=web"}}`.
    static func scale(of object: any APIObject) -> JSONValue {
        let spec: Int, status: Int, selector: LabelSelector
        switch object {
        case let d as Deployment: (spec, status, selector) = (d.spec.replicas, d.status.replicas, d.spec.selector)
        case let rs as ReplicaSet: (spec, status, selector) = (rs.spec.replicas, rs.status.replicas, rs.spec.selector)
        default: return .null
        }
        let m = object.metadata
        let metadata: JSONValue = .object([
            ("name", .string(m.name)), ("namespace", .string(m.namespace)), ("uid", .string(m.uid)),
            ("resourceVersion", .string(m.resourceVersion)), ("creationTimestamp", .string(CalendarTime.rfc3339(m.creationTimestamp))),
        ])
        return .object([
            ("kind", .string("Scale")), ("apiVersion", .string("autoscaling/v1")), ("metadata", metadata),
            ("spec", .object([("replicas", .int(Int64(spec)))])),
            ("status", .object([("replicas", .int(Int64(status))), ("selector", .string(selector.description))])),
        ])
    }
}

/// RFC 7386 JSON merge patch: objects merge key by key, null deletes, anything else replaces.
enum MergePatch {
    static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchPairs) = patch else { return patch }
        var pairs: [(String, JSONValue)] = []
        if case .object(let existing) = target { pairs = existing }
        for (key, value) in patchPairs {
            let index = pairs.firstIndex { $0.0 == key }
            if value == .null {
                if let index { pairs.remove(at: index) }
            } else if let index {
                pairs[index].1 = apply(value, to: pairs[index].1)
            } else {
                pairs.append((key, apply(value, to: .null)))
            }
        }
        return .object(pairs)
    }
}
