import Testing
@testable import Cluster
@testable import Commands

/// A wait runs as long as the user asked, and a `--timeout` that passes is kubectl's error and a
/// failed line, never a silent stop.
@Suite struct LongWaitTests {
    @Test func sleepRunsItsWholeDurationPastAWeek() {
        // The realistic pace and one node keep the timers per virtual hour few.
        let shell = Shell(pace: .realistic, nodes: 1)
        let start = shell.cluster.now
        let output = shell.run("sleep 200h")
        #expect(!output.failed)
        #expect(shell.cluster.now - start == .seconds(200 * 3600))
        #expect(shell.out("get nodes").contains("node-1   Ready    <none>   8d"))
    }

    /// A shell whose deployment's pods sit on a node that has stopped answering, so evicting or
    /// deleting them can never finish.
    static func stuckShell() -> (Shell, node: String, pods: [String]) {
        let shell = Shell()
        shell.run("create deployment web --image=nginx --replicas=2")
        shell.advance(10)
        let node = shell.rows("get pods -o wide")[0]["NODE"]!
        let pods = shell.rows("get pods -o wide").filter { $0["NODE"] == node }.map { $0["NAME"]! }
        shell.run("sim fail \(node)")
        return (shell, node, pods)
    }

    @Test func drainTimeoutPrintsKubectlsErrorAndFails() {
        let (shell, node, pods) = Self.stuckShell()
        let start = shell.cluster.now
        let output = shell.run("drain \(node) --timeout=5s")
        #expect(output.failed)
        #expect(shell.cluster.now - start == .seconds(5))
        let cause = "error when waiting for pod \"\(pods[0])\" in namespace \"default\" to terminate: context deadline exceeded"
        #expect(output.stderr.hasPrefix("There are pending pods in node \"\(node)\" when an error occurred: \(cause)\n"))
        #expect(output.stderr.hasSuffix("error: unable to drain node \"\(node)\" due to error: \(cause), continuing command...\nThere are pending nodes to be drained:\n \(node)\n\(cause)\n"))
        #expect(!output.stdout.contains("drained"))
    }

    @Test func deleteTimeoutPrintsKubectlsErrorAndFails() {
        let (shell, _, pods) = Self.stuckShell()
        let start = shell.cluster.now
        let output = shell.run("delete pod \(pods[0]) --timeout=5s")
        #expect(output.failed)
        #expect(output.stdout == "pod \"\(pods[0])\" deleted\n")
        #expect(output.stderr == "error: timed out waiting for the condition on pods/\(pods[0])\n")
        #expect(shell.cluster.now - start == .seconds(5))
    }

    @Test func aTimeoutThatPassesFailsTheScript() {
        let script = """
            create deployment web --image=nginx --replicas=1
            sleep 10s
            sim fail node-3
            sim fail node-2
            sim fail node-1
            delete pods --all --timeout=3s
            get deploy
            """
        let (output, ok) = runScript(script, seed: 1)
        #expect(!ok)
        #expect(output.contains("error: timed out waiting for the condition on pods/web-"))
        #expect(output.contains("$ get deploy\n")) // the script goes on after the failed line
    }
}
