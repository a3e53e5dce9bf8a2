import Cluster
import Commands
import Testing
@testable import KubeAPI

@Suite struct DiscoveryTests {
    let api = KubeAPIHandler(cluster: Cluster(seed: 1))

    private func get(_ target: String, accept: String? = nil) throws -> APIResponse {
        let headers = accept.map { [(name: "Accept", value: $0)] } ?? []
        return try #require(api.handle(APIRequest(method: "GET", target: target, headers: headers)).response)
    }

    @Test func aggregatedDiscoveryEchoesTheVersionAskedFor() throws {
        let v2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"
        let response = try get("/apis", accept: v2)
        #expect(response.contentType == "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
        let body = try JSONParser.parse(response.body)
        #expect(body["kind"] == .string("APIGroupDiscoveryList"))
        #expect(body.compactJSON().contains(#""resource":"deployments""#))

        let beta = try get("/api", accept: "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")
        #expect(beta.contentType == "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList")
        #expect(beta.bodyText.contains(#""shortNames":["po"]"#))
    }

    @Test func legacyCoreListNamesTheEvictionSubresource() throws {
        let body = try JSONParser.parse(try get("/api/v1").body)
        #expect(body["groupVersion"] == .string("v1"))
        #expect(body.compactJSON().contains(#"{"group":"policy","kind":"Eviction","name":"pods/eviction","namespaced":true,"singularName":"","verbs":["create"],"version":"v1"}"#))
        #expect(try get("/api").bodyText.contains(#""kind":"APIVersions""#))
        #expect(try get("/apis").bodyText.contains(#""groupVersion":"apps/v1""#))
    }

    @Test func unknownPathsAnswerNotFoundStatus() throws {
        let response = try get("/apis/nope.example.com/v1")
        #expect(response.status == 404)
        #expect(try JSONParser.parse(response.body)["kind"] == .string("Status"))
        #expect(try get("/api/v1/namespaces/default/widgets").status == 404)
        // Empty details, as the API server's generic answer has them: kubectl reads them
        // without a nil check (`kubectl debug` asking for ephemeral containers).
        let subresource = try JSONParser.parse(try get("/api/v1/namespaces/default/pods/web/ephemeralcontainers").body)
        #expect(subresource.compactJSON() == #"{"apiVersion":"v1","code":404,"details":{},"kind":"Status","message":"the server could not find the requested resource","metadata":{},"reason":"NotFound","status":"Failure"}"#)
    }

    /// Health as kube-apiserver reports it: `ok`, each check with `?verbose`, one check by path.
    @Test func healthEndpointsAnswerAsTheAPIServerDoes() throws {
        for path in ["/healthz", "/livez", "/readyz"] { #expect(try get(path).bodyText == "ok", "\(path)") }
        let ready = try get("/readyz?verbose").bodyText
        #expect(ready.hasPrefix("[+]ping ok\n[+]log ok\n[+]etcd ok\n[+]etcd-readiness ok\n"))
        #expect(ready.hasSuffix("[+]shutdown ok\nreadyz check passed\n"))
        #expect(try get("/livez?verbose").bodyText.hasSuffix("\nlivez check passed\n"))
        #expect(try get("/readyz/etcd").bodyText == "ok")
        #expect(try get("/readyz/nope").status == 404)
    }

    @Test func versionReportsKubernetes133() throws {
        let body = try JSONParser.parse(try get("/version").body)
        #expect(body["minor"] == .string("33"))
        #expect(body["gitVersion"] == .string("v1.33.1"))
    }

    @Test func requestTargetsAreDecoded() {
        let request = APIRequest(method: "get", target: "/api/v1/pods?labelSelector=app%3Dweb&watch=True&x=a+b")
        #expect(request.method == "GET")
        #expect(request.query("labelSelector") == "app=web")
        #expect(request.boolQuery("watch") == true)
        #expect(request.query("x") == "a b")
    }

    /// Query booleans as the API server converts them: present is true unless `0` or `false`.
    @Test func queryBooleansAreTrueUnlessZeroOrFalse() {
        for (value, expected) in [("true", true), ("True", true), ("1", true), ("maybe", true), ("", true), ("f", true),
                                  ("false", false), ("FALSE", false), ("False", false), ("0", false)] {
            #expect(APIRequest(method: "GET", target: "/api/v1/pods?watch=\(value)").boolQuery("watch") == expected, "watch=\(value)")
        }
        #expect(APIRequest(method: "GET", target: "/api/v1/pods").boolQuery("watch") == nil)
    }

    @Test func jsonParserKeepsOrderNumbersAndRefusesGarbage() throws {
        let value = try JSONParser.parse(#"{"b":1,"a":0.5,"c":[true,null,"\u00e9\n"]}"#)
        guard case .object(let pairs) = value else { Issue.record("not an object"); return }
        #expect(pairs.map(\.0) == ["b", "a", "c"])
        #expect(value["a"] == .number("0.5"))
        #expect(value["c"] == .array([.bool(true), .null, .string("é\n")]))
        #expect(throws: JSONParseError.self) { try JSONParser.parse("{\"a\":}") }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(String(repeating: "[", count: 20_000)) }
        let error = try? JSONParser.parse("{x}") as JSONValue?
        #expect(error == nil)
    }
}
