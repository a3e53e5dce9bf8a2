import Commands

/// Decodes a protobuf message into the JSON object Go's encoder would write for the same Go
/// value, guided by a `ProtoMessage`. Unknown fields are skipped, as gogo skips them.
struct ProtobufMessageDecoder {
    /// Deeper than any Kubernetes type nests; guards against a schema that ever recurses.
    static let maxDepth = 32

    let bytes: [UInt8]

    /// What a field has gathered so far: proto lets a message's fields come in any order and
    /// repeat (the last scalar wins, repeated fields append, a message seen twice is merged).
    private enum Slot {
        case value(JSONValue)
        case list([JSONValue])
        case parts([Range<Int>])
        case entries([String: JSONValue])
    }

    func object(_ message: ProtoMessage, in ranges: [Range<Int>], depth: Int) throws -> [(String, JSONValue)] {
        guard depth <= Self.maxDepth else { throw ProtobufWireError.tooDeep(Self.maxDepth) }
        var slots: [Int: Slot] = [:]
        for range in ranges {
            var reader = ProtobufWireReader(bytes, from: range.lowerBound, to: range.upperBound)
            while !reader.isAtEnd {
                let (number, wire, tag) = try reader.tag()
                if wire == WireType.endGroup.rawValue { throw ProtobufWireError.endGroupForNonGroup(message.name) }
                if number <= 0 { throw ProtobufWireError.illegalTag(message.name, field: number, tag: tag) }
                guard let field = message.field(number) else {
                    try reader.skip(wireType: wire)
                    continue
                }
                try read(field, wire: wire, from: &reader, into: &slots, depth: depth)
            }
        }
        var pairs: [(String, JSONValue)] = []
        for field in message.fields {
            guard let slot = slots[field.number] else { continue }
            switch slot {
            case .value(let value):
                if field.presence || !value.isUnset { pairs.append((field.json, value)) }
            case .list(let items):
                pairs.append((field.json, .array(items)))
            case .entries(let entries):
                if !entries.isEmpty { pairs.append((field.json, .object(entries.keys.sorted().map { ($0, entries[$0]!) }))) }
            case .parts(let parts):
                if case .inline(let inner) = field.type {
                    pairs += try object(inner, in: parts, depth: depth + 1)
                    continue
                }
                let value = try self.value(field.type, parts, depth: depth + 1)
                if value == .null { continue }
                if field.presence || !value.isUnset { pairs.append((field.json, value)) }
            }
        }
        return pairs
    }

    private func read(_ field: ProtoField, wire: Int, from reader: inout ProtobufWireReader,
                      into slots: inout [Int: Slot], depth: Int) throws {
        let expected = field.type.wireType
        // Repeated numbers may come packed: one length-delimited run of varints.
        if field.repeated && expected == .varint && wire == WireType.lengthDelimited.rawValue {
            let range = try reader.lengthDelimited()
            var packed = ProtobufWireReader(bytes, from: range.lowerBound, to: range.upperBound)
            var items: [JSONValue] = []
            while !packed.isAtEnd { items.append(scalar(field.type, try packed.varint())) }
            if case .list(var existing)? = slots.removeValue(forKey: field.number) {
                existing += items
                items = existing
            }
            slots[field.number] = .list(items)
            return
        }
        guard wire == expected.rawValue else { throw ProtobufWireError.wrongWireType(wire, field: field.goName) }

        if expected == .varint {
            let value = scalar(field.type, try reader.varint())
            if field.repeated { append(value, to: field.number, in: &slots) } else { slots[field.number] = .value(value) }
            return
        }
        let range = try reader.lengthDelimited()
        switch field.type {
        case .string:
            let value = JSONValue.string(reader.string(range))
            if field.repeated { append(value, to: field.number, in: &slots) } else { slots[field.number] = .value(value) }
        case .map(let valueType):
            let (key, value) = try entry(range, valueType, depth: depth + 1)
            var entries: [String: JSONValue] = [:]
            if case .entries(let existing)? = slots.removeValue(forKey: field.number) { entries = existing }
            entries[key] = value
            slots[field.number] = .entries(entries)
        default:
            if field.repeated {
                let value: JSONValue
                if case .message(let inner) = field.type {
                    value = .object(try object(inner, in: [range], depth: depth + 1))
                } else {
                    value = try self.value(field.type, [range], depth: depth + 1)
                }
                append(value, to: field.number, in: &slots)
            } else {
                var parts: [Range<Int>] = []
                if case .parts(let existing)? = slots.removeValue(forKey: field.number) { parts = existing }
                parts.append(range)
                slots[field.number] = .parts(parts)
            }
        }
    }

