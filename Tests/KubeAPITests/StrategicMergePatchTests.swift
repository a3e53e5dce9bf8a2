import Cluster
import Commands
import Testing
@testable import KubeAPI

@Suite struct StrategicMergePatchTests {
    static let container = "ch02-hello-kiamol"

    private func patch(_ live: JSONValue, _ body: String, kind: String = "Deployment") throws -> JSONValue {
        try PatchEngine.apply(.strategicMerge, body: Array(body.utf8), to: live, kind: kind, lastApplied: nil)
    }

    private func podSpec(_ deployment: JSONValue) -> JSONValue? { deployment["spec"]?["template"]?["spec"] }

    private func containers(_ deployment: JSONValue) -> [JSONValue] { podSpec(deployment)?["containers"]?.arrayItems ?? [] }

    /// The demo deployment with a second container, env A and B, and ports 80 and 443 on the first.
    private func richDeployment() throws -> JSONValue {
        try patch(try PatchFixtures.deployment(), """
            {"metadata":{"labels":{"tier":"web"},"finalizers":["example.com/a","example.com/b"]},
             "spec":{"template":{"spec":{"containers":[
               {"name":"\(Self.container)","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
                "ports":[{"containerPort":80},{"containerPort":443}]},
               {"name":"sidecar","image":"busybox"}]}}}}
            """)
    }

