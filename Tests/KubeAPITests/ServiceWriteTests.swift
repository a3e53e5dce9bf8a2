import Cluster
import Commands
import Testing
@testable import KubeAPI

private typealias PB = ProtobufTestEncoder

/// Services written over the API: create (JSON and kubectl 1.32+'s protobuf), update with its
/// immutable cluster IP, node ports allocated and released as the type changes, patches, delete.
@Suite struct ServiceWriteTests {
    let cluster = Cluster(seed: 7)
    let api: KubeAPIHandler
    static let collection = "/api/v1/namespaces/default/services"

    init() {
        api = KubeAPIHandler(cluster: cluster)
    }

    private func send(_ method: String, _ target: String, _ body: [UInt8], contentType: String = "application/json") throws -> (status: Int, json: JSONValue) {
        let response = try #require(api.handle(APIRequest(method: method, target: target, headers: [(name: "Content-Type", value: contentType)],
                                                          body: body)).response)
        return (response.status, try JSONParser.parse(response.body))
    }

    private func send(_ method: String, _ target: String, _ body: String, contentType: String = "application/json") throws -> (status: Int, json: JSONValue) {
        try send(method, target, Array(body.utf8), contentType: contentType)
    }

    private func create() throws -> JSONValue {
        let created = try send("POST", Self.collection,
                               #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}}"#)
        #expect(created.status == 201, "\(created.json)")
        return created.json
    }

    @Test func createDefaultsAndAllocatesAClusterIP() throws {
        let created = try create()
        let spec = try #require(created["spec"])
        #expect(spec["type"] == .string("ClusterIP"))
        #expect(spec["ports"]?.compactJSON() == #"[{"name":"http","port":80,"protocol":"TCP","targetPort":"http"}]"#)
        guard case .string(let ip)? = spec["clusterIP"] else { Issue.record("no clusterIP"); return }
        #expect(ip.hasPrefix("10.") && ip != "10.96.0.1")
        #expect(spec["clusterIPs"]?.compactJSON() == #"["\#(ip)"]"#)
        #expect(cluster.store.get(Service.self, "web", namespace: "default")?.spec.clusterIP == ip)
        // The same name again is AlreadyExists.
        let again = try send("POST", Self.collection, #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}"#)
        #expect(again.status == 409)
    }

    @Test func theClusterIPIsImmutableOnUpdate() throws {
        let ip = try create()["spec"]?["clusterIP"]
        let refused = try send("PUT", "\(Self.collection)/web",
                               #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"clusterIP":"10.96.0.99","selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}}"#)
        #expect(refused.status == 422)
        #expect(refused.json["message"] == .string(#"Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set"#))
        #expect(refused.json["details"]?["causes"]?.compactJSON() == #"[{"field":"spec.clusterIPs[0]","message":"Invalid value: []string{\"10.96.0.99\"}: may not change once set","reason":"FieldValueInvalid"}]"#)
        // A replace that leaves the cluster IP out keeps it.
        let kept = try send("PUT", "\(Self.collection)/web",
                            #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"selector":{"app":"web","tier":"front"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}}"#)
        #expect(kept.status == 200, "\(kept.json)")
        #expect(kept.json["spec"]?["clusterIP"] == ip)
        #expect(kept.json["spec"]?["selector"]?.compactJSON() == #"{"app":"web","tier":"front"}"#)
    }

    @Test func patchingTheTypeAllocatesAndReleasesANodePort() throws {
        _ = try create()
        let nodePort = try send("PATCH", "\(Self.collection)/web", #"{"spec":{"type":"NodePort"}}"#, contentType: "application/strategic-merge-patch+json")
        #expect(nodePort.status == 200, "\(nodePort.json)")
        guard case .int(let port)? = nodePort.json["spec"]?["ports"]?.items.first?["nodePort"] else { Issue.record("no nodePort: \(nodePort.json)"); return }
        #expect((30000...32767).contains(Int(port)))
        #expect(nodePort.json["spec"]?["externalTrafficPolicy"] == .string("Cluster"))
        // A second port through a strategic merge (merged by port), a JSON patch of the target.
        let added = try send("PATCH", "\(Self.collection)/web", #"{"spec":{"ports":[{"name":"metrics","port":9090}]}}"#,
                             contentType: "application/strategic-merge-patch+json")
        #expect(added.status == 200, "\(added.json)")
        #expect(added.json["spec"]?["ports"]?.items.count == 2, "\(added.json)")
        // Strategic merge puts the patch's new item first; the http port keeps its node port.
        let http = added.json["spec"]?["ports"]?.items.first { $0["name"] == .string("http") }
        #expect(http?["nodePort"] == .int(port), "\(added.json["spec"]?["ports"]?.compactJSON() ?? "")")
        let retargeted = try send("PATCH", "\(Self.collection)/web", #"[{"op":"replace","path":"/spec/ports/1/targetPort","value":8080}]"#,
                                  contentType: "application/json-patch+json")
        #expect(retargeted.json["spec"]?["ports"]?.items.last?["targetPort"] == .int(8080), "\(retargeted.json)")
        let back = try send("PATCH", "\(Self.collection)/web", #"{"spec":{"type":"ClusterIP"}}"#, contentType: "application/merge-patch+json")
        #expect(back.status == 200, "\(back.json)")
        #expect(back.json["spec"]?["ports"]?.items.allSatisfy { $0["nodePort"] == nil } == true, "\(back.json)")
        #expect(back.json["spec"]?["externalTrafficPolicy"] == nil)
        let deleted = try send("DELETE", "\(Self.collection)/web", "")
        #expect(deleted.status == 200)
        #expect(cluster.store.get(Service.self, "web", namespace: "default") == nil)
    }

    /// `kubectl apply --server-side`: a missing service is created, a second apply changes its
    /// type and the API server's allocations stay (the cluster IP) or come (the node port).
    @Test func serverSideApplyCreatesAndConfiguresAService() throws {
        let target = "\(Self.collection)/db?fieldManager=kubectl&fieldValidation=Strict&force=false"
        let manifest = #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"db"},"spec":{"selector":{"app":"db"},"ports":[{"port":5432}]}}"#
        let created = try send("PATCH", target, manifest, contentType: "application/apply-patch+yaml")
        #expect(created.status == 201, "\(created.json)")
        let ip = created.json["spec"]?["clusterIP"]
        #expect(created.json["spec"]?["ports"]?.items.first?["targetPort"] == .int(5432))
        let nodePort = manifest.replacingOccurrences(of: #""spec":{"#, with: #""spec":{"type":"NodePort","#)
        let configured = try send("PATCH", target, nodePort, contentType: "application/apply-patch+yaml")
        #expect(configured.status == 200, "\(configured.json)")
        #expect(configured.json["spec"]?["clusterIP"] == ip)
        guard case .int(let port)? = configured.json["spec"]?["ports"]?.items.first?["nodePort"] else {
            Issue.record("no nodePort: \(configured.json)")
            return
        }
        #expect((30000...32767).contains(Int(port)))
    }

    /// `kubectl create service nodeport api --tcp=8080:80` as kubectl 1.33 sends it: protobuf.
    @Test func aProtobufBodyCreatesAService() throws {
        let port = PB.message(1, PB.string(1, "8080-80"), PB.string(2, "TCP"), PB.int(3, 8080),
                              PB.message(4, PB.int(1, 0), PB.int(2, 80), PB.string(3, "")), PB.int(5, 0))
        let spec = PB.message(2, port, PB.mapEntry(2, "app", "api"), PB.string(3, ""), PB.string(4, "NodePort"), PB.string(7, ""))
        let body = PB.body(apiVersion: "v1", kind: "Service",
                           PB.message(1, PB.string(1, "api"), PB.mapEntry(11, "app", "api")) + spec + PB.message(3))
        let created = try send("POST", "\(Self.collection)?fieldManager=kubectl-create&fieldValidation=Strict", body,
                               contentType: "application/vnd.kubernetes.protobuf")
        #expect(created.status == 201, "\(created.json)")
        let service = try #require(cluster.store.get(Service.self, "api", namespace: "default"))
        #expect(service.spec.type == "NodePort")
        #expect(service.spec.selector == ["app": "api"])
        #expect(service.spec.ports.map { [$0.name, $0.protocol, "\($0.port)", $0.targetPort] } == [["8080-80", "TCP", "8080", "80"]])
        #expect((30000...32767).contains(service.spec.ports[0].nodePort))
    }

    @Test func discoveryOffersTheWriteVerbs() throws {
        let resources = try JSONParser.parse(try #require(api.handle(APIRequest(method: "GET", target: "/api/v1")).response).body)
        let services = resources["resources"]?.items.first { $0["name"] == .string("services") }
        #expect(services?["verbs"]?.compactJSON() == #"["create","delete","get","list","patch","update","watch"]"#)
    }
}
