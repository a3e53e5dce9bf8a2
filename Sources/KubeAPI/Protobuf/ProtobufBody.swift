import Commands

/// Request bodies in Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`),
/// which kubectl 1.32+ sends for typed writes, decoded into the JSON the rest of the API reads:
/// the JSON kubectl 1.31 sends for the same command, less the zero values gogo writes for every
/// non-pointer field (they read as unset, as omitempty leaves them out).
///
/// A body is the magic `k8s\0`, then a runtime.Unknown {1 TypeMeta {1 apiVersion, 2 kind},
/// 2 raw (the object's own message), 3 contentEncoding, 4 contentType}.
enum ProtobufBody {
    static let magic: [UInt8] = [0x6b, 0x38, 0x73, 0x00]

    /// The kinds kubesim reads from protobuf, by apiVersion and kind.
    static let messages: [String: ProtoMessage] = [
        "apps/v1/Deployment": .deployment,
        "apps/v1/ReplicaSet": .replicaSet,
        "apps/v1/DaemonSet": .daemonSet,
        "v1/Pod": .pod,
        "v1/Node": .node,
        "v1/Namespace": .namespace,
        "v1/Service": .service,
        "v1/DeleteOptions": .deleteOptions,
        "meta.k8s.io/v1/DeleteOptions": .deleteOptions,
        "authentication.k8s.io/v1/SelfSubjectReview": .selfSubjectReview,
        "authorization.k8s.io/v1/SelfSubjectAccessReview": .selfSubjectAccessReview,
        "authorization.k8s.io/v1/SelfSubjectRulesReview": .selfSubjectRulesReview,
        "policy/v1/Eviction": .eviction,
        "policy/v1/PodDisruptionBudget": .podDisruptionBudget,
        "coordination.k8s.io/v1/Lease": .lease,
    ]

    static func decode(_ bytes: [UInt8]) throws -> JSONValue {
        let envelope = try Envelope(bytes)
        guard !envelope.kind.isEmpty else {
            throw StatusError.badRequest("Object 'Kind' is missing in '\(envelope.goTypeMeta)'")
        }
        guard !envelope.apiVersion.isEmpty else {
            throw StatusError.badRequest("Object 'apiVersion' is missing in '\(envelope.goTypeMeta)'")
        }
        guard let message = messages["\(envelope.apiVersion)/\(envelope.kind)"] else {
            throw StatusError.badRequest("no kind \"\(envelope.kind)\" is registered for version \"\(envelope.apiVersion)\" in scheme \"k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30\"")
        }
        do {
            let fields = try ProtobufMessageDecoder(bytes: bytes).object(message, in: [envelope.raw], depth: 0)
            return .object([("kind", .string(envelope.kind)), ("apiVersion", .string(envelope.apiVersion))] + fields)
        } catch let error as ProtobufWireError {
            // The API server's create/update handlers wrap decode errors so (handlers/rest.go transformDecodeError).
            let version = envelope.apiVersion.split(separator: "/").last.map(String.init) ?? envelope.apiVersion
            throw StatusError.badRequest("\(envelope.kind) in version \"\(version)\" cannot be handled as a \(envelope.kind): \(error.message)")
        }
    }

    /// The runtime.Unknown around the object. Its errors come before any kind is known, so they
    /// are answered as the bare decoder error with a summary of the body, as the API server does
    /// for undecodable bodies (`the object provided is unrecognized … (6b387300…)`).
    private struct Envelope {
        var apiVersion = ""
        var kind = ""
        var raw: Range<Int> = 0..<0

        /// Go's `%#v` of the TypeMeta, which the missing-kind errors quote.
        var goTypeMeta: String { "runtime.TypeMeta{APIVersion:\"\(apiVersion)\", Kind:\"\(kind)\"}" }

        init(_ bytes: [UInt8]) throws {
            if bytes.isEmpty { throw Self.unrecognized("empty data", bytes) }
            guard bytes.starts(with: ProtobufBody.magic) else {
                throw Self.unrecognized("provided data does not appear to be a protobuf message, expected prefix [\(ProtobufBody.magic.map(String.init).joined(separator: " "))]", bytes)
            }
            if bytes.count == ProtobufBody.magic.count { throw Self.unrecognized("empty body", bytes) }
            do {
                var reader = ProtobufWireReader(bytes, from: ProtobufBody.magic.count)
                while !reader.isAtEnd {
                    let (number, wire, tag) = try reader.tag()
                    if wire == WireType.endGroup.rawValue { throw ProtobufWireError.endGroupForNonGroup("Unknown") }
                    if number <= 0 { throw ProtobufWireError.illegalTag("Unknown", field: number, tag: tag) }
                    guard (1...4).contains(number) else {
                        try reader.skip(wireType: wire)
                        continue
                    }
                    let name = ["TypeMeta", "Raw", "ContentEncoding", "ContentType"][Int(number) - 1]
                    guard wire == WireType.lengthDelimited.rawValue else { throw ProtobufWireError.wrongWireType(wire, field: name) }
                    let range = try reader.lengthDelimited()
                    switch number {
                    case 1:
                        let pairs = JSONValue.object(try ProtobufMessageDecoder(bytes: bytes).object(.typeMeta, in: [range], depth: 1))
                        if case .string(let v)? = pairs["apiVersion"] { apiVersion = v }
                        if case .string(let k)? = pairs["kind"] { kind = k }
                    case 2: raw = range
                    default: break  // contentEncoding and contentType: the API server ignores them too
                    }
                }
            } catch let error as ProtobufWireError {
                throw Self.unrecognized(error.message, bytes)
            }
        }

        private static func unrecognized(_ message: String, _ bytes: [UInt8]) -> StatusError {
            StatusError.badRequest("the object provided is unrecognized: \(message) (\(summary(bytes)))")
        }

        /// handlers/rest.go summarizeData: the first 30 bytes, as text if they look like JSON,
        /// else in hex, then ` ...` if there is more.
        private static func summary(_ bytes: [UInt8]) -> String {
            if bytes.isEmpty { return "<empty>" }
            let head = bytes.prefix(30)
            let text = bytes[0] == UInt8(ascii: "{") ? String(decoding: head, as: UTF8.self)
                : head.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            return bytes.count > 30 ? text + " ..." : text
        }
    }
}

extension ProtoMessage {
    /// runtime.TypeMeta (not meta/v1's, whose numbers are the other way round).
    static let typeMeta = ProtoMessage("TypeMeta", [ProtoField(1, "apiVersion", .string), ProtoField(2, "kind", .string)])
}
