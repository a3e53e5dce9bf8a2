import Commands
import Testing
@testable import KubeAPI

@Suite struct JSONMergePatchTests {
    /// RFC 7386 Appendix A, row by row: original, patch, result.
    static let rfcExamples: [(String, String, String)] = [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, #"null"#, #"null"#),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"a":1,"e":null}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ]

    @Test(arguments: rfcExamples.indices)
    func rfc7386AppendixA(_ row: Int) throws {
        let (original, patch, expected) = Self.rfcExamples[row]
        let result = JSONMergePatch.apply(try JSONParser.parse(patch), to: try JSONParser.parse(original))
        #expect(result.compactJSON() == expected)
    }

    @Test func labelPatchOnADeploymentKeepsFieldOrderAndReplacesLists() throws {
        let live = try PatchFixtures.deployment()
        let body = #"{"metadata":{"labels":{"tier":"web","app":null}},"spec":{"template":{"spec":{"containers":[{"name":"only","image":"nginx"}]}}}}"#
        let result = try PatchEngine.apply(.merge, body: Array(body.utf8), to: live, kind: "Deployment", lastApplied: nil)
        #expect(result["metadata"]?["labels"] == .object([("tier", .string("web"))]))
        #expect(result["spec"]?["template"]?["spec"]?["containers"]?.compactJSON() == #"[{"image":"nginx","name":"only"}]"#)
        #expect(result.objectPairs?.map(\.0) == live.objectPairs?.map(\.0))
        #expect(result["spec"]?["replicas"] == live["spec"]?["replicas"])
    }

    @Test func malformedBodiesAreBadRequests() throws {
        let live = try PatchFixtures.deployment()
        let broken = #expect(throws: StatusError.self) {
            try PatchEngine.apply(.merge, body: Array(#"{"metadata":"#.utf8), to: live, kind: "Deployment", lastApplied: nil)
        }
        #expect(broken?.code == 400)
        #expect(broken?.message == "error decoding patch: unexpected end of JSON input")
        let null = #expect(throws: StatusError.self) {
            try PatchEngine.apply(.merge, body: Array("null".utf8), to: live, kind: "Deployment", lastApplied: nil)
        }
        #expect(null?.code == 400)
        #expect(null?.message == "Invalid JSON Patch")
    }
}
