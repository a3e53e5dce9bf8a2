import Foundation
import Testing

/// Runs the real `kubesim` binary, as a user would from a shell.
@Suite struct HeadlessBinaryTests {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The kubesim binary to test: the one `swift build` made, if it is newer than every file
    /// under Sources/. `swift test` alone does not relink executables, so when it
    /// is missing or stale it is built afresh in its own scratch folder (the main one is locked
    /// while tests run) rather than testing old code.
    static func binary() throws -> URL { try built.get() }

    private static let built: Swift.Result<URL, any Error> = Swift.Result {
        let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [bundleDirectory.appendingPathComponent("kubesim"), packageRoot.appendingPathComponent(".build/debug/kubesim")]
        let newestSource = newestModification(under: [packageRoot.appendingPathComponent("Sources")])
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            if let built = modification(candidate), built >= newestSource { return candidate }
        }
        let scratch = packageRoot.appendingPathComponent(".build-e2e")
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "--product", "kubesim", "--scratch-path", scratch.path]
        build.currentDirectoryURL = packageRoot
        build.standardOutput = FileHandle.nullDevice
        build.standardError = FileHandle.nullDevice
        try build.run()
        build.waitUntilExit()
        let fresh = scratch.appendingPathComponent("debug/kubesim")
        guard build.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: fresh.path) else { throw BinaryMissing() }
        return fresh
    }

    private static func modification(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    private static func newestModification(under roots: [URL]) -> Date {
        var newest = Date.distantPast
        for root in roots {
            guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.contentModificationDateKey]) else { continue }
            for case let file as URL in files {
                if let date = modification(file), date > newest { newest = date }
            }
        }
        return newest
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var description: String { "could not build the kubesim binary; run `swift build` and look at its errors" }
    }

    struct RunResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary through `ProcessRunner`: both pipes read at once, and a run that hangs is
    /// killed after its timeout, failing its test instead of stalling the suite.
    static func run(_ arguments: [String], stdin: String? = nil) throws -> RunResult {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        let result = try ProcessRunner.run(try binary().path, arguments, environment: environment, stdin: stdin)
        return RunResult(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    @Test func transcriptScriptRunsAndIsReproducible() throws {
        let script = Self.packageRoot.appendingPathComponent("Tests/CommandsTests/Fixtures/transcript.txt").path
        let first = try Self.run(["run", "--script", script, "--seed", "5"])
        #expect(first.status == 0)
        #expect(first.stderr.isEmpty)
        #expect(first.stdout.contains("$ kubectl get pods\nNAME                              READY   STATUS    RESTARTS   AGE\nhello-kiamol-2-"))
        let lastRows = first.stdout.split(separator: "\n").suffix(3)
        #expect(lastRows.allSatisfy { $0.contains("   1/1     Running   0          ") })
        let second = try Self.run(["run", "--script", script, "--seed", "5"])
        #expect(second.stdout == first.stdout)
    }

    @Test func standardInputAndFailureStatus() throws {
        let result = try Self.run(["run", "--nodes", "2", "--pace", "realistic"], stdin: "get nodes\nget pod nope\n")
        #expect(result.status == 1)
        #expect(result.stdout == "$ get nodes\nNAME     STATUS   ROLES    AGE   VERSION\nnode-1   Ready    <none>   0s    v1.33.1\nnode-2   Ready    <none>   0s    v1.33.1\n$ get pod nope\n")
        #expect(result.stderr == "Error from server (NotFound): pods \"nope\" not found\n")
    }

    @Test func scenarioWithAFailingWaitExitsNamingTheStep() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stuck-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            description: Waits for pods that never come.
            steps:
              - run: kubectl create deployment web --image=nginx
              - caption: waiting in vain
              - wait: {for: "pods -l app=nope running=1", timeout: 5s}
              - run: kubectl get pods
            """.write(to: file, atomically: true, encoding: .utf8)
        let result = try Self.run(["run", "--scenario", file.path])
        #expect(result.status == 1)
        let name = file.deletingPathExtension().lastPathComponent
        #expect(result.stderr == "error: scenario \(name): step 3: timed out after 5s waiting for pods -l app=nope running=1\n")
        #expect(!result.stdout.contains("$ kubectl get pods"))
        let builtIn = try Self.run(["run", "--scenario", "drain", "--seed", "2"])
        #expect(builtIn.status == 0)
        #expect(builtIn.stdout.contains("node/node-1 drained"))
    }

    @Test func aPassingTimeoutExitsOneAndALongSleepRunsInFull() throws {
        let script = "create deployment web --image=nginx --replicas=1\nsleep 10s\nsim fail node-1\nsim fail node-2\nsim fail node-3\n"
            + "drain node-1 --timeout=5s --force\ndelete pods --all --timeout=3s\n"
        let result = try Self.run(["run"], stdin: script)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: timed out waiting for the condition on pods/web-"))
        let sleep = try Self.run(["run", "--pace", "realistic", "--nodes", "1"], stdin: "sleep 200h\nget nodes\n")
        #expect(sleep.status == 0)
        #expect(sleep.stdout.contains("node-1   Ready    <none>   8d    v1.33.1"))
    }

    @Test func badOptionsAreRejected() throws {
        let pace = try Self.run(["run", "--pace", "fast"], stdin: "")
        #expect(pace.status != 0)
        #expect(pace.stderr.contains("unknown pace \"fast\": use demo or realistic"))
        let missing = try Self.run(["run", "--script", "/nonexistent/script.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: cannot read script \"/nonexistent/script.txt\": no such file\n")
        // A device that never ends is refused, not read until memory runs out.
        let endless = try Self.run(["run", "--script", "/dev/zero"])
        #expect(endless.status == 1)
        #expect(endless.stderr.hasPrefix("error: cannot read script \"/dev/zero\": it is "))
        // A negative number is a bad value, not a missing one.
        let negativeSeed = try Self.run(["run", "--seed", "-1"], stdin: "")
        #expect(negativeSeed.status != 0)
        #expect(negativeSeed.stderr.contains("The value '-1' is invalid for '--seed <seed>'"), "\(negativeSeed.stderr)")
        let negativeNodes = try Self.run(["run", "--nodes", "-2"], stdin: "")
        #expect(negativeNodes.status != 0)
        #expect(negativeNodes.stderr.contains("--nodes must be between 0 and 5000"), "\(negativeNodes.stderr)")
    }
}
