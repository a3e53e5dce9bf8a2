import Foundation
import KubeAPI

/// `protobuf`: a request body in Kubernetes' protobuf encoding (`Content-Type:
/// application/vnd.kubernetes.protobuf`), as kubectl 1.32+ sends typed writes, posted to the
/// endpoint its first byte picks (create, update, delete, access reviews). With that byte's
/// high bit set, the rest is the object's own message, which the target wraps in the `k8s\0`
/// envelope of the endpoint's kind with the right lengths, so that mutations reach the object
/// decoders instead of stopping at the envelope. Seeds are the bodies kubectl 1.33 sent
/// (KubeAPITests' fixtures), whole and as their objects; byte-level mutations break varints and
/// length prefixes. The decoder must never trap nor allocate what a length prefix claims (2^60), and
/// every refusal must be the API server's Status — a client's error, never a 5xx — leaving the
/// cluster as it was.
final class ProtobufBodyFuzzTarget: FuzzTarget {
    let name = "protobuf"
    let summary = "a protobuf request body (k8s\\0 + runtime.Unknown) to create, update and delete endpoints"
    private let fixture = APIFuzzCluster()
    private let routes: [(method: String, target: String, apiVersion: String, kind: String)]

    init() {
        let pod = fixture.webPod
        routes = [
            ("POST", "/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict", "apps/v1", "Deployment"),
            ("POST", "/api/v1/namespaces?fieldManager=kubectl-create&fieldValidation=Strict", "v1", "Namespace"),
            ("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", "authorization.k8s.io/v1", "SelfSubjectAccessReview"),
            ("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", "authorization.k8s.io/v1", "SelfSubjectRulesReview"),
            ("DELETE", "/api/v1/namespaces/default/pods/\(pod)", "v1", "DeleteOptions"),
            ("POST", "/api/v1/namespaces/default/pods?fieldManager=kubectl-debug", "v1", "Pod"),
            ("PUT", "/apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl-edit", "apps/v1", "Deployment"),
            ("POST", "/api/v1/namespaces/default/pods/\(pod)/eviction", "policy/v1", "Eviction"),
            ("POST", "/api/v1/namespaces/default/services", "v1", "Service"),
            ("PUT", "/api/v1/nodes/node-1", "v1", "Node"),
            ("POST", "/apis/policy/v1/namespaces/default/poddisruptionbudgets", "policy/v1", "PodDisruptionBudget"),
            ("POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", "coordination.k8s.io/v1", "Lease"),
        ]
    }

