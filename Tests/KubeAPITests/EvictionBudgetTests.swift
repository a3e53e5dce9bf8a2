import Cluster
import Commands
import Testing
@testable import KubeAPI

/// `POST pods/NAME/eviction` against a PodDisruptionBudget, and the budget itself over the API.
@Suite struct EvictionBudgetTests {
    let cluster = Cluster(seed: 7)
    let api: KubeAPIHandler

    init() {
        api = KubeAPIHandler(cluster: cluster)
        _ = Session(cluster: cluster).runToCompletion("create deployment web --image=nginx --replicas=2")
        cluster.advance(by: .seconds(10))
    }

    private func send(_ method: String, _ target: String, _ body: String) throws -> (status: Int, json: JSONValue, headers: [(name: String, value: String)]) {
        let response = try #require(api.handle(APIRequest(method: method, target: target, headers: [(name: "Content-Type", value: "application/json")],
                                                          body: Array(body.utf8))).response)
        return (response.status, try JSONParser.parse(response.body), response.headers)
    }

    private func evict(_ pod: String, dryRun: Bool = false) throws -> (status: Int, json: JSONValue, headers: [(name: String, value: String)]) {
        let options = dryRun ? #","deleteOptions":{"dryRun":["All"]}"# : ""
        return try send("POST", "/api/v1/namespaces/default/pods/\(pod)/eviction",
                        #"{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"\#(pod)"}\#(options)}"#)
    }

    private func createBudget(_ name: String, _ bound: String) throws -> Int {
        try send("POST", "/apis/policy/v1/namespaces/default/poddisruptionbudgets",
                 #"{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"\#(name)"},"spec":{\#(bound),"selector":{"matchLabels":{"app":"web"}}}}"#).status
    }

    @Test func aRefusedEvictionIs429WithTheDisruptionBudgetCause() throws {
        #expect(try createBudget("web", #""minAvailable":2"#) == 201)
        cluster.advance(by: .seconds(1))
        let pods = cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"])).map(\.name)
        // A dry run is checked too, and changes nothing.
        #expect(try evict(pods[0], dryRun: true).status == 429)
        let refused = try evict(pods[0])
        #expect(refused.status == 429)
        // (The parsed body prints its keys sorted.)
        #expect(refused.json.compactJSON() == #"{"apiVersion":"v1","code":429,"details":{"causes":[{"message":"The disruption budget web needs 2 healthy pods and has 2 currently","reason":"DisruptionBudget"}]},"kind":"Status","message":"Cannot evict pod as it would violate the pod's disruption budget.","metadata":{},"reason":"TooManyRequests","status":"Failure"}"#)
        #expect(cluster.store.get(Pod.self, pods[0], namespace: "default")?.isTerminating == false)
    }

    @Test func anAllowedEvictionIsRecordedInTheBudget() throws {
        #expect(try createBudget("web", #""maxUnavailable":"50%""#) == 201)
        cluster.advance(by: .seconds(1))
        let pod = cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"]))[0].name
        #expect(try evict(pod).status == 201)
        let status = try JSONParser.parse(api.handle(APIRequest(method: "GET", target: "/apis/policy/v1/namespaces/default/poddisruptionbudgets/web")).response!.body)["status"]
        #expect(status?["disruptionsAllowed"] == .int(0))
        #expect(status?["disruptedPods"]?[pod] != nil)
    }

    @Test func twoBudgetsAreA500() throws {
        #expect(try createBudget("a", #""minAvailable":1"#) == 201)
        #expect(try createBudget("b", #""maxUnavailable":1"#) == 201)
        cluster.advance(by: .seconds(1))
        let pod = cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"]))[0].name
        let refused = try evict(pod)
        #expect(refused.status == 500)
        // No reason, no details: the REST handler's own Status.
        #expect(refused.json.compactJSON() == #"{"apiVersion":"v1","code":500,"kind":"Status","message":"This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.","metadata":{},"status":"Failure"}"#)
    }
}
