import Foundation
import Testing

/// `kubesim bench-api` at a tiny size: it serves the cluster over real HTTP, times lists and
/// gets, follows a scale storm with watchers, and prints every figure.
@Suite struct BenchAPIEndToEndTests {
    @Test func tinyBenchPrintsEveryFigureAndEveryWatcherGetsEveryChange() throws {
        let result = try HeadlessBinaryTests.run(["bench-api", "--nodes", "3", "--pods", "30", "--watchers", "2",
                                                  "--list-runs", "3", "--get-runs", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("nodes: 3  pods: 30"))
        #expect(out.contains("list pods, all namespaces, JSON: p50 "))
        #expect(out.contains("list pods, all namespaces, Table: p50 "))
        #expect(out.contains("over 3 runs"))
        #expect(out.contains("get pod: p50 "))
        #expect(out.contains("over 5 runs"))
        #expect(out.contains("2 watchers"))
        #expect(out.contains("every watcher got every change: yes; closed by the server: 0"))
        #expect(out.contains("peak memory: "))
        // Both watchers counted the same, non-zero number of changes: the storm's.
        let counts = try #require(out.firstMatch(of: /events per watcher: (\d+) (\d+) of (\d+)/))
        #expect(counts.output.1 == counts.output.3 && counts.output.2 == counts.output.3)
        #expect(Int(counts.output.3) ?? 0 > 0)
    }

    @Test func jsonOutputHasTheFigures() throws {
        let result = try HeadlessBinaryTests.run(["bench-api", "--nodes", "2", "--pods", "10", "--watchers", "1",
                                                  "--list-runs", "2", "--get-runs", "2", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["pods"] as? Int == 10)
        let list = try #require(object["listJSON"] as? [String: Any])
        #expect(list["runs"] as? Int == 2)
        #expect((list["bytes"] as? Int ?? 0) > 0)
        let watch = try #require(object["watch"] as? [String: Any])
        #expect(watch["complete"] as? Bool == true)
        #expect(object["peakMiB"] != nil)
    }
}
