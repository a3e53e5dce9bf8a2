/// Writes protobuf's wire format: varint tags, strings and nested messages (length-delimited),
/// for the few messages kubesim answers in protobuf (the OpenAPI v2 document).
struct ProtobufWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// A length-delimited field (wire type 2) holding `payload`.
    mutating func field(_ number: Int, _ payload: [UInt8]) {
        varint(UInt64(number) << 3 | 2)
        varint(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }

    mutating func string(_ number: Int, _ value: String) { field(number, Array(value.utf8)) }

    /// A nested message, written by `build` into a writer of its own.
    mutating func message(_ number: Int, _ build: (inout ProtobufWireWriter) -> Void) {
        var nested = ProtobufWireWriter()
        build(&nested)
        field(number, nested.bytes)
    }
}
