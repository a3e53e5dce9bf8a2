import Cluster
import Commands

/// `…/NAME/status`: GET returns the object; PUT and PATCH change its status only (the status
/// strategies keep the live spec and metadata). The status fields kubesim reads are those its
/// controllers and views use; the rest of a sent status is ignored.
enum StatusSubresource {
    static func get(_ context: WriteContext) throws -> APIResponse {
        context.encoded(try context.live())
    }

    static func write(_ context: WriteContext) throws -> APIResponse {
        let live = try context.live()
        let desired: JSONValue
        if context.request.verb == .patch {
            let type = try ObjectUpdate.patchType(context.http)
            let lastApplied = context.applied.lastApplied(uid: live.metadata.uid, manager: context.fieldManager + "/status")
            desired = try PatchEngine.apply(type, body: context.http.body, to: ObjectEncoder.encode(live),
                                            kind: context.resource.kind, lastApplied: lastApplied)
        } else {
            desired = try RequestBody.object(context.http, resource: context.resource)
        }
        let sentVersion = RequestBody.metadataString(desired, "resourceVersion")
        if !sentVersion.isEmpty && sentVersion != live.metadata.resourceVersion {
            throw StatusError(APIError.conflict(type(of: live).kind, live.name), resource: context.resource)
        }
        let status = desired["status"] ?? .object([])
        var updated = live
        switch live {
        case var pod as Pod: pod.status = podStatus(status, live: pod.status); updated = pod
        case var node as Node: node.status.conditions = nodeConditions(status["conditions"], live: node.status.conditions); updated = node
        case var d as Deployment:
            d.status.replicas = int(status["replicas"]); d.status.updatedReplicas = int(status["updatedReplicas"])
            d.status.readyReplicas = int(status["readyReplicas"]); d.status.availableReplicas = int(status["availableReplicas"])
            d.status.unavailableReplicas = int(status["unavailableReplicas"])
            updated = d
        case var rs as ReplicaSet:
            rs.status.replicas = int(status["replicas"]); rs.status.fullyLabeledReplicas = int(status["fullyLabeledReplicas"])
            rs.status.readyReplicas = int(status["readyReplicas"]); rs.status.availableReplicas = int(status["availableReplicas"])
            updated = rs
        default:
            break
        }
        return context.encoded(try APIObjectWriter.write(updated, in: context.cluster, dryRun: context.dryRun))
    }

    private static func int(_ value: JSONValue?) -> Int {
        if case .int(let n)? = value { return Int(clamping: n) }
        return 0
    }

    private static func string(_ value: JSONValue?) -> String? {
        if case .string(let s)? = value { return s }
        return nil
    }

    private static func time(_ value: JSONValue?, _ fallback: SimTime) -> SimTime {
        guard let text = string(value), let millis = RFC3339Time.unixMilliseconds(text) else { return fallback }
        return SimTime(milliseconds: millis - SimTime.epochUnixSeconds * 1000)
    }

    private static func podStatus(_ status: JSONValue, live: PodStatus) -> PodStatus {
        var result = live
        result.phase = string(status["phase"]) ?? live.phase
        result.hostIP = string(status["hostIP"]) ?? live.hostIP
        result.podIP = string(status["podIP"]) ?? live.podIP
        result.reason = string(status["reason"]) ?? ""
        result.message = string(status["message"]) ?? ""
        if case .array(let conditions)? = status["conditions"] {
            result.conditions = conditions.map { c in
                let old = live.conditions.first { $0.type == string(c["type"]) }
                var condition = PodCondition(type: string(c["type"]) ?? "", status: string(c["status"]) ?? "",
                                             lastTransitionTime: time(c["lastTransitionTime"], old?.lastTransitionTime ?? .zero))
                condition.reason = string(c["reason"]) ?? ""
                condition.message = string(c["message"]) ?? ""
                return condition
            }
        }
        return result
    }

    private static func nodeConditions(_ value: JSONValue?, live: [NodeCondition]) -> [NodeCondition] {
        guard case .array(let conditions)? = value else { return live }
        return conditions.map { c in
            let old = live.first { $0.type == string(c["type"]) }
            var condition = NodeCondition(type: string(c["type"]) ?? "", status: string(c["status"]) ?? "",
                                          at: time(c["lastTransitionTime"], old?.lastTransitionTime ?? .zero),
                                          reason: string(c["reason"]) ?? "", message: string(c["message"]) ?? "")
            condition.lastHeartbeatTime = time(c["lastHeartbeatTime"], old?.lastHeartbeatTime ?? condition.lastTransitionTime)
            return condition
        }
    }
}
