import Cluster
import Commands

/// Objects as one served resource shows them: most resources are the stored object's own JSON;
/// events.k8s.io/v1 shows a core Event in its own group's shape (regarding, note,
/// reportingController, deprecated* fields: pkg/apis/events/v1 conversion).
enum ServedObjectJSON {
    static func encode(_ object: any APIObject, as resource: ServedResource) -> JSONValue {
        if resource.group == "events.k8s.io", let event = object as? Event { return eventsGroupEvent(event) }
        return ObjectEncoder.encode(object)
    }

    /// A list item: the API server leaves kind and apiVersion to the list.
    static func listItem(_ object: any APIObject, as resource: ServedResource) -> JSONValue {
        guard case .object(let pairs) = encode(object, as: resource) else { return .null }
        return .object(pairs.filter { $0.0 != "kind" && $0.0 != "apiVersion" })
    }

    /// Appends the object's compact JSON to `out` (`typeMeta: false`: as a list item). Pods, the
    /// bulk of any large answer, are written straight into the bytes (through a writer, then
    /// appended: one copy, and a watch event is one object).
    static func write(_ object: any APIObject, as resource: ServedResource, typeMeta: Bool = true, into out: inout [UInt8]) {
        var writer = ByteWriter()
        var memo = PodJSONMemo(remembering: false)
        write(object, as: resource, typeMeta: typeMeta, into: &writer, memo: &memo)
        out.append(writer)
    }

    /// As above, into a writer, with what a list's earlier items left in `memo`.
    static func write(_ object: any APIObject, as resource: ServedResource, typeMeta: Bool = true, into out: inout ByteWriter,
                      memo: inout PodJSONMemo) {
        if let pod = object as? Pod {
            ObjectEncoder.writePod(pod, typeMeta: typeMeta, into: &out, memo: &memo)
            return
        }
        (typeMeta ? encode(object, as: resource) : listItem(object, as: resource)).writeCompactJSON(into: &out)
    }

    static func eventsGroupEvent(_ e: Event) -> JSONValue {
        let time = { (t: SimTime) in JSONValue.string(CalendarTime.rfc3339(t)) }
        let ref = e.involvedObject
        let core = ObjectEncoder.encode(e)
        var regarding: [(String, JSONValue)] = [("kind", .string(ref.kind))]
        if !ref.namespace.isEmpty { regarding.append(("namespace", .string(ref.namespace))) }
        regarding += [("name", .string(ref.name)), ("uid", .string(ref.uid)), ("apiVersion", .string(ref.apiVersion))]
        if !ref.fieldPath.isEmpty { regarding.append(("fieldPath", .string(ref.fieldPath))) }
        var source: [(String, JSONValue)] = [("component", .string(e.sourceComponent))]
        if !e.sourceHost.isEmpty { source.append(("host", .string(e.sourceHost))) }
        var fields: [(String, JSONValue)] = [
            ("kind", .string("Event")), ("apiVersion", .string("events.k8s.io/v1")),
            ("metadata", core["metadata"] ?? .object([])), ("eventTime", e.eventTime.map { .string(ObjectEncoder.microTime($0)) } ?? .null),
            ("reportingController", .string(e.sourceComponent)),
        ]
        if !e.sourceHost.isEmpty { fields.append(("reportingInstance", .string(e.sourceHost))) }
        if !e.action.isEmpty { fields.append(("action", .string(e.action))) }
        fields += [
            ("reason", .string(e.reason)), ("regarding", .object(regarding)), ("note", .string(e.message)),
            ("type", .string(e.type)), ("deprecatedSource", .object(source)),
            ("deprecatedFirstTimestamp", e.firstTimestamp.map(time) ?? .null), ("deprecatedLastTimestamp", e.lastTimestamp.map(time) ?? .null),
            ("deprecatedCount", .int(Int64(e.count))),
        ]
        return .object(fields)
    }
}
