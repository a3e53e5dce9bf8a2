import Testing
@testable import Cluster
@testable import Commands

/// `kubectl cordon|uncordon NODE...` and `-l SELECTOR`, as kubectl's resource builder runs them.
@Suite struct CordonTests {
    @Test func severalNodesAndASelector() {
        let shell = Shell(seed: 1)
        #expect(shell.out("cordon node-1 node/node-2") == "node/node-1 cordoned\nnode/node-2 cordoned\n")
        #expect(shell.cluster.store.list(Node.self).map(\.spec.unschedulable) == [true, true, false])
        #expect(shell.out("uncordon -l kubernetes.io/hostname=node-2") == "node/node-2 uncordoned\n")
        #expect(shell.out("cordon node-1") == "node/node-1 already cordoned\n")
    }

    @Test func aMissingNodeStopsTheCommandBeforeAnyChange() {
        let shell = Shell(seed: 1)
        let result = shell.run("cordon node-3 node-9")
        #expect(result.failed)
        #expect(result.stderr == "Error from server (NotFound): nodes \"node-9\" not found\n")
        #expect(shell.cluster.store.get(Node.self, "node-3")?.spec.unschedulable == false)
        #expect(shell.run("cordon").stderr.hasPrefix("error: USAGE: cordon NODE [flags]"))
        #expect(shell.run("cordon node-1 -l a=b").stderr == "error: cannot specify both a resource name and a selector\n")
    }
}

/// A malformed `-l` is refused by the server the list goes to, and kubectl says which list.
@Suite struct ListSelectorErrorTests {
    @Test func theResourceBuilderNamesTheListItCouldNotMake() {
        let shell = Shell(seed: 1)
        let pods = shell.run("get pods -l 'a b'")
        #expect(pods.failed)
        #expect(pods.stderr == "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"a b\", field selector \"\": unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt\n")
        #expect(shell.run("delete deploy -l 'a=b=c'").stderr == "Error from server (BadRequest): Unable to find \"apps/v1, Resource=deployments\" that match label selector \"a=b=c\", field selector \"\": found '=', expected: ',' or 'end of string'\n")
    }
}
