import Commands

/// Request bodies in Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`),
/// which kubectl 1.32+ sends for typed writes, decoded into the JSON the rest of the API reads.
enum ProtobufBody {
    static func decode(_ bytes: [UInt8]) throws -> JSONValue {
        throw StatusError.unsupportedMediaType("application/vnd.kubernetes.protobuf")
    }
}