    /// kubectl 1.33.1's bodies (Tests/KubeAPITests/Fixtures/protobuf), after the route byte.
    static let capturedBodies: [(route: UInt8, base64: String)] = [
        (0, "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50ErgBCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEoYBCAMSDAoKCgNhcHASA3dlYhpsChwKABIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEkwSLgoFbmdpbngSBW5naW54KgAyCgoAEAAYUCIAKgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAIgIKACgAOAAaDAgAEAAYACAAKAA4ABoAIgA="),
        (0, "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EugBCikKBW11bHRpEgAaBnRlYW0tYSIAKgAyADgAQgBaDAoDYXBwEgVtdWx0aRKsAQgBEg4KDAoDYXBwEgVtdWx0aRqPAQoeCgASABoAIgAqADIAOABCAFoMCgNhcHASBW11bHRpEm0SJwoFbmdpbngSCm5naW54OjEuMjcqAEIAagByAIABAIgBAJABAKIBABImCgdidXN5Ym94EgdidXN5Ym94KgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAIgIKACgAOAAaDAgAEAAYACAAKAA4ABoAIgA="),
        (1, "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEh4KFgoGdGVhbS1hEgAaACIAKgAyADgAQgASABoCCgAaACIA"),
        (2, "azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSPwoQCgASABoAIgAqADIAOABCABIhCh8KB2RlZmF1bHQSBmRlbGV0ZRoAIgAqBHBvZHMyADoAGggIABIAGgAgABoAIgA="),
        (2, "azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSSgoQCgASABoAIgAqADIAOABCABIsCioKB2RlZmF1bHQSA2dldBoEYXBwcyIAKgtkZXBsb3ltZW50czIAOgN3ZWIaCAgAEgAaACAAGgAiAA=="),
        (2, "azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSLAoQCgASABoAIgAqADIAOABCABIOEgwKBS9sb2dzEgNnZXQaCAgAEgAaACAAGgAiAA=="),
        (2, "azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSQwoQCgASABoAIgAqADIAOABCABIlCiMKC2t1YmUtc3lzdGVtEgNnZXQaACIAKgRwb2RzMgNsb2c6ABoICAASABoAIAAaACIA"),
        (3, "azhzAAoxChdhdXRob3JpemF0aW9uLms4cy5pby92MRIWU2VsZlN1YmplY3RSdWxlc1JldmlldxIiChAKABIAGgAiACoAMgA4AEIAEggKBnRlYW0tYRoEGAAiABoAIgA="),
        (3, "azhzAAoxChdhdXRob3JpemF0aW9uLms4cy5pby92MRIWU2VsZlN1YmplY3RSdWxlc1JldmlldxIjChAKABIAGgAiACoAMgA4AEIAEgkKB2RlZmF1bHQaBBgAIgAaACIA"),
        (4, "azhzAAoTCgJ2MRINRGVsZXRlT3B0aW9ucxICCB4aACIA"),
        (5, "azhzAAoJCgJ2MRIDUG9kEtcBCioKGm5vZGUtZGVidWdnZXItbm9kZS0xLXpnMmQ4EgAaACIAKgAyADgAQgASkwEKEgoJaG9zdC1yb290EgUKAwoBLxJFCghkZWJ1Z2dlchIHYnVzeWJveCoAQgBKGAoJaG9zdC1yb290EAAaBS9ob3N0IgAyAGoAcgCAAQCIAQCQAQCiAQRGaWxlGgVOZXZlcjIAQgBKAFIGbm9kZS0xWAFgAWgBggEAigEAmgEAsgEOCgASBkV4aXN0cxoAIgDCAQAaEwoAGgAiACoAMgBKAFoAcgCIAQAaACIA"),
        (6, "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50ErgBCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEoYBCAMSDAoKCgNhcHASA3dlYhpsChwKABIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEkwSLgoFbmdpbngSBW5naW54KgAyCgoAEAAYUCIAKgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAIgIKACgAOAAaDAgAEAAYACAAKAA4ABoAIgA="),
    ]

    static let magic: [UInt8] = Array("k8s\0".utf8)

