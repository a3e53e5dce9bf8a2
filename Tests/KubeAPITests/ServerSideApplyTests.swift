import Foundation
import Commands
import Testing
@testable import KubeAPI

@Suite struct ServerSideApplyTests {
    private func apply(_ body: String, to live: JSONValue, lastApplied: String?, kind: String = "Deployment") throws -> JSONValue {
        try PatchEngine.apply(.apply, body: Array(body.utf8), to: live, kind: kind,
                              lastApplied: try lastApplied.map { try YAMLToJSON.parse($0) ?? .null })
    }

    static let firstApply = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: hello-kiamol-2
          labels: {app: hello-kiamol-2, owner: team-a}
        spec:
          replicas: 2
          template:
            spec:
              containers:
              - name: ch02-hello-kiamol
                image: kiamol/ch02-hello-kiamol
                env:
                - {name: A, value: "1"}
                - {name: B, value: "2"}
        """

    @Test func theFirstApplyOfAMissingObjectIsTheConfigItself() throws {
        let result = try apply(Self.firstApply, to: .object([]), lastApplied: nil)
        #expect(result == (try YAMLToJSON.parse(Self.firstApply)))
        #expect(result["spec"]?["replicas"] == .int(2))
    }

    @Test func omittedFieldsTheManagerAppliedBeforeAreRemovedOthersKept() throws {
        var live = try PatchFixtures.deployment()
        // Someone else (kubectl label) owns `tier`; the manager applied `owner` and replicas before.
        live = try PatchEngine.apply(.merge, body: Array(#"{"metadata":{"labels":{"tier":"web","owner":"team-a"}}}"#.utf8),
                                     to: live, kind: "Deployment", lastApplied: nil)
        let second = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: hello-kiamol-2
              labels: {app: hello-kiamol-2}
            spec:
              template:
                spec:
                  containers:
                  - name: ch02-hello-kiamol
                    image: kiamol/ch02-hello-kiamol:v2
                    env:
                    - {name: A, value: "1"}
            """
        let result = try apply(second, to: live, lastApplied: Self.firstApply)
        let labels = result["metadata"]?["labels"]
        #expect(labels?["owner"] == nil)
        #expect(labels?["tier"] == .string("web"))
        #expect(labels?["app"] == .string("hello-kiamol-2"))
        #expect(result["spec"]?["replicas"] == nil)
        #expect(result["spec"]?["revisionHistoryLimit"] == live["spec"]?["revisionHistoryLimit"])
        let container = try #require(result["spec"]?["template"]?["spec"]?["containers"]?.arrayItems?.first)
        #expect(container["image"] == .string("kiamol/ch02-hello-kiamol:v2"))
        #expect(container["env"]?.compactJSON() == #"[{"name":"A","value":"1"}]"#)
        // Defaults the server filled in, which the manager never applied, stay.
        #expect(container["terminationMessagePolicy"] == .string("File"))
        #expect(container["resources"] != nil)
    }

    @Test func keyedListItemsOthersAddedSurviveAnApply() throws {
        let live = try apply(Self.firstApply, to: .object([]), lastApplied: nil)
        let withSidecar = try PatchEngine.apply(.strategicMerge,
            body: Array(#"{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}"#.utf8),
            to: live, kind: "Deployment", lastApplied: nil)
        let result = try apply(Self.firstApply, to: withSidecar, lastApplied: Self.firstApply)
        let names = result["spec"]?["template"]?["spec"]?["containers"]?.arrayItems?.compactMap { $0["name"]?.compactJSON() }
        #expect(Set(names ?? []) == [#""ch02-hello-kiamol""#, #""sidecar""#])
    }

    @Test func jsonBodiesAreYAMLToo() throws {
        let body = #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team","labels":{"a":"b"}}}"#
        let result = try apply(body, to: .object([]), lastApplied: nil, kind: "Namespace")
        #expect(result.compactJSON() == #"{"apiVersion":"v1","kind":"Namespace","metadata":{"labels":{"a":"b"},"name":"team"}}"#)
    }

    @Test func aConfigForAnotherVersionIsRefused() throws {
        let body = Self.firstApply.replacingOccurrences(of: "apps/v1", with: "apps/v1beta2")
        let error = #expect(throws: StatusError.self) { try apply(body, to: .object([]), lastApplied: nil) }
        #expect(error?.code == 400)
        #expect(error?.message == "Incorrect version specified in apply patch. Specified patch version: apps/v1beta2, expected: apps/v1")
    }

    @Test func brokenYAMLIsABadRequest() throws {
        let error = #expect(throws: StatusError.self) { try apply("metadata: [unclosed", to: .object([]), lastApplied: nil) }
        #expect(error?.code == 400)
        #expect(error?.message.hasPrefix("error decoding YAML: error converting YAML to JSON: yaml: ") == true)
        let list = #expect(throws: StatusError.self) { try apply("- a\n- b", to: .object([]), lastApplied: nil) }
        #expect(list?.message == "error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")
    }
}
