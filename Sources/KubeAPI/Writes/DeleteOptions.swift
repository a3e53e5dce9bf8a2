import Cluster
import Commands

/// meta/v1 DeleteOptions, from the body (JSON or protobuf) and the query string.
struct DeleteOptions {

    var gracePeriodSeconds: Int?
    var propagationPolicy: DeletionPropagation?
    var preconditionUID: String?
    var preconditionResourceVersion: String?
    var dryRun = false

    init(_ request: APIRequest) throws {
        var body: JSONValue = .object([])
        if !request.body.isEmpty {
            body = try RequestBody.json(request)
        }
        if case .int(let grace)? = body["gracePeriodSeconds"] { gracePeriodSeconds = Int(grace) }
        if let grace = request.query("gracePeriodSeconds") {
            guard let value = Int(grace) else { throw StatusError.badRequest("strconv.ParseInt: parsing \"\(grace)\": invalid syntax") }
            gracePeriodSeconds = value
        }
        var policy: String?
        if case .string(let p)? = body["propagationPolicy"] { policy = p }
        if let p = request.query("propagationPolicy") { policy = p }
        if case .bool(let orphan)? = body["orphanDependents"] { propagationPolicy = orphan ? .orphan : .background }
        if let request = request.boolQuery("orphanDependents") { propagationPolicy = request ? .orphan : .background }
        if let policy, !policy.isEmpty {
            guard let parsed = DeletionPropagation(rawValue: policy) else {
                throw StatusError.invalid(kind: "DeleteOptions", group: "", name: "",
                                          causes: ["propagationPolicy: Unsupported value: \"\(policy)\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""])
            }
            propagationPolicy = parsed
        }
        if case .string(let uid)? = body["preconditions"]?["uid"] { preconditionUID = uid }
        if case .string(let rv)? = body["preconditions"]?["resourceVersion"] { preconditionResourceVersion = rv }
        if case .array(let modes)? = body["dryRun"], modes.contains(.string("All")) { dryRun = true }
        if request.query("dryRun") == "All" { dryRun = true }
    }

    /// Preconditions, worded as the storage layer's Precondition failed conflicts.
    func check(_ live: any APIObject, resource: ServedResource) throws {
        if let uid = preconditionUID, uid != live.metadata.uid {
            throw StatusError.conflict(resource, live.name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(live.metadata.uid)")
        }
        if let rv = preconditionResourceVersion, rv != live.metadata.resourceVersion {
            throw StatusError.conflict(resource, live.name, "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(live.metadata.resourceVersion)")
        }
    }
}
