import Commands
import Testing
@testable import KubeAPI

private typealias PB = ProtobufTestEncoder

/// Bodies no client sends: every one must end in the API server's BadRequest, never a trap.
@Suite struct ProtobufHostileInputTests {
    private func badRequestMessage(_ bytes: [UInt8]) -> String? {
        do {
            _ = try ProtobufBody.decode(bytes)
            return nil
        } catch let error as StatusError {
            #expect(error.code == 400)
            #expect(error.reason == "BadRequest")
            return error.message
        } catch {
            Issue.record("not a StatusError: \(error)")
            return nil
        }
    }

    @Test func envelopeErrorsUseTheDecodersWords() {
        #expect(badRequestMessage([]) == "the object provided is unrecognized: empty data (<empty>)")
        #expect(badRequestMessage(Array(#"{"kind":"Pod"}"#.utf8))
                == #"the object provided is unrecognized: provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"Pod"})"#)
        #expect(badRequestMessage(ProtobufBody.magic) == "the object provided is unrecognized: empty body (6b387300)")
        #expect(badRequestMessage(ProtobufBody.magic + [0x0a]) == "the object provided is unrecognized: unexpected EOF (6b3873000a)")
        #expect(badRequestMessage(ProtobufBody.magic + PB.int(2, 1)) == "the object provided is unrecognized: proto: wrong wireType = 0 for field Raw (6b3873001001)")
    }

    @Test func missingOrUnknownKindsAreRefused() {
        #expect(badRequestMessage(PB.body(apiVersion: "v1", kind: "", [])) == #"Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:"v1", Kind:""}'"#)
        #expect(badRequestMessage(PB.body(apiVersion: "", kind: "Pod", [])) == #"Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:"", Kind:"Pod"}'"#)
        #expect(badRequestMessage(PB.body(apiVersion: "apps/v1", kind: "Widget", []))
                == #"no kind "Widget" is registered for version "apps/v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30""#)
    }

    @Test func objectErrorsNameTheKindAndField() {
        // replicas (int32, field 1 of DeploymentSpec) sent length-delimited.
        let wrongType = PB.body(apiVersion: "apps/v1", kind: "Deployment", PB.message(2, PB.string(1, "3")))
        #expect(badRequestMessage(wrongType) == #"Deployment in version "v1" cannot be handled as a Deployment: proto: wrong wireType = 2 for field Replicas"#)
        let endGroup = PB.body(apiVersion: "v1", kind: "Pod", PB.message(1, PB.tag(3, 4)))
        #expect(badRequestMessage(endGroup) == #"Pod in version "v1" cannot be handled as a Pod: proto: ObjectMeta: wiretype end group for non-group"#)
        let zeroTag = PB.body(apiVersion: "v1", kind: "Namespace", PB.message(1, [0x02, 0x00]))
        #expect(badRequestMessage(zeroTag) == #"Namespace in version "v1" cannot be handled as a Namespace: proto: ObjectMeta: illegal tag 0 (wire type 2)"#)
        let badIntOrString = PB.body(apiVersion: "apps/v1", kind: "Deployment",
                                     PB.message(2, PB.message(4, PB.message(2, PB.message(2, PB.int(1, 7))))))
        #expect(badRequestMessage(badIntOrString) == #"Deployment in version "v1" cannot be handled as a Deployment: impossible IntOrString.Type"#)
    }

    @Test func hugeLengthsAndLongVarintsAreRefused() {
        let negative = ProtobufBody.magic + PB.tag(2, 2) + PB.varint(UInt64.max)
        #expect(badRequestMessage(negative)?.contains("proto: negative length found during unmarshaling") == true)
        let past = ProtobufBody.magic + PB.tag(2, 2) + PB.varint(1 << 40) + [1, 2, 3]
        #expect(badRequestMessage(past)?.contains(": unexpected EOF (") == true)
        let overflow = PB.body(apiVersion: "v1", kind: "Pod", PB.message(1, PB.tag(7, 0) + [UInt8](repeating: 0xff, count: 11) + [0x01]))
        #expect(badRequestMessage(overflow) == #"Pod in version "v1" cannot be handled as a Pod: proto: integer overflow"#)
        let innerPast = PB.body(apiVersion: "v1", kind: "Pod", PB.tag(1, 2) + PB.varint(5) + [0x0a])
        #expect(badRequestMessage(innerPast) == #"Pod in version "v1" cannot be handled as a Pod: unexpected EOF"#)
    }

