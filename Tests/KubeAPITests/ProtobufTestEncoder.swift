/// Writes protobuf wire bytes by hand, for bodies no captured kubectl command sends.
enum ProtobufTestEncoder {
    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while v >= 0x80 {
            out.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
        return out
    }

    static func tag(_ field: Int, _ wireType: Int) -> [UInt8] { varint(UInt64(field << 3 | wireType)) }

    /// A varint field (int32, int64, bool).
    static func int(_ field: Int, _ value: Int64) -> [UInt8] { tag(field, 0) + varint(UInt64(bitPattern: value)) }

    static func string(_ field: Int, _ value: String) -> [UInt8] { bytes(field, Array(value.utf8)) }

    /// A length-delimited field: an embedded message or bytes.
    static func bytes(_ field: Int, _ payload: [UInt8]) -> [UInt8] {
        tag(field, 2) + varint(UInt64(payload.count)) + payload
    }

    static func message(_ field: Int, _ parts: [UInt8]...) -> [UInt8] { bytes(field, parts.flatMap { $0 }) }

    static func mapEntry(_ field: Int, _ key: String, _ value: String) -> [UInt8] {
        message(field, string(1, key), string(2, value))
    }

    /// The `k8s\0` magic and runtime.Unknown around an object's message.
    static func body(apiVersion: String, kind: String, _ raw: [UInt8]) -> [UInt8] {
        [0x6b, 0x38, 0x73, 0x00] + message(1, string(1, apiVersion), string(2, kind)) + bytes(2, raw)
            + string(3, "") + string(4, "")
    }
}
