import Cluster

/// `--field-selector` as the API server applies it to a list: `field=value`, `field==value`,
/// `field!=value`, joined by commas, over the fields each kind lets you select on (the kind's
/// field label conversion function in pkg/apis/*/v1/conversion.go). An unknown field is the
/// server's BadRequest, put in context by kubectl's resource builder.
public struct FieldSelector: Sendable {
    public struct Requirement: Sendable {
        public var field: String
        public var value: String
        public var equal: Bool
    }

    /// The API server's refusal (the message of its 400 BadRequest).
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public let requirements: [Requirement]

    /// Fields each kind accepts, beyond metadata.name and metadata.namespace.
    static func selectableFields(_ kind: Kind) -> [String] {
        switch kind {
        case .pod: ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
                    "status.phase", "status.podIP", "status.nominatedNodeName"]
        case .node: ["spec.unschedulable"]
        case .replicaSet: ["status.replicas"]
        case .namespace: ["status.phase"]
        case .event: ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                      "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                      "reason", "reportingComponent", "source", "type"]
        default: []
        }
    }

    /// kubectl's view: the server's refusal in the resource builder's words.
    static func parse(_ text: String?, kind: Kind, labelSelector: String?) throws -> FieldSelector {
        do {
            return try parse(text, kind: kind)
        } catch let refusal as Refusal {
            let version = kind.apiVersion.split(separator: "/").last.map(String.init) ?? "v1"
            let resource = "\(kind.group)/\(version), Resource=\(kind.resource)"
            throw KubectlError("Error from server (BadRequest): Unable to find \"\(resource)\" that match label selector \"\(labelSelector ?? "")\", field selector \"\(text ?? "")\": \(refusal.description)")
        }
    }

    /// events.k8s.io/v1's field labels and the core Event fields they select on
    /// (AddFieldLabelConversionsForEvent in pkg/apis/events/v1): its Events are core Events in
    /// another shape, `regarding` for `involvedObject`, `reportingController` for `reportingComponent`.
    private static let eventsGroupLabels: [String: String] = [
        "metadata.name": "metadata.name", "metadata.namespace": "metadata.namespace", "reason": "reason", "type": "type",
        "regarding.kind": "involvedObject.kind", "regarding.namespace": "involvedObject.namespace",
        "regarding.name": "involvedObject.name", "regarding.uid": "involvedObject.uid",
        "regarding.apiVersion": "involvedObject.apiVersion", "regarding.resourceVersion": "involvedObject.resourceVersion",
        "regarding.fieldPath": "involvedObject.fieldPath", "reportingController": "reportingComponent",
    ]

    /// A selector sent to a resource of `group`: for events.k8s.io, its field labels are read as
    /// the core fields they stand for; every other group's are the kind's own.
    public static func parse(_ text: String?, kind: Kind, group: String) throws -> FieldSelector {
        try parse(text, kind: kind, labels: group == "events.k8s.io" && kind == .event ? eventsGroupLabels : nil)
    }

    /// The API server's view: parses `text` for a list of `kind`, or throws its BadRequest message.
    public static func parse(_ text: String?, kind: Kind) throws -> FieldSelector { try parse(text, kind: kind, labels: nil) }

    /// `labels`: a group's own field labels and the fields they select (nil: the kind's fields).
    private static func parse(_ text: String?, kind: Kind, labels: [String: String]?) throws -> FieldSelector {
        guard let text, !text.isEmpty else { return FieldSelector(requirements: []) }
        func refuse(_ reason: String) -> Refusal { Refusal(description: reason) }
        var requirements: [Requirement] = []
        for term in text.split(separator: ",", omittingEmptySubsequences: true).map(String.init) {
            // fields.ParseSelector: `!=` before `==` before `=`.
            let parsed: (String, String, Bool)? =
                if let r = term.range(of: "!=") { (String(term[..<r.lowerBound]), String(term[r.upperBound...]), false) }
                else if let r = term.range(of: "==") { (String(term[..<r.lowerBound]), String(term[r.upperBound...]), true) }
                else if let r = term.range(of: "=") { (String(term[..<r.lowerBound]), String(term[r.upperBound...]), true) }
                else { nil }
            guard let (field, value, equal) = parsed else {
                throw refuse("invalid selector: '\(text)'; can't understand '\(term)'")
            }
            let name = field.trimmingSpaces()
            if let labels {
                guard let selected = labels[name] else { throw refuse("field label not supported: \(name)") }
                requirements.append(Requirement(field: selected, value: value, equal: equal))
                continue
            }
            let known = ["metadata.name", "metadata.namespace"] + selectableFields(kind)
            guard known.contains(name) else {
                // Kinds with their own conversion function say "field label not supported"; the
                // rest use DefaultMetaV1FieldSelectorConversion.
                if selectableFields(kind).isEmpty {
                    throw refuse("\"\(name)\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
                }
                throw refuse("field label not supported: \(name)")
            }
            requirements.append(Requirement(field: name, value: value, equal: equal))
        }
        return FieldSelector(requirements: requirements)
    }

    public var isEmpty: Bool { requirements.isEmpty }

    public func matches(_ object: any APIObject) -> Bool {
        guard !requirements.isEmpty else { return true }
        let json = ObjectEncoder.encode(object)
        return requirements.allSatisfy { r in
            (Self.value(of: r.field, in: object, json: json) == r.value) == r.equal
        }
    }

    /// The field as the server's selectable-fields set holds it: absent strings are "", bools "false".
    private static func value(of field: String, in object: any APIObject, json: JSONValue) -> String {
        switch field {
        case "metadata.name": return object.name
        case "metadata.namespace": return object.metadata.namespace
        case "source": return value(of: "source.component", in: object, json: json)
        case "spec.hostNetwork", "spec.unschedulable":
            if case .bool(let b)? = (try? RelaxedJSONPath(field))?.values(in: json).first { return b ? "true" : "false" }
            return "false"
        default:
            guard let value = (try? RelaxedJSONPath(field))?.values(in: json).first else { return "" }
            return JSONPath.text(value)
        }
    }
}