    @Test func containersMergeByNameAndKeepServerFields() throws {
        let live = try PatchFixtures.deployment()
        let result = try patch(live, #"{"spec":{"template":{"spec":{"containers":[{"name":"ch02-hello-kiamol","image":"nginx:1.27"}]}}}}"#)
        let merged = try #require(containers(result).first)
        #expect(merged["image"] == .string("nginx:1.27"))
        #expect(merged["resources"] == containers(live).first?["resources"])
        #expect(merged["terminationMessagePolicy"] == .string("File"))
        #expect(containers(result).count == 1)
    }

    @Test func newListItemsAreAppendedAndNestedListsMergeByTheirOwnKeys() throws {
        let result = try richDeployment()
        #expect(containers(result).map { $0["name"] } == [.string(Self.container), .string("sidecar")])
        #expect(containers(result)[0]["env"]?.compactJSON() == #"[{"name":"A","value":"1"},{"name":"B","value":"2"}]"#)
        let again = try patch(result, #"{"spec":{"template":{"spec":{"containers":[{"name":"ch02-hello-kiamol","env":[{"name":"B","value":"3"}],"ports":[{"containerPort":8080}]}]}}}}"#)
        #expect(containers(again)[0]["env"]?.compactJSON() == #"[{"name":"A","value":"1"},{"name":"B","value":"3"}]"#)
        // As upstream: a new item goes before the items only the server had.
        #expect(containers(again)[0]["ports"]?.arrayItems?.compactMap { $0["containerPort"] } == [.int(8080), .int(80), .int(443)])
    }

    @Test func patchDeleteRemovesAListItemByMergeKey() throws {
        let result = try patch(try richDeployment(), #"{"spec":{"template":{"spec":{"containers":[{"$patch":"delete","name":"sidecar"}]}}}}"#)
        #expect(containers(result).map { $0["name"] } == [.string(Self.container)])
    }

    @Test func patchReplaceOnAMapAndOnAList() throws {
        let live = try richDeployment()
        let labels = try patch(live, #"{"metadata":{"labels":{"$patch":"replace","only":"this"}}}"#)
        #expect(labels["metadata"]?["labels"] == .object([("only", .string("this"))]))
        let list = try patch(live, #"{"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"solo","image":"x"}]}}}}"#)
        #expect(containers(list).compactMap { $0["name"] } == [.string("solo")])
        #expect(containers(list).first?["resources"] == nil)
    }

    @Test func patchDeleteOnAMapEmptiesIt() throws {
        let result = try patch(try richDeployment(), #"{"metadata":{"labels":{"$patch":"delete"}}}"#)
        #expect(result["metadata"]?["labels"] == .object([]))
    }

    @Test func nullDeletesAKey() throws {
        let result = try patch(try richDeployment(), #"{"metadata":{"labels":{"tier":null}},"spec":{"revisionHistoryLimit":null}}"#)
        #expect(result["metadata"]?["labels"]?["tier"] == nil)
        #expect(result["metadata"]?["labels"]?["app"] == .string("hello-kiamol-2"))
        #expect(result["spec"]?["revisionHistoryLimit"] == nil)
    }

    @Test func retainKeysClearsTheRollingUpdateBlock() throws {
        let live = try PatchFixtures.deployment()
        #expect(live["spec"]?["strategy"]?["rollingUpdate"] != nil)
        let result = try patch(live, #"{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}}"#)
        #expect(result["spec"]?["strategy"] == .object([("type", .string("Recreate"))]))
        let wrong = #expect(throws: StatusError.self) {
            try patch(live, #"{"spec":{"strategy":{"$retainKeys":["rollingUpdate"],"type":"Recreate"}}}"#)
        }
        #expect(wrong?.code == 400)
        #expect(wrong?.message == "invalid patch format of retainKeys")
    }

    @Test func setElementOrderReordersTheMergedList() throws {
        let result = try patch(try richDeployment(),
            #"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"ch02-hello-kiamol"}],"containers":[{"name":"sidecar","image":"busybox:2"}]}}}}"#)
        #expect(containers(result).map { $0["name"] } == [.string("sidecar"), .string(Self.container)])
        #expect(containers(result)[0]["image"] == .string("busybox:2"))
    }

    @Test func deleteFromPrimitiveListAndMergedFinalizers() throws {
        let live = try richDeployment()
        let added = try patch(live, #"{"metadata":{"finalizers":["example.com/c","example.com/a"]}}"#)
        #expect(added["metadata"]?["finalizers"]?.compactJSON() == #"["example.com/c","example.com/a","example.com/b"]"#)
        let removed = try patch(live, #"{"metadata":{"$deleteFromPrimitiveList/finalizers":["example.com/a"]}}"#)
        #expect(removed["metadata"]?["finalizers"]?.compactJSON() == #"["example.com/b"]"#)
    }

    @Test func tolerationsAreAtomicOnAPod() throws {
        let pod = try PatchFixtures.pod()
        #expect((pod["spec"]?["tolerations"]?.arrayItems?.count ?? 0) >= 2)
        let result = try patch(pod, #"{"spec":{"tolerations":[{"key":"dedicated","operator":"Exists"}]}}"#, kind: "Pod")
        #expect(result["spec"]?["tolerations"]?.compactJSON() == #"[{"key":"dedicated","operator":"Exists"}]"#)
        #expect(result["spec"]?["containers"] == pod["spec"]?["containers"])
    }

    @Test func podConditionsMergeByType() throws {
        let pod = try PatchFixtures.pod()
        let before = pod["status"]?["conditions"]?.arrayItems ?? []
        #expect(!before.isEmpty)
        let result = try patch(pod, #"{"status":{"conditions":[{"type":"Ready","status":"False","reason":"Testing"}]}}"#, kind: "Pod")
        let after = result["status"]?["conditions"]?.arrayItems ?? []
        #expect(after.count == before.count + (before.contains { $0["type"] == .string("Ready") } ? 0 : 1))
        #expect(after.first { $0["type"] == .string("Ready") }?["reason"] == .string("Testing"))
    }

    @Test func cordonAndTaintsOnANode() throws {
        let cluster = PatchFixtures.cluster()
        let node = ObjectEncoder.encode(try #require(cluster.store.list(Node.self).first))
        let cordoned = try patch(node, #"{"spec":{"unschedulable":true,"taints":[{"key":"a","effect":"NoSchedule"}]}}"#, kind: "Node")
        #expect(cordoned["spec"]?["unschedulable"] == .bool(true))
        #expect(cordoned["status"] == node["status"])
        // Taints carry no patch strategy upstream: a patch replaces the whole list.
        let retainted = try patch(cordoned, #"{"spec":{"taints":[{"key":"b","effect":"NoExecute"}]}}"#, kind: "Node")
        #expect(retainted["spec"]?["taints"]?.compactJSON() == #"[{"effect":"NoExecute","key":"b"}]"#)
    }

    @Test func unknownListsAreReplacedWhole() throws {
        let live = try patch(try PatchFixtures.deployment(), #"{"spec":{"widgets":[{"name":"a"},{"name":"b"}]}}"#)
        let result = try patch(live, #"{"spec":{"widgets":[{"name":"c"}]}}"#)
        #expect(result["spec"]?["widgets"]?.compactJSON() == #"[{"name":"c"}]"#)
    }

    /// What kubectl 1.33 client-side apply sends (KUBE-API.md §5) after the manifest drops label
    /// `tier`, env B, port 443 and the rolling update, and renames nothing.
    @Test func kubectlClientSideApplyBody() throws {
        let live = try richDeployment()
        let body = #"{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"},"labels":{"tier":null}},"# +
            #""spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"},"template":{"spec":{"# +
            #""$setElementOrder/containers":[{"name":"ch02-hello-kiamol"},{"name":"sidecar"}],"# +
            #""containers":[{"$setElementOrder/env":[{"name":"A"}],"$setElementOrder/ports":[{"containerPort":80}],"# +
            #""env":[{"$patch":"delete","name":"B"}],"name":"ch02-hello-kiamol","ports":[{"$patch":"delete","containerPort":443}]}]}}}}"#
        let result = try patch(live, body)
        #expect(result["metadata"]?["labels"]?["tier"] == nil)
        #expect(result["metadata"]?["annotations"]?["kubectl.kubernetes.io/last-applied-configuration"] == .string("{}\n"))
        #expect(result["spec"]?["strategy"] == .object([("type", .string("Recreate"))]))
        let first = containers(result)[0]
        #expect(first["env"]?.compactJSON() == #"[{"name":"A","value":"1"}]"#)
        #expect(first["ports"]?.arrayItems?.compactMap { $0["containerPort"] } == [.int(80)])
        #expect(first.objectPairs?.contains { $0.0.hasPrefix("$") } == false)
        #expect(containers(result).map { $0["name"] } == [.string(Self.container), .string("sidecar")])
        #expect(result.compactJSON().contains("$") == false)
    }

    @Test func malformedPatchesAnswerAsTheServerDoes() throws {
        let live = try PatchFixtures.deployment()
        let noKey = #expect(throws: StatusError.self) {
            try patch(live, #"{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"#)
        }
        #expect(noKey?.code == 500)
        #expect(noKey?.message == "Internal error occurred: map: map[image:x] does not contain declared merge key: name")
        let badDirective = #expect(throws: StatusError.self) { try patch(live, #"{"metadata":{"$patch":"frob"}}"#) }
        #expect(badDirective?.code == 500)
        let syntax = #expect(throws: StatusError.self) { try patch(live, #"{"metadata":}"#) }
        #expect(syntax?.code == 400)
        #expect(syntax?.message == "invalid character '}' looking for beginning of value")
    }
}
