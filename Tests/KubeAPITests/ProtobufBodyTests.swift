import Commands
import Foundation
import Testing
@testable import KubeAPI

private typealias PB = ProtobufTestEncoder

let protobufFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/protobuf")

func protobufFixture(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: protobufFixtures.appendingPathComponent(name)))
}

/// Keys sorted at every level, so documents compare modulo key order.
func canonical(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let pairs): .object(pairs.map { ($0.0, canonical($0.1)) }.sorted { $0.0 < $1.0 })
    case .array(let items): .array(items.map(canonical))
    default: value
    }
}

/// kubectl 1.31's JSON without what it writes for unset Go fields (`creationTimestamp: null`,
/// `resources: {}`, `status: {allowed: false}`), which the protobuf decoder reads as unset.
func withoutUnset(_ value: JSONValue) -> JSONValue? {
    switch value {
    case .null, .bool(false): return nil
    case .object(let pairs):
        let kept = pairs.compactMap { key, value in withoutUnset(value).map { (key, $0) } }
        return kept.isEmpty ? nil : .object(kept)
    case .array(let items):
        return items.isEmpty ? nil : .array(items.map { withoutUnset($0) ?? .object([]) })
    default: return value
    }
}

@Suite struct ProtobufBodyTests {
    static let capturedCommands = [
        "create-deployment-web", "create-deployment-multi", "create-namespace-team-a",
        "auth-whoami", "auth-can-i-delete-pods", "auth-can-i-get-pods-log", "auth-can-i-get-deployment",
        "auth-can-i-get-nonresource", "auth-can-i-list", "auth-can-i-list-namespace",
        "drain-delete-options", "debug-node-pod",
    ]

    @Test(arguments: capturedCommands)
    func kubectl133BodyDecodesToWhatKubectl131Sent(_ name: String) throws {
        let decoded = try ProtobufBody.decode(try protobufFixture("\(name).pb"))
        let json = try JSONParser.parse(try protobufFixture("\(name).json"))
        #expect(canonical(decoded) == canonical(try #require(withoutUnset(json))))
    }

    @Test func deploymentReadsAsTheJSONTheManifestDecoderExpects() throws {
        let decoded = try ProtobufBody.decode(try protobufFixture("create-deployment-web.pb"))
        #expect(decoded.compactJSON() == #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"web"},"name":"web"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx","name":"nginx","ports":[{"containerPort":80}]}]}}}}"#)
        // kind and apiVersion lead, as in the JSON kubectl sends.
        guard case .object(let pairs) = decoded else { Issue.record("not an object"); return }
        #expect(pairs.prefix(2).map(\.0) == ["kind", "apiVersion"])
    }

