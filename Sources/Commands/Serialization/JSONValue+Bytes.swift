/// Compact JSON written straight into a byte buffer: a 30,000-pod list is tens of megabytes,
/// and building it as nested Strings joined level by level copies every byte once per level.
extension JSONValue {
    /// The compact JSON text (`compactJSON()`) as UTF-8 bytes.
    public func compactJSONBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        writeCompactJSON(into: &out)
        return out
    }

    /// As below, into any sink. Numbers and strings are written in place; objects and arrays
    /// (the rare parts of a pod) are written as an array first.
    public func writeCompactJSON<Out: ByteSink & ~Copyable>(into out: inout Out) {
        switch self {
        case .int(let i): Self.writeInt(i, into: &out)
        case .string(let s): Self.writeQuotedString(s, into: &out)
        default: out.append(contentsOf: compactJSONBytes())
        }
    }

    /// Appends the compact JSON text to `out`: object keys sorted, as `compactJSON()`.
    public func writeCompactJSON(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: Self.nullBytes)
        case .bool(let b): out.append(contentsOf: b ? Self.trueBytes : Self.falseBytes)
        case .int(let i): Self.writeInt(i, into: &out)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let s): Self.writeQuoted(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.writeCompactJSON(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            // Encoders mostly give keys in order already: sort only when they are not.
            let sorted = zip(pairs, pairs.dropFirst()).allSatisfy { $0.0 < $1.0 } ? pairs : pairs.sorted { $0.0 < $1.0 }
            for (index, pair) in sorted.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeQuoted(pair.0, into: &out)
                out.append(UInt8(ascii: ":"))
                pair.1.writeCompactJSON(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeInt<Out: ByteSink & ~Copyable>(_ value: Int64, into out: inout Out) {
        if value >= 0 && value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // A short number is a small String, held inline: no heap block.
        var text = String(value)
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// A JSON string as Go's encoder writes it (`<`, `>`, `&` escaped for HTML safety). Works on
    /// UTF-8 bytes: every byte of a multi-byte character is 0x80 or above and passes through.
    /// Most strings need no escape and are copied in one go.
    public static func writeQuoted(_ s: String, into out: inout [UInt8]) { writeQuotedString(s, into: &out) }

    public static func writeQuoted(_ s: String, into out: inout ByteWriter) { writeQuotedString(s, into: &out) }

    static func writeQuotedString<Out: ByteSink & ~Copyable>(_ s: String, into out: inout Out) {
        // Native strings are read where they lie; others (bridged, or with no contiguous
        // UTF-8) are made contiguous first.
        let written: Void? = s.utf8.withContiguousStorageIfAvailable { writeQuoted(utf8: $0, into: &out) }
        if written == nil {
            var copy = s
            copy.withUTF8 { writeQuoted(utf8: $0, into: &out) }
        }
    }

    private static func writeQuoted<Out: ByteSink & ~Copyable>(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout Out) {
        out.append(UInt8(ascii: "\""))
        // Nearly every string (names, uids, images, reasons) has nothing to escape: found by one
        // table lookup a byte, then copied whole.
        guard let first = escapeTable.withUnsafeBufferPointer({ table in bytes.firstIndex { table[Int($0)] } }) else {
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return
        }
        var start = 0
        var index = first
        while index < bytes.count {
            let byte = bytes[index]
            guard needsEscape(byte) else {
                index += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case UInt8(ascii: "\n"): out.append(contentsOf: [92, UInt8(ascii: "n")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [92, UInt8(ascii: "t")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [92, UInt8(ascii: "r")])
            default: out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xf)]])
            }
            index += 1
            start = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        out.append(UInt8(ascii: "\""))
    }

    /// `needsEscape` for every byte value.
    private static let escapeTable: [Bool] = (0...255).map { needsEscape(UInt8($0)) }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
    }
}
