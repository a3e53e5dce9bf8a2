import Commands
import Testing
@testable import KubeAPI

@Suite struct JSONPatchTests {
    /// RFC 6902 Appendix A samples that succeed: document, patch, result.
    static let rfcSuccesses: [(String, String, String, String)] = [
        ("A.1", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"baz":"qux","foo":"bar"}"#),
        ("A.2", #"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, #"{"foo":["bar","qux","baz"]}"#),
        ("A.3", #"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#, #"{"foo":"bar"}"#),
        ("A.4", #"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","baz"]}"#),
        ("A.5", #"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#, #"{"baz":"boo","foo":"bar"}"#),
        ("A.6", #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
         #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#, #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        ("A.7", #"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#, #"{"foo":["all","cows","eat","grass"]}"#),
        ("A.8", #"{"baz":"qux","foo":["a",2,"c"]}"#, #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
         #"{"baz":"qux","foo":["a",2,"c"]}"#),
        ("A.10", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#, #"{"child":{"grandchild":{}},"foo":"bar"}"#),
        ("A.11", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux","xyz":123}]"#, #"{"baz":"qux","foo":"bar"}"#),
        ("A.14", #"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":10}]"#, #"{"/":9,"~1":10}"#),
        ("A.16", #"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, #"{"foo":["bar",["abc","def"]]}"#),
        ("copy", #"{"a":{"b":1}}"#, #"[{"op":"copy","from":"/a","path":"/c"}]"#, #"{"a":{"b":1},"c":{"b":1}}"#),
        // evanphx v4 (which the API server runs) lets replace add a missing object key, unlike the RFC.
        ("replace missing key", #"{"a":{}}"#, #"[{"op":"replace","path":"/a/b","value":1}]"#, #"{"a":{"b":1}}"#),
        ("negative index", #"{"a":[1,2,3]}"#, #"[{"op":"remove","path":"/a/-1"}]"#, #"{"a":[1,2]}"#),
        ("slash key", #"{"metadata":{"labels":{}}}"#, #"[{"op":"add","path":"/metadata/labels/app.kubernetes.io~1name","value":"x"}]"#,
         #"{"metadata":{"labels":{"app.kubernetes.io/name":"x"}}}"#),
    ]

    @Test(arguments: rfcSuccesses.indices)
    func rfc6902AppendixA(_ row: Int) throws {
        let (_, document, patch, expected) = Self.rfcSuccesses[row]
        let operations = try #require(try JSONParser.parse(patch).arrayItems)
        #expect(try JSONPatch.apply(operations, to: try JSONParser.parse(document)).compactJSON() == expected)
    }

    /// RFC 6902 samples that must fail, with evanphx/json-patch's reason.
    static let rfcFailures: [(String, String, String, String)] = [
        ("A.9", #"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#, "testing value /baz failed: test failed"),
        ("A.12", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#,
         #"add operation does not apply: doc is missing path: "/baz/bat": missing value"#),
        ("A.15", #"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":"10"}]"#, "testing value /~01 failed: test failed"),
        ("remove missing", #"{"a":{}}"#, #"[{"op":"remove","path":"/a/b"}]"#,
         "error in remove for path: '/a/b': Unable to remove nonexistent key: b: missing value"),
        ("index too far", #"{"a":[1]}"#, #"[{"op":"add","path":"/a/5","value":0}]"#,
         "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced"),
        ("unknown op", #"{}"#, #"[{"op":"frob","path":"/a"}]"#, "Unexpected kind: frob"),
    ]

    @Test(arguments: rfcFailures.indices)
    func rfc6902Failures(_ row: Int) throws {
        let (_, document, patch, reason) = Self.rfcFailures[row]
        let operations = try #require(try JSONParser.parse(patch).arrayItems)
        let error = #expect(throws: JSONPatchError.self) { try JSONPatch.apply(operations, to: try JSONParser.parse(document)) }
        #expect(error?.message == reason)
    }

    @Test func aFailedTestIsA422WithTheServersStockSentence() throws {
        let live = try PatchFixtures.deployment()
        let body = #"[{"op":"test","path":"/spec/replicas","value":99},{"op":"replace","path":"/spec/replicas","value":1}]"#
        let error = #expect(throws: StatusError.self) {
            try PatchEngine.apply(.json, body: Array(body.utf8), to: live, kind: "Deployment", lastApplied: nil)
        }
        #expect(error?.code == 422)
        #expect(error?.reason == "Invalid")
        #expect(error?.message == "the server rejected our request due to an error in our request")
    }

    @Test func operationsApplyToAServedDeployment() throws {
        let live = try PatchFixtures.deployment()
        let body = #"[{"op":"test","path":"/spec/replicas","value":3},{"op":"replace","path":"/spec/replicas","value":5},"# +
            #"{"op":"add","path":"/spec/template/spec/containers/0/env","value":[{"name":"MODE","value":"x"}]}]"#
        let result = try PatchEngine.apply(.json, body: Array(body.utf8), to: live, kind: "Deployment", lastApplied: nil)
        #expect(result["spec"]?["replicas"] == .int(5))
        #expect(result["spec"]?["template"]?["spec"]?["containers"]?.arrayItems?.first?["env"]?.compactJSON() == #"[{"name":"MODE","value":"x"}]"#)
        #expect(result["metadata"] == live["metadata"])
    }

    @Test func bodiesThatAreNotOperationListsAreBadRequests() throws {
        let live = try PatchFixtures.deployment()
        func error(_ body: String) -> StatusError? {
            #expect(throws: StatusError.self) { try PatchEngine.apply(.json, body: Array(body.utf8), to: live, kind: "Deployment", lastApplied: nil) }
        }
        #expect(error(#"{"op":"add"}"#)?.message == "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp")
        #expect(error(#"[{"op":"add","path":3}]"#)?.message == "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string")
        #expect(error("[{]")?.code == 400)
    }
}
