import Testing
@testable import Cluster
@testable import Commands

/// `kubectl delete TYPE --field-selector F`: the objects of TYPE whose fields match, with any `-l`.
@Suite struct DeleteFieldSelectorTests {
    @Test func deletesThePodsOnOneNode() throws {
        let shell = Shell(seed: 2)
        shell.run("create deployment web --image=nginx --replicas=3")
        shell.run("create deployment db --image=nginx --replicas=3")
        shell.advance(15)
        let pods = shell.cluster.store.list(Pod.self, namespace: "default")
        let onNode1 = pods.filter { $0.spec.nodeName == "node-1" && $0.metadata.labels["app"] == "web" }.map(\.name).sorted()
        #expect(!onNode1.isEmpty)
        let result = shell.run("delete pod -l app=web --field-selector spec.nodeName=node-1 --wait=false")
        #expect(result.stdout == onNode1.map { "pod \"\($0)\" deleted\n" }.joined())
        let terminating = shell.cluster.store.list(Pod.self, namespace: "default").filter(\.isTerminating).map(\.name).sorted()
        #expect(terminating == onNode1)
        #expect(shell.run("delete pod --field-selector spec.nodeName=node-9").stdout == "No resources found\n")
        #expect(shell.run("delete pod web-x --field-selector spec.nodeName=node-1").stderr == "error: name cannot be provided when a selector is specified\n")
        #expect(shell.run("delete pod --field-selector spec.color=red").stderr.hasPrefix("Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"\", field selector \"spec.color=red\""))
    }
}
