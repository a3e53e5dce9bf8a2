import Cluster
import Commands
import Testing
@testable import KubeAPI

/// EndpointSlices and v1 Endpoints over the API: discovery, lists, watches, tables, and the
/// deprecation warning on every v1 Endpoints request.
@Suite struct EndpointSliceAPITests {
    static let warning = #"299 - "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice""#

    func exposed() throws -> APICluster {
        let c = try APICluster(seed: 2)
        #expect(c.run("kubectl create deployment web --image=nginx --replicas=3 --port=80").stderr == "")
        c.advance(20)
        #expect(c.run("kubectl expose deployment web --port=80").stderr == "")
        c.advance(1)
        return c
    }

    func warningHeader(_ response: APIResponse) -> String? {
        response.headers.first { $0.name.lowercased() == "warning" }?.value
    }

    @Test func endpointSlicesListAsTheirGroupsList() throws {
        let c = try exposed()
        let response = c.get("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices")
        #expect(response.status == 200)
        #expect(warningHeader(response) == nil)
        let list = try JSONParser.parse(response.body)
        #expect(list["kind"] == .string("EndpointSliceList"))
        #expect(list["apiVersion"] == .string("discovery.k8s.io/v1"))
        let slices = c.store.endpointSlices(ofService: "web", namespace: "default")
        // In name order, after the API server's own slice for the `kubernetes` service.
        #expect(list.names == ["kubernetes"] + slices.map(\.name) && slices.count == 1)
        let item = try #require(list["items"]?.items.last)
        #expect(item["addressType"] == .string("IPv4"))
        let ips = c.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"])).map(\.status.podIP)
        #expect(Set(item["endpoints"]!.items.compactMap { $0["addresses"]?.items.first?.text }) == Set(ips))
        #expect(item["endpoints"]!.items.allSatisfy { $0["conditions"]?["ready"] == .bool(true) })
        #expect(item["ports"]?.items.first?["port"] == .int(80))
        // By label, as kubectl describe service asks for them, and across namespaces.
        #expect(try c.json("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dweb").names
            == slices.map(\.name))
        #expect(try c.json("/apis/discovery.k8s.io/v1/endpointslices").names == list.names)
        let one = try c.json("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/\(slices[0].name)")
        #expect(one["kind"] == .string("EndpointSlice") && one["metadata"]?["name"] == .string(slices[0].name))
    }

    @Test func v1EndpointsAnswerWithTheDeprecationWarning() throws {
        let c = try exposed()
        let list = c.get("/api/v1/namespaces/default/endpoints")
        #expect(list.status == 200)
        #expect(warningHeader(list) == Self.warning)
        let body = try JSONParser.parse(list.body)
        #expect(body["kind"] == .string("EndpointsList"))
        // With the API server's own, kept for the `kubernetes` service.
        #expect(body.names == ["kubernetes", "web"])
        let one = c.get("/api/v1/namespaces/default/endpoints/web")
        #expect(warningHeader(one) == Self.warning)
        #expect(try JSONParser.parse(one.body)["subsets"]?.items.first?["addresses"]?.items.count == 3)
        let missing = c.get("/api/v1/namespaces/default/endpoints/nope")
        #expect(missing.status == 404 && warningHeader(missing) == Self.warning)
        let (stream, _) = try c.watch("/api/v1/namespaces/default/endpoints?watch=true")
        #expect(warningHeader(stream.head) == Self.warning)
        stream.stop()
        #expect(warningHeader(c.get("/api/v1/namespaces/default/pods")) == nil)
    }

    @Test func discoveryListsTheDiscoveryGroupAndEndpoints() throws {
        let c = try exposed()
        let groups = try c.json("/apis")
        #expect(groups.compactJSON().contains(#""groupVersion":"discovery.k8s.io/v1""#))
        let resources = try c.json("/apis/discovery.k8s.io/v1")
        #expect(resources.compactJSON().contains(#""kind":"EndpointSlice","name":"endpointslices","namespaced":true,"singularName":"endpointslice""#))
        #expect(resources.compactJSON().contains(#""verbs":["delete","deletecollection","get","list","watch"]"#))
        #expect(try c.json("/api/v1").compactJSON().contains(#""name":"endpoints","namespaced":true,"shortNames":["ep"]"#))
        // Kept by the controllers: clients may delete them (they are put back at once), not write them.
        let post = c.api.handle(APIRequest(method: "POST", target: "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices",
                                           headers: [(name: "Content-Type", value: "application/json")], body: Array("{}".utf8))).response
        #expect(post?.status == 405)
        let before = try #require(c.store.get(Endpoints.self, "web", namespace: "default"))
        let delete = c.api.handle(APIRequest(method: "DELETE", target: "/api/v1/namespaces/default/endpoints/web")).response
        #expect(delete?.status == 200)
        c.advance(0)
        let after = try #require(c.store.get(Endpoints.self, "web", namespace: "default"))
        #expect(after.metadata.uid != before.metadata.uid && after.subsets == before.subsets)
    }

    @Test func tablesPrintWhatTheHeadlessGetPrints() throws {
        let c = try exposed()
        c.advance(30)
        for (path, type) in [("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices", "endpointslices"),
                             ("/api/v1/namespaces/default/endpoints", "endpoints")] {
            let table = try c.json(path, accept: APICluster.table)
            #expect(table["kind"] == .string("Table"))
            #expect(table["columnDefinitions"]!.items.map { $0["name"]!.text! } == ResourceTables.columns(ResourceType(rawValue: type)!).map(\.name))
            let row = try #require(table["rows"]?.items.first?["cells"]?.items.compactMap { $0.text })
            let printed = c.run("kubectl get \(type)").stdout.split(separator: "\n")[1].split(separator: " ").map(String.init)
            #expect(row.flatMap { $0.split(separator: " ").map(String.init) } == printed)
        }
    }
}
