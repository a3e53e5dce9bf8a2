import Foundation
import Testing

/// `kubesim bench` at a tiny size: every phase of `--scenario all` completes and prints its
/// figures; a build-up that cannot finish says how far it got and why the rest wait.
@Suite struct BenchEndToEndTests {
    private static let tiny = ["bench", "--nodes", "10", "--deployments", "2", "--replicas", "5", "--scenario", "all"]

    @Test func everyPhaseOfATinyClusterIsDoneAndPrintsItsFigures() throws {
        let result = try HeadlessBinaryTests.run(Self.tiny)
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("nodes: 10  deployments: 2 × 5 replicas = 10 pods  (pace realistic, seed 1)"))
        for phase in ["build-up", "rolling-update", "node-failure", "scale-storm"] {
            #expect(out.contains("\(phase): done after "), "\(phase) in \(out)")
        }
        #expect(out.components(separatedBy: "pods/s of wall time").count == 5)
        #expect(out.components(separatedBy: "deepest work queues: ").count == 5)
        #expect(out.contains("peak memory: ") && out.contains("events: ") && !out.contains("not Running"))
        // The same seed gives the same cluster: the digest is the run's, not the clock's.
        let digest = try #require(out.firstMatch(of: /state digest: ([0-9a-f]{16})/)).output.1
        let again = try HeadlessBinaryTests.run(Self.tiny)
        #expect(again.stdout.contains("state digest: \(digest)"))
    }

    @Test func aBuildUpThatCannotFinishSaysHowFarItGotAndWhy() throws {
        // One node holds 110 pods: 90 of the 200 find no room.
        let arguments = ["bench", "--nodes", "1", "--deployments", "1", "--replicas", "200"]
        let result = try HeadlessBinaryTests.run(arguments)
        #expect(result.status == 1)
        #expect(result.stdout.contains("build-up: NOT DONE after 3600 s of virtual time\n"
            + "  110 of 200 pods Running; 90 pods not Running, 90 of them: 0/1 nodes are available: 1 Too many pods."))
        let json = try HeadlessBinaryTests.run(arguments + ["--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let phase = try #require((object["phases"] as? [[String: Any]])?.first)
        #expect(phase["completed"] as? Bool == false)
        let shortfall = try #require(phase["shortfall"] as? [String: Any])
        #expect(shortfall["done"] as? Int == 110 && shortfall["want"] as? Int == 200 && shortfall["what"] as? String == "pods Running")
        #expect(shortfall["notRunning"] as? Int == 90 && shortfall["reasonCount"] as? Int == 90)
        #expect((shortfall["reason"] as? String)?.hasPrefix("0/1 nodes are available: 1 Too many pods.") == true)
    }

    /// After a node failure the phase waits for replacements, not for the failed node's pods
    /// (Terminating there for good): the reason given is why the replacements wait.
    @Test func aNodeFailureThatCannotRecoverNamesWhyTheReplacementsWait() throws {
        // Ten nodes of 110 pods hold 1,000; with one gone, nine hold 990.
        let result = try HeadlessBinaryTests.run(["bench", "--nodes", "10", "--deployments", "10", "--replicas", "100",
                                                  "--scenario", "node-failure"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("build-up: done after "))
        #expect(result.stdout.contains("node-failure: NOT DONE after 3600 s of virtual time\n"
            + "  990 of 1000 pods Running off the failed nodes; 10 pods not Running, 10 of them: 0/10 nodes are available: "))
        #expect(result.stdout.contains("9 Too many pods."))
    }

    @Test func sizesOutOfRangeAreRefusedBeforeAnythingRuns() throws {
        let result = try HeadlessBinaryTests.run(["bench", "--nodes", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--nodes and --deployments must be 1 to 100000, --replicas 1 to 10000"))
    }
}
