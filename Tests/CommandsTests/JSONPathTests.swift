import Testing
@testable import Cluster
@testable import Commands

/// `-o jsonpath=` as kubectl runs it: missing keys print nothing, filters, slices, range and `..`.
@Suite struct JSONPathTests {
    func shell() -> Shell {
        let shell = Shell(seed: 3)
        shell.run("create deployment web --image=nginx:1.27 --replicas=3")
        shell.advance(30)
        return shell
    }

    @Test func aMissingKeyPrintsNothingAsKubectlDoes() {
        let shell = shell()
        let result = shell.run("get deployment web -o jsonpath={.status.nosuchfield}")
        #expect(result.stdout == "")
        #expect(!result.failed)
        #expect(shell.out("get deployment web -o jsonpath={.spec.replicas}{.metadata.nope}{.spec.replicas}") == "33")
        #expect(shell.out("get pods -o jsonpath={.items[7].metadata.name}") == "")
    }

    @Test func filtersPickArrayItemsByAField() {
        let shell = shell()
        #expect(shell.out("get node node-1 -o jsonpath='{.status.addresses[?(@.type==\"Hostname\")].address}'") == "node-1")
        let ip = shell.out("get node node-1 -o jsonpath='{.status.addresses[?(@.type==\"InternalIP\")].address}'")
        #expect(ip.split(separator: ".").count == 4)
        #expect(shell.out("get node node-1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'") == "True")
        #expect(shell.out("get node node-1 -o jsonpath='{.status.conditions[?(@.status!=\"False\")].type}'") == "Ready")
        // Existence, and numbers compared as numbers.
        let pods = shell.names("get pods")
        #expect(shell.out("get pods -o jsonpath='{.items[?(@.metadata.deletionTimestamp)].metadata.name}'") == "")
        #expect(shell.out("get deploy -o jsonpath='{.items[?(@.spec.replicas>=3)].metadata.name}'") == "web")
        #expect(shell.out("get deploy -o jsonpath='{.items[?(@.spec.replicas<3)].metadata.name}'") == "")
        #expect(shell.out("get pods -o jsonpath='{.items[?(@.status.phase==\"Running\")].metadata.name}'") == pods.joined(separator: " "))
    }

    @Test func slicesRangeAndRecursiveDescent() {
        let shell = shell()
        let pods = shell.names("get pods")
        #expect(shell.out("get pods -o jsonpath={.items[0:2].metadata.name}") == pods.prefix(2).joined(separator: " "))
        #expect(shell.out("get pods -o jsonpath={.items[-1:].metadata.name}") == pods.last!)
        #expect(shell.out("get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.spec.nodeName}{\"\\n\"}{end}'")
            .split(separator: "\n").map { String($0.split(separator: "\t")[0]) } == pods)
        // `..image` finds the image wherever it is nested.
        #expect(shell.out("get deployment web -o jsonpath={..image}") == "nginx:1.27")
        #expect(shell.out("get deployment web -o jsonpath={..containers[0].name}") == "nginx")
    }

    @Test func brokenTemplatesAreParseErrors() {
        let shell = shell()
        let result = shell.run("get pods -o jsonpath='{.items[?(@.x==)]}'")
        #expect(result.failed)
        #expect(result.stderr.hasPrefix("error: error parsing jsonpath"))
        #expect(shell.run("get pods -o jsonpath={.items[0}").stderr.hasPrefix("error: error parsing jsonpath"))
    }
}