    /// Everything a typed client can set that the server reads, including pointer fields set to
    /// their zero value (`replicas: 0`, `gracePeriodSeconds: 0`), which must survive.
    @Test func handBuiltDeploymentKeepsPointerZerosAndDecodesEveryKnownShape() throws {
        let meta = PB.message(1,
            PB.string(1, "api"), PB.string(2, ""), PB.string(3, "prod"), PB.int(7, 0),
            PB.message(8, PB.int(1, 1_764_642_585)),
            PB.mapEntry(11, "tier", ""), PB.mapEntry(11, "app", "api"),
            PB.mapEntry(12, "note", "x"),
            PB.message(13, PB.string(1, "ReplicaSet"), PB.string(3, "owner"), PB.string(4, "u-1"), PB.string(5, "apps/v1"), PB.int(6, 1)),
            PB.string(14, "example.com/keep"))
        let container = PB.message(2,
            PB.string(1, "app"), PB.string(2, "img:1"),
            PB.string(3, "/bin/app"), PB.string(4, "--fast"), PB.string(4, "--quiet"),
            PB.message(6, PB.string(1, "http"), PB.int(2, 0), PB.int(3, 8080), PB.string(4, "TCP")),
            PB.message(7, PB.string(1, "A"), PB.string(2, "")),
            PB.message(7, PB.string(1, "POD"), PB.message(3, PB.message(1, PB.string(1, "v1"), PB.string(2, "metadata.name")))),
            PB.message(7, PB.string(1, "PASS"), PB.message(3, PB.message(4, PB.message(1, PB.string(1, "creds")), PB.string(2, "pw")))),
            PB.message(8,
                PB.message(1, PB.string(1, "cpu"), PB.message(2, PB.string(1, "1"))),
                PB.message(2, PB.string(1, "memory"), PB.message(2, PB.string(1, "64Mi"))),
                PB.message(2, PB.string(1, "cpu"), PB.message(2, PB.string(1, "250m")))),
            PB.message(9, PB.string(1, "cache"), PB.string(3, "/cache")),
            PB.message(11, PB.message(1, PB.message(2, PB.string(1, "/healthz"), PB.message(2, PB.int(1, 1), PB.string(3, "http")))), PB.int(4, 5)),
            PB.string(14, "IfNotPresent"),
            PB.int(16, 0))
        let podSpec = PB.message(2,
            PB.message(1, PB.string(1, "cache"), PB.message(2, PB.message(2))),
            container,
            PB.string(3, "Always"), PB.int(4, 0),
            PB.mapEntry(7, "disk", "ssd"),
            PB.int(11, 0),
            PB.message(22, PB.string(1, "dedicated"), PB.string(2, "Equal"), PB.string(3, "db"), PB.string(4, "NoExecute"), PB.int(5, 0)))
        let spec = PB.message(2,
            PB.int(1, 0),
            PB.message(2, PB.mapEntry(1, "app", "api"),
                       PB.message(2, PB.string(1, "tier"), PB.string(2, "In"), PB.string(3, "a"), PB.string(3, "b"))),
            PB.message(3, PB.message(1, PB.mapEntry(11, "app", "api"), PB.message(8)), podSpec),
            PB.message(4, PB.string(1, "RollingUpdate"), PB.message(2, PB.message(1, PB.int(1, 0), PB.int(2, 0)), PB.message(2, PB.int(1, 1), PB.string(3, "25%")))),
            PB.int(5, 0), PB.int(6, 0), PB.int(7, 0), PB.int(9, 600))
        let status = PB.message(3, PB.int(1, 0), PB.int(2, 0))
        let body = PB.body(apiVersion: "apps/v1", kind: "Deployment", meta + spec + status)

        let expected = try JSONParser.parse(#"""
        {"kind":"Deployment","apiVersion":"apps/v1",
         "metadata":{"name":"api","namespace":"prod","creationTimestamp":"2025-12-02T02:29:45Z",
                     "labels":{"app":"api","tier":""},"annotations":{"note":"x"},
                     "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"owner","uid":"u-1","controller":true}],
                     "finalizers":["example.com/keep"]},
         "spec":{"replicas":0,
                 "selector":{"matchLabels":{"app":"api"},"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]}]},
                 "template":{"metadata":{"labels":{"app":"api"}},
                             "spec":{"volumes":[{"name":"cache","emptyDir":{}}],
                                     "containers":[{"name":"app","image":"img:1","command":["/bin/app"],"args":["--fast","--quiet"],
                                                    "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
                                                    "env":[{"name":"A"},
                                                           {"name":"POD","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}},
                                                           {"name":"PASS","valueFrom":{"secretKeyRef":{"name":"creds","key":"pw"}}}],
                                                    "resources":{"limits":{"cpu":"1"},"requests":{"cpu":"250m","memory":"64Mi"}},
                                                    "volumeMounts":[{"name":"cache","mountPath":"/cache"}],
                                                    "readinessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":5},
                                                    "imagePullPolicy":"IfNotPresent"}],
                                     "restartPolicy":"Always","terminationGracePeriodSeconds":0,"nodeSelector":{"disk":"ssd"},
                                     "tolerations":[{"key":"dedicated","operator":"Equal","value":"db","effect":"NoExecute","tolerationSeconds":0}]}},
                 "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}},
                 "revisionHistoryLimit":0,"progressDeadlineSeconds":600}}
        """#)
        #expect(canonical(try ProtobufBody.decode(body)) == canonical(expected))
    }

    /// No kubectl command sends these; built from meta/v1 generated.proto's DeleteOptions.
    @Test func handBuiltDeleteOptionsKeepEveryField() throws {
        let raw = PB.int(1, 0) + PB.message(2, PB.string(1, "uid-7"), PB.string(2, "42"))
            + PB.int(3, 0) + PB.string(4, "Foreground") + PB.string(5, "All")
        let decoded = try ProtobufBody.decode(PB.body(apiVersion: "v1", kind: "DeleteOptions", raw))
        #expect(decoded.compactJSON() == #"{"apiVersion":"v1","dryRun":["All"],"gracePeriodSeconds":0,"kind":"DeleteOptions","orphanDependents":false,"preconditions":{"resourceVersion":"42","uid":"uid-7"},"propagationPolicy":"Foreground"}"#)
        // Absent pointers stay absent.
        let empty = try ProtobufBody.decode(PB.body(apiVersion: "v1", kind: "DeleteOptions", []))
        #expect(empty.compactJSON() == #"{"apiVersion":"v1","kind":"DeleteOptions"}"#)
    }

    @Test func leaseTimesAreMicroseconds() throws {
        let spec = PB.message(2, PB.string(1, "node-1"), PB.int(2, 40),
                              PB.message(4, PB.int(1, 1_764_642_585), PB.int(2, 123_456_789)))
        let decoded = try ProtobufBody.decode(PB.body(apiVersion: "coordination.k8s.io/v1", kind: "Lease",
                                                      PB.message(1, PB.string(1, "node-1")) + spec))
        #expect(decoded["spec"]?.compactJSON() == #"{"holderIdentity":"node-1","leaseDurationSeconds":40,"renewTime":"2025-12-02T02:29:45.123456Z"}"#)
    }

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        let unknown = PB.int(99, 7) + PB.tag(98, 1) + [1, 2, 3, 4, 5, 6, 7, 8] + PB.string(97, "later API field")
            + PB.tag(96, 5) + [1, 2, 3, 4] + PB.tag(95, 3) + PB.int(1, 5) + PB.tag(95, 4)
        let raw = PB.message(1, unknown + PB.string(1, "team-b") + unknown) + unknown
        let decoded = try ProtobufBody.decode(PB.body(apiVersion: "v1", kind: "Namespace", raw) + PB.string(77, "envelope extra"))
        #expect(decoded.compactJSON() == #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-b"}}"#)
    }

    @Test func repeatedFieldsMergeAsProtobufDoes() throws {
        // A message field sent twice is merged; a scalar sent twice keeps the last value.
        let raw = PB.message(1, PB.string(1, "first"), PB.mapEntry(11, "a", "1"))
            + PB.message(1, PB.string(1, "second"), PB.mapEntry(11, "b", "2"), PB.mapEntry(11, "a", "3"))
        let decoded = try ProtobufBody.decode(PB.body(apiVersion: "v1", kind: "Namespace", raw))
        #expect(decoded["metadata"]?.compactJSON() == #"{"labels":{"a":"3","b":"2"},"name":"second"}"#)
    }

    @Test func packedRepeatedNumbersAreRead() throws {
        let packed = PB.bytes(4, PB.varint(1000) + PB.varint(2000))
        let podSpec = PB.message(2, PB.message(14, PB.int(4, 5), packed))
        let decoded = try ProtobufBody.decode(PB.body(apiVersion: "v1", kind: "Pod", podSpec))
        #expect(decoded["spec"]?.compactJSON() == #"{"securityContext":{"supplementalGroups":[5,1000,2000]}}"#)
    }

    @Test func nodeSpecAndStatusAsAKubeletStandInWritesThem() throws {
        let quantity = { (key: String, value: String) in PB.message(1, PB.string(1, key), PB.message(2, PB.string(1, value))) }
        let spec = PB.message(2, PB.string(1, ""), PB.int(4, 1),
                              PB.message(5, PB.string(1, "gpu"), PB.string(3, "NoSchedule"), PB.message(4)))
        let status = PB.message(3, quantity("pods", "110"), quantity("cpu", "4"),
                                PB.message(2, PB.string(1, "cpu"), PB.message(2, PB.string(1, "3800m"))),
                                PB.message(4, PB.string(1, "Ready"), PB.string(2, "True"), PB.message(3, PB.int(1, 1_764_642_585)), PB.message(4)),
                                PB.message(5, PB.string(1, "InternalIP"), PB.string(2, "10.0.0.7")))
        let decoded = try ProtobufBody.decode(PB.body(apiVersion: "v1", kind: "Node", PB.message(1, PB.string(1, "kwok-1")) + spec + status))
        #expect(decoded.compactJSON() == #"{"apiVersion":"v1","kind":"Node","metadata":{"name":"kwok-1"},"spec":{"taints":[{"effect":"NoSchedule","key":"gpu"}],"unschedulable":true},"status":{"addresses":[{"address":"10.0.0.7","type":"InternalIP"}],"allocatable":{"cpu":"3800m"},"capacity":{"cpu":"4","pods":"110"},"conditions":[{"lastHeartbeatTime":"2025-12-02T02:29:45Z","status":"True","type":"Ready"}]}}"#)
    }

    @Test func podStatusKeepsContainerStatesThatAreSetButEmpty() throws {
        let running = PB.message(8, PB.string(1, "app"), PB.message(2, PB.message(2)), PB.message(3), PB.int(4, 1), PB.int(5, 0), PB.int(9, 1))
        let status = PB.message(3, PB.string(1, "Running"), PB.string(6, "10.244.0.5"),
                                PB.message(12, PB.string(1, "10.244.0.5")), PB.message(7, PB.int(1, 1_764_642_585)), running)
        let decoded = try ProtobufBody.decode(PB.body(apiVersion: "v1", kind: "Pod", PB.message(1, PB.string(1, "p")) + status))
        #expect(decoded["status"]?.compactJSON() == #"{"containerStatuses":[{"name":"app","ready":true,"started":true,"state":{"running":{}}}],"phase":"Running","podIP":"10.244.0.5","podIPs":[{"ip":"10.244.0.5"}],"startTime":"2025-12-02T02:29:45Z"}"#)
    }
}