    private func append(_ value: JSONValue, to number: Int, in slots: inout [Int: Slot]) {
        // Taken out of the dictionary first so the append does not copy the list.
        var items: [JSONValue] = []
        if case .list(let existing)? = slots.removeValue(forKey: number) { items = existing }
        items.append(value)
        slots[number] = .list(items)
    }

    /// Go's conversions: an int32 field keeps the varint's low 32 bits, a bool is any non-zero value.
    private func scalar(_ type: ProtoType, _ raw: UInt64) -> JSONValue {
        switch type {
        case .bool: .bool(raw != 0)
        case .int32: .int(Int64(Int32(truncatingIfNeeded: raw)))
        default: .int(Int64(bitPattern: raw))
        }
    }

    /// A message-typed value: a nested object, or one of apimachinery's types with their own JSON form.
    private func value(_ type: ProtoType, _ parts: [Range<Int>], depth: Int) throws -> JSONValue {
        switch type {
        case .message(let inner):
            return .object(try object(inner, in: parts, depth: depth))
        case .time, .microTime:
            let time = JSONValue.object(try object(.timestamp, in: parts, depth: depth))
            let seconds = time["seconds"]?.intValue ?? 0
            let nanos = time["nanos"]?.intValue ?? 0
            // The zero Time is JSON null: unset.
            if seconds == 0 && nanos == 0 { return .null }
            return .string(try RFC3339.format(seconds: seconds, nanos: nanos, micro: type.isMicroTime))
        case .quantity:
            let quantity = JSONValue.object(try object(.quantity, in: parts, depth: depth))
            return quantity["string"] ?? .string("")
        case .intOrString:
            let intOrString = JSONValue.object(try object(.intOrString, in: parts, depth: depth))
            switch intOrString["type"]?.intValue ?? 0 {
            case 0: return .int(intOrString["intVal"]?.intValue ?? 0)
            case 1: return intOrString["strVal"] ?? .string("")
            default: throw ProtobufWireError(message: "impossible IntOrString.Type")
            }
        case .string, .bool, .int32, .int64, .map, .inline:
            // Not reached: these never gather parts.
            return .null
        }
    }

    /// One map entry {1 key, 2 value}; a missing key or value is its zero value, as in Go.
    private func entry(_ range: Range<Int>, _ valueType: ProtoType, depth: Int) throws -> (String, JSONValue) {
        let entryMessage = ProtoMessage("MapEntry", [ProtoField(1, "key", .string, presence: true),
                                                     ProtoField(2, "value", valueType, presence: true)])
        let pairs = JSONValue.object(try object(entryMessage, in: [range], depth: depth))
        let key = pairs["key"]?.stringValue ?? ""
        return (key, pairs["value"] ?? .string(""))
    }
}

private extension ProtoType {
    var isMicroTime: Bool { if case .microTime = self { true } else { false } }
}

extension JSONValue {
    /// Zero values of non-pointer Go fields: what JSON's omitempty leaves out.
    fileprivate var isUnset: Bool {
        switch self {
        case .null: true
        case .bool(let b): !b
        case .int(let i): i == 0
        case .string(let s): s.isEmpty
        case .array(let items): items.isEmpty
        case .object(let pairs): pairs.isEmpty
        case .number: false
        }
    }

    fileprivate var intValue: Int64? { if case .int(let i) = self { i } else { nil } }
    fileprivate var stringValue: String? { if case .string(let s) = self { s } else { nil } }
}
