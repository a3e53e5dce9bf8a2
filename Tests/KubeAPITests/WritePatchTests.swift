import Cluster
import Commands
import Testing
@testable import KubeAPI

/// PATCH and protobuf bodies through the write path (the patch engine and protobuf decoder
/// are the Patch and Protobuf folders'; these check that writes use them as kubectl does).
@Suite struct WritePatchTests {
    let cluster = Cluster(seed: 5)
    let api: KubeAPIHandler

    init() {
        api = KubeAPIHandler(cluster: cluster)
    }

    private func send(_ method: String, _ target: String, _ body: [UInt8], contentType: String) throws -> (status: Int, json: JSONValue) {
        let response = try #require(api.handle(APIRequest(method: method, target: target,
                                                          headers: [("Content-Type", contentType)], body: body)).response)
        return (response.status, try JSONParser.parse(response.body))
    }

    private func send(_ method: String, _ target: String, _ body: String, contentType: String = "application/json") throws -> (status: Int, json: JSONValue) {
        try send(method, target, Array(body.utf8), contentType: contentType)
    }

    private static let pods = "/api/v1/namespaces/default/pods"
    private static let pod = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"solo","labels":{"app":"solo"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}"#

    @Test func labelIsAMergePatch() throws {
        #expect(try send("POST", Self.pods, Self.pod).status == 201)
        cluster.advance(by: .seconds(10))
        let (status, json) = try send("PATCH", Self.pods + "/solo?fieldManager=kubectl-label",
                                      #"{"metadata":{"labels":{"tier":"front"}}}"#, contentType: "application/merge-patch+json")
        #expect(status == 200)
        #expect(json["metadata"]?["labels"]?.compactJSON() == #"{"app":"solo","tier":"front"}"#)
        let stored = try #require(cluster.store.get(Pod.self, "solo", namespace: "default"))
        #expect(stored.metadata.labels == ["app": "solo", "tier": "front"])
        #expect(stored.status.phase == "Running")
    }

    @Test func cordonAndUncordonAreStrategicMergePatches() throws {
        let smp = "application/strategic-merge-patch+json"
        #expect(try send("PATCH", "/api/v1/nodes/node-1", #"{"spec":{"unschedulable":true}}"#, contentType: smp).status == 200)
        #expect(cluster.store.get(Node.self, "node-1")?.spec.unschedulable == true)
        cluster.advance(by: .seconds(2))
        #expect(cluster.store.get(Node.self, "node-1")?.spec.taints.contains { $0.key == "node.kubernetes.io/unschedulable" } == true)
        #expect(try send("PATCH", "/api/v1/nodes/node-1", #"{"spec":{"unschedulable":null}}"#, contentType: smp).status == 200)
        #expect(cluster.store.get(Node.self, "node-1")?.spec.unschedulable == false)
    }

    @Test func patchOfAMissingObjectIsNotFound() throws {
        let (status, json) = try send("PATCH", Self.pods + "/nope", "{}", contentType: "application/merge-patch+json")
        #expect(status == 404)
        #expect(json["message"] == .string(#"pods "nope" not found"#))
    }

    @Test func patchThatBreaksValidationIs422() throws {
        let deployment = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}"#
        #expect(try send("POST", "/apis/apps/v1/namespaces/default/deployments", deployment).status == 201)
        let (status, json) = try send("PATCH", "/apis/apps/v1/namespaces/default/deployments/web",
                                      #"{"spec":{"replicas":-2}}"#, contentType: "application/merge-patch+json")
        #expect(status == 422)
        #expect(json["message"] == .string(#"Deployment.apps "web" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0"#))
    }

    @Test func serverSideApplyCreatesThenUpdates() throws {
        let target = Self.pods + "/solo?fieldManager=kubectl&fieldValidation=Strict&force=false"
        let (created, _) = try send("PATCH", target, Self.pod, contentType: "application/apply-patch+yaml")
        #expect(created == 201)
        let uid = try #require(cluster.store.get(Pod.self, "solo", namespace: "default")?.metadata.uid)
        #expect(api.appliedConfigurations.lastApplied(uid: uid, manager: "kubectl") != nil)
        // A label someone else set survives; the label this manager stops applying goes.
        _ = try send("PATCH", Self.pods + "/solo", #"{"metadata":{"labels":{"owner":"ops"}}}"#, contentType: "application/merge-patch+json")
        let second = Self.pod.replacingOccurrences(of: #""labels":{"app":"solo"}"#, with: #""labels":{"tier":"x"}"#)
        let (status, json) = try send("PATCH", target, second, contentType: "application/apply-patch+yaml")
        #expect(status == 200)
        #expect(json["metadata"]?["labels"]?.compactJSON() == #"{"owner":"ops","tier":"x"}"#)
    }

    @Test func kubectl133CreateDeploymentProtobufBody() throws {
        let body = try protobufFixture("create-deployment-web.pb")
        let (status, json) = try send("POST", "/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict",
                                      body, contentType: "application/vnd.kubernetes.protobuf")
        #expect(status == 201)
        #expect(json["spec"]?["replicas"] == .int(3))
        cluster.advance(by: .seconds(60))
        #expect(cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"]), namespace: "default").count == 3)
    }

    @Test func kubectl133AuthCanIProtobufBody() throws {
        let (status, json) = try send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                                      try protobufFixture("auth-can-i-delete-pods.pb"), contentType: "application/vnd.kubernetes.protobuf")
        #expect(status == 201)
        #expect(json["status"]?["allowed"] == .bool(true))
        #expect(json["spec"]?["resourceAttributes"]?["verb"] == .string("delete"))
    }

    @Test func kubectl133AuthWhoamiProtobufBody() throws {
        let (status, json) = try send("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                                      try protobufFixture("auth-whoami.pb"), contentType: "application/vnd.kubernetes.protobuf")
        #expect(status == 201)
        #expect(json["status"]?["userInfo"]?["username"] == .string("system:anonymous"))
    }

    @Test func drainDeleteOptionsProtobufBody() throws {
        #expect(try send("POST", Self.pods, Self.pod).status == 201)
        cluster.advance(by: .seconds(10))
        let (status, json) = try send("DELETE", Self.pods + "/solo", try protobufFixture("drain-delete-options.pb"),
                                      contentType: "application/vnd.kubernetes.protobuf")
        #expect(status == 200)
        #expect(json["metadata"]?["deletionTimestamp"] != nil)
    }
}
