import Cluster

/// An API request body decoded into a cluster object by the same decoder `kubectl apply -f`
/// uses, so the API and the headless kubectl accept, default and refuse alike.
public struct APIObjectBody {
    public var object: any APIObject
    public var kind: Kind { decoded.kind }
    /// The body as sent (for fields the decoder does not keep: ownerReferences, resourceVersion).
    public let json: JSONValue
    var decoded: DecodedObject

    /// Fields set in the body that kubesim does not simulate and dropped (see
    /// `ObjectSchema.notSimulatedFields`): the API warns of each.
    public var droppedFields: [String] = []

    /// The body's `metadata.resourceVersion` ("" when absent): the precondition of an update.
    public var resourceVersion: String {
        if case .string(let rv)? = json["metadata"]?["resourceVersion"] { return rv }
        return ""
    }
}

/// JSON (or YAML) bodies into objects, with the API server's decoding errors.
public enum APIObjectDecoding {
    /// Names the body in the decoder's errors; stripped again before they reach the client.
    static let source = ManifestSource(file: "request body", document: 1)

    /// Decodes `json` as an object of `kind`. Fields kubesim does not read are dropped, as the
    /// API server drops unknown fields when validation is not strict; values it cannot decode
    /// (an int32 out of range, a quantity it cannot read) are `APIError`s with reason BadRequest.
    public static func decode(_ json: JSONValue, kind: Kind) throws -> APIObjectBody {
        let value = ManifestValue(json: json)
        guard case .object = value else {
            throw APIError(.badRequest, "json: cannot unmarshal \(typeName(json)) into Go value of type struct")
        }
        switch kind {
        case .event, .lease:
            var object: any APIObject = kind == .event ? try EventLeaseDecoding.event(value) : try EventLeaseDecoding.lease(value)
            object.metadata.ownerReferences = ownerReferences(json["metadata"]?["ownerReferences"])
            return APIObjectBody(object: object, json: json, decoded: DecodedObject(source: source, object: object, manifest: value))
        default:
            break
        }
        guard let served = ManifestSchema.served.first(where: { $0.kind == kind }) else {
            throw APIError(.badRequest, "\(kind.rawValue) cannot be handled")
        }
        let typeProblems = SchemaValidator(rejectUnknownFields: false).problems(in: value, schema: served.schema, path: kind.rawValue)
            .filter { !$0.contains("missing required field") }
        if !typeProblems.isEmpty {
            throw APIError(.badRequest, "\(kind.rawValue) in version \"\(kind.version)\" cannot be handled as a \(kind.rawValue): \(typeProblems.joined(separator: ", "))")
        }
        do {
            var decoded = try ManifestDecoder.decode(value, kind: kind, source: source)
            decoded.manifest = value
            decoded.object.metadata.ownerReferences = ownerReferences(json["metadata"]?["ownerReferences"])
            return APIObjectBody(object: decoded.object, json: json, decoded: decoded,
                                 droppedFields: served.schema.notSimulatedFields(in: value))
        } catch var error as APIError {
            error.message = error.message.replacingOccurrences(of: "error when creating \(source.quoted): ", with: "")
            throw error
        }
    }

    /// `fieldValidation=Strict`: the paths of fields the schema does not know
    /// (`spec.template.spec.containers[0].foo`), as the API server's strict decoder names them.
    public static func unknownFields(in json: JSONValue, kind: Kind) -> [String] {
        ManifestSchema.served.first { $0.kind == kind }?.schema.unknownFields(in: json) ?? []
    }

    static func ownerReferences(_ value: JSONValue?) -> [OwnerReference] {
        guard case .array(let items)? = value else { return [] }
        return items.map { item in
            func text(_ key: String) -> String { if case .string(let s)? = item[key] { s } else { "" } }
            func flag(_ key: String) -> Bool { if case .bool(let b)? = item[key] { b } else { false } }
            return OwnerReference(apiVersion: text("apiVersion"), kind: text("kind"), name: text("name"), uid: text("uid"),
                                  controller: flag("controller"), blockOwnerDeletion: flag("blockOwnerDeletion"))
        }
    }

    public static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null, .object: "object"
        case .bool: "bool"
        case .int, .number: "number"
        case .string: "string"
        case .array: "array"
        }
    }
}

extension Kind {
    /// The version part of the kind's apiVersion (`v1`).
    var version: String { apiVersion.split(separator: "/").last.map(String.init) ?? apiVersion }
}

extension ManifestValue {
    /// The tree of a JSON body (JSON has no YAML tags: numbers are ints when they fit).
    init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .number(let text): self = .number(text)
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map(ManifestValue.init(json:)))
        case .object(let pairs): self = .object(pairs.map { ($0.0, ManifestValue(json: $0.1)) })
        }
    }
}