    @Test func extremeTimesAreRefusedNotTrapped() throws {
        for seconds in [Int64.max, Int64.min, Int64.min + 1, 253_402_300_803, -62_167_219_203] {
            for nanos in [Int64(Int32.min), -1, 0, Int64(Int32.max)] {
                let meta = PB.message(1, PB.message(8, PB.int(1, seconds), PB.int(2, nanos)))
                #expect(badRequestMessage(PB.body(apiVersion: "v1", kind: "Namespace", meta))
                        == #"Namespace in version "v1" cannot be handled as a Namespace: Time.MarshalJSON: year outside of range [0,9999]"#)
            }
        }
        // The last second of year 9999 and the first of year 0 still print.
        let last = PB.message(1, PB.message(8, PB.int(1, 253_402_300_799), PB.int(2, 999_999_999)))
        #expect(try ProtobufBody.decode(PB.body(apiVersion: "v1", kind: "Namespace", last))["metadata"]?.compactJSON()
                == #"{"creationTimestamp":"9999-12-31T23:59:59Z"}"#)
        let first = PB.message(1, PB.message(8, PB.int(1, -62_167_219_200)))
        #expect(try ProtobufBody.decode(PB.body(apiVersion: "v1", kind: "Namespace", first))["metadata"]?.compactJSON()
                == #"{"creationTimestamp":"0000-01-01T00:00:00Z"}"#)
    }

    @Test func deepNestingIsCappedOrSkippedWithoutRecursion() throws {
        // 100,000 nested groups in an unknown field: refused, iteratively.
        let groups = Array(Array(repeating: PB.tag(50, 3), count: 100_000).joined())
        #expect(badRequestMessage(PB.body(apiVersion: "v1", kind: "Namespace", groups))?.contains("maximum nesting depth") == true)
        // 20,000 nested length-delimited unknown fields are skipped in one step.
        var nested: [UInt8] = []
        for _ in 0..<20_000 { nested = PB.bytes(50, nested) }
        let decoded = try ProtobufBody.decode(PB.body(apiVersion: "v1", kind: "Namespace", nested + PB.message(1, PB.string(1, "deep"))))
        #expect(decoded["metadata"]?.compactJSON() == #"{"name":"deep"}"#)
        // A schema nested deeper than the cap is refused rather than followed.
        var schema = ProtoMessage("Leaf", [ProtoField(1, "name", .string)])
        var bytes = PB.string(1, "x")
        for level in 0...ProtobufMessageDecoder.maxDepth {
            schema = ProtoMessage("Level\(level)", [ProtoField(1, "child", .message(schema))])
            bytes = PB.bytes(1, bytes)
        }
        #expect(throws: ProtobufWireError.tooDeep(ProtobufMessageDecoder.maxDepth)) {
            try ProtobufMessageDecoder(bytes: bytes).object(schema, in: [0..<bytes.count], depth: 0)
        }
    }

    @Test func everyTruncationOfACapturedBodyFailsCleanly() throws {
        for name in ProtobufBodyTests.capturedCommands {
            let body = try protobufFixture("\(name).pb")
            var refused = 0
            for length in 0..<body.count where badRequestMessage(Array(body.prefix(length))) != nil { refused += 1 }
            // Only cuts at the envelope's field boundaries decode (before raw, contentEncoding or contentType).
            #expect(refused >= body.count - 3, "\(name)")
        }
    }

    /// Ten thousand seeded random mutations of the captured bodies: flipped, overwritten,
    /// inserted, deleted and duplicated bytes. Each decodes or is a BadRequest.
    @Test func randomMutationsNeverTrap() throws {
        let bodies = try ProtobufBodyTests.capturedCommands.map { try protobufFixture("\($0).pb") }
        var random = SplitMix64(seed: 9)
        var decoded = 0, refused = 0
        for _ in 0..<10_000 {
            var body = bodies[Int(random.next() % UInt64(bodies.count))]
            for _ in 0..<(1 + random.next() % 4) {
                let at = 4 + Int(random.next() % UInt64(max(1, body.count - 4)))
                guard at < body.count else { continue }
                switch random.next() % 5 {
                case 0: body[at] ^= UInt8(1 << (random.next() % 8))
                case 1: body[at] = UInt8(truncatingIfNeeded: random.next())
                case 2: body.insert(contentsOf: (0..<(1 + random.next() % 8)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: at)
                case 3: body.removeSubrange(at..<min(body.count, at + 1 + Int(random.next() % 8)))
                default: body.insert(contentsOf: body[at..<min(body.count, at + 16)], at: at)
                }
            }
            if badRequestMessage(body) == nil { decoded += 1 } else { refused += 1 }
        }
        #expect(decoded + refused == 10_000)
        #expect(decoded > 100)
        #expect(refused > 100)
    }
}

/// A fixed-seed generator, so a failing mutation reproduces.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