    /// A varint of 2^60: a length no body holds.
    static let hugeVarint: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]

    var seeds: [[UInt8]] {
        let captured = Self.capturedBodies.map { (route: $0.route, body: Array(Data(base64Encoded: $0.base64)!)) }
        var seeds = captured.map { [$0.route] + $0.body }
        seeds += captured.compactMap { capture in Self.rawObject(in: capture.body).map { [capture.route | 0x80] + $0 } }
        // Lengths past the body: of the Unknown's raw field, and of an object's metadata.
        seeds.append([0] + Self.magic + [0x12] + Self.hugeVarint + [1, 2, 3])
        seeds.append([1] + Self.magic + [0x0a, 0x0f, 0x0a, 0x02] + Array("v1".utf8) + [0x12, 0x09] + Array("Namespace".utf8)
                     + [0x12, 0x0b, 0x0a] + Self.hugeVarint + [0x0a])
        // A varint that never ends, and one past 64 bits.
        seeds.append([2] + Self.magic + [0x0a] + [UInt8](repeating: 0xff, count: 12))
        return seeds
    }

    var dictionary: [[UInt8]] {
        [Self.magic, Self.hugeVarint, [0xff, 0xff, 0xff, 0xff, 0x0f], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
         [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], [0x0a, 0x00], [0x12, 0x00], [0x1a, 0x00], [0x22, 0x00],
         [0x08, 0x01], [0x10, 0x7f], [0x0b], [0x0c], [0x0d, 0, 0, 0, 0], [0x09, 0, 0, 0, 0, 0, 0, 0, 0], [0x00],
         Array("apps/v1".utf8), Array("v1".utf8), Array("Deployment".utf8), Array("Pod".utf8), Array("Namespace".utf8),
         Array("DeleteOptions".utf8), Array("Eviction".utf8), Array("policy/v1".utf8), Array("Service".utf8), Array("Node".utf8)]
    }

    /// A varint's bytes.
    static func varint(_ value: Int) -> [UInt8] {
        var rest = UInt64(value), bytes: [UInt8] = []
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7f) | 0x80)
            rest >>= 7
        }
        return bytes + [UInt8(rest)]
    }

    /// A length-delimited field.
    static func field(_ number: UInt8, _ payload: [UInt8]) -> [UInt8] { [number << 3 | 2] + varint(payload.count) + payload }

    /// The body kubectl sends around an object's message: `k8s\0`, then runtime.Unknown
    /// {1 TypeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType}.
    static func envelope(apiVersion: String, kind: String, raw: [UInt8]) -> [UInt8] {
        magic + field(1, field(1, Array(apiVersion.utf8)) + field(2, Array(kind.utf8))) + field(2, raw) + field(3, []) + field(4, [])
    }

    /// The object's message in a captured body (the Unknown's field 2, after TypeMeta).
    static func rawObject(in body: [UInt8]) -> [UInt8]? {
        var index = magic.count
        while index < body.count {
            let tag = body[index]
            var length = 0, shift = 0
            index += 1
            while index < body.count, shift < 28 {
                length |= Int(body[index] & 0x7f) << shift
                shift += 7
                index += 1
                if body[index - 1] < 0x80 { break }
            }
            guard tag & 7 == 2, index + length <= body.count else { return nil }
            if tag >> 3 == 2 { return Array(body[index..<index + length]) }
            index += length
        }
        return nil
    }

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        let choice = input.first ?? 0
        let route = routes[Int(choice & 0x7f) % routes.count]
        let rest = Array(input.dropFirst())
        let body = choice & 0x80 != 0 ? Self.envelope(apiVersion: route.apiVersion, kind: route.kind, raw: rest) : rest
        let request = APIRequest(method: route.method, target: route.target,
                                 headers: [("Content-Type", "application/vnd.kubernetes.protobuf"),
                                           ("Accept", "application/vnd.kubernetes.protobuf,application/json")],
                                 body: body)
        let cluster = fixture.cluster
        cluster.advance(by: .zero)
        let before = cluster.store.currentResourceVersion
        guard let response = fixture.api.handle(request).response else { throw FuzzFinding("a write was answered with a stream") }
        let changed = cluster.store.currentResourceVersion != before
        let endpoint = request.path.split(separator: "/").last(where: { $0.allSatisfy(\.isLetter) }) ?? ""
        let behaviour: String
        if response.status >= 400 {
            let refusal = try FuzzChecks.apiStatus(response.body, code: response.status)
            if response.status >= 500 { throw FuzzFinding("a protobuf body got a server error: \(refusal.prefix(160))") }
            if changed { throw FuzzFinding("a refused protobuf body changed the cluster: \(refusal.prefix(160))") }
            // The decoder's own words, after what the API server wraps them in.
            let detail = refusal.split(separator: ": ", maxSplits: 2).dropFirst().last ?? ""
            behaviour = "refused \(endpoint) \(refusal.prefix { $0 != ":" }) " + APIRequestFuzzTarget.refusalKind(String(detail), echoing: rest)
        } else {
            let answer = try APIRequestFuzzTarget.check(response, request, input: rest)
            behaviour = "\(endpoint) " + answer
        }
        fixture.answered(changed: changed)
        return FuzzBehaviour(behaviour)
    }
}
