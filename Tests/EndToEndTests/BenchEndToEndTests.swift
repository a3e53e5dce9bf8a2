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
        #expect(out.contains("peak memory: ") && out.contains("events: ") && !out.contains("pods Running;"))
        // The same seed gives the same cluster: the digest is the run's, not the clock's.
        let digest = try #require(out.firstMatch(of: /state digest: ([0-9a-f]{16})/)).output.1
        let again = try HeadlessBinaryTests.run(Self.tiny)
        #expect(again.stdout.contains("state digest: \(digest)"))
    }

    @Test func aBuildUpThatCannotFinishSaysHowFarItGotAndWhy() throws {
        // One node holds 110 pods: 90 of the 200 find no room.
        let result = try HeadlessBinaryTests.run(["bench", "--nodes", "1", "--deployments", "1", "--replicas", "200"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("build-up: NOT DONE after 3600 s of virtual time"))
        #expect(result.stdout.contains("  110 of 200 pods Running; 90 waiting: 0/1 nodes are available: 1 Too many pods."))
        let json = try HeadlessBinaryTests.run(["bench", "--nodes", "1", "--deployments", "1", "--replicas", "200", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let phase = try #require((object["phases"] as? [[String: Any]])?.first)
        #expect(phase["completed"] as? Bool == false)
        #expect((phase["shortfall"] as? String)?.hasPrefix("110 of 200 pods Running; 90 waiting: ") == true)
    }

    @Test func sizesOutOfRangeAreRefusedBeforeAnythingRuns() throws {
        let result = try HeadlessBinaryTests.run(["bench", "--nodes", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--nodes and --deployments must be 1 to 100000, --replicas 1 to 10000"))
    }
}
