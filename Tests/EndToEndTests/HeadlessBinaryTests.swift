import Foundation
import Testing

/// Runs the real `kubesim` binary, as a user would from a shell.
@Suite struct HeadlessBinaryTests {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The built binary next to this test bundle (swift test builds every product first).
    static func binary() throws -> URL {
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("kubesim"), packageRoot.appendingPathComponent(".build/debug/kubesim")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw BinaryMissing()
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var description: String { "the kubesim binary was not built; run `swift build` first" }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
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

    @Test func badOptionsAreRejected() throws {
        let pace = try Self.run(["run", "--pace", "fast"], stdin: "")
        #expect(pace.status != 0)
        #expect(pace.stderr.contains("unknown pace \"fast\": use demo or realistic"))
        let missing = try Self.run(["run", "--script", "/nonexistent/script.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: cannot read script \"/nonexistent/script.txt\"\n")
    }
}
