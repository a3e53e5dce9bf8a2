/// A malformed protobuf body, worded as the API server's generated (gogo) unmarshalers word it.
struct ProtobufWireError: Error, Equatable, CustomStringConvertible {
    var message: String
    var description: String { message }

    static let unexpectedEOF = ProtobufWireError(message: "unexpected EOF")
    static let integerOverflow = ProtobufWireError(message: "proto: integer overflow")
    static let negativeLength = ProtobufWireError(message: "proto: negative length found during unmarshaling")
    static let unexpectedEndOfGroup = ProtobufWireError(message: "proto: unexpected end of group")

    static func illegalWireType(_ wireType: Int) -> ProtobufWireError {
        ProtobufWireError(message: "proto: illegal wireType \(wireType)")
    }
    static func wrongWireType(_ wireType: Int, field goName: String) -> ProtobufWireError {
        ProtobufWireError(message: "proto: wrong wireType = \(wireType) for field \(goName)")
    }
    static func endGroupForNonGroup(_ message: String) -> ProtobufWireError {
        ProtobufWireError(message: "proto: \(message): wiretype end group for non-group")
    }
    /// Go prints the whole tag varint here, not just the wire type.
    static func illegalTag(_ message: String, field: Int64, tag: UInt64) -> ProtobufWireError {
        ProtobufWireError(message: "proto: \(message): illegal tag \(field) (wire type \(tag))")
    }
    static func tooDeep(_ limit: Int) -> ProtobufWireError {
        ProtobufWireError(message: "proto: exceeded maximum nesting depth \(limit)")
    }
}

/// The protobuf wire format's four live encodings (groups are only skipped).
enum WireType: Int {
    case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
}

/// Reads one message's bytes front to back. Every read is bounds-checked and every length is
/// checked against what is left, so hostile input ends in a `ProtobufWireError`, never a trap.
struct ProtobufWireReader {
    private let bytes: [UInt8]
    private(set) var index: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.index = start
        self.end = end ?? bytes.count
    }

    var isAtEnd: Bool { index >= end }

    /// Up to ten 7-bit groups; an eleventh is Go's integer overflow. Extra high bits are dropped as Go drops them.
    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            if shift >= 64 { throw ProtobufWireError.integerOverflow }
            guard index < end else { throw ProtobufWireError.unexpectedEOF }
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A field's tag: its number and wire type (`tag` is the raw varint, for Go's error text).
    mutating func tag() throws -> (field: Int64, wireType: Int, tag: UInt64) {
        let tag = try varint()
        return (Int64(Int32(truncatingIfNeeded: tag >> 3)), Int(tag & 7), tag)
    }

    mutating func fixed64() throws -> UInt64 {
        guard end - index >= 8 else { throw ProtobufWireError.unexpectedEOF }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[index + i]) << (8 * UInt64(i)) }
        index += 8
        return value
    }

    mutating func fixed32() throws -> UInt32 {
        guard end - index >= 4 else { throw ProtobufWireError.unexpectedEOF }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(bytes[index + i]) << (8 * UInt32(i)) }
        index += 4
        return value
    }

    /// A length-delimited payload's byte range; the reader moves past it.
    mutating func lengthDelimited() throws -> Range<Int> {
        let length = try varint()
        // Go converts the length to int: past Int.max it is negative.
        guard length <= UInt64(Int.max) else { throw ProtobufWireError.negativeLength }
        guard length <= UInt64(end - index) else { throw ProtobufWireError.unexpectedEOF }
        let range = index..<(index + Int(length))
        index = range.upperBound
        return range
    }

    func slice(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[range] }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// Skips an unknown field whose tag was just read, groups included (iteratively, so nesting
    /// costs no stack; capped all the same).
    mutating func skip(wireType: Int, maxGroupDepth: Int = 100) throws {
        var depth = 0
        var wire = wireType
        while true {
            switch WireType(rawValue: wire) {
            case .varint: _ = try varint()
            case .fixed64: _ = try fixed64()
            case .lengthDelimited: _ = try lengthDelimited()
            case .fixed32: _ = try fixed32()
            case .startGroup:
                depth += 1
                if depth > maxGroupDepth { throw ProtobufWireError.tooDeep(maxGroupDepth) }
            case .endGroup:
                if depth == 0 { throw ProtobufWireError.unexpectedEndOfGroup }
                depth -= 1
            case nil: throw ProtobufWireError.illegalWireType(wire)
            }
            if depth == 0 { return }
            wire = try tag().wireType
        }
    }
}
