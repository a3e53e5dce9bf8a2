import Foundation
import Testing

/// `kubesim fuzz` as a user runs it: the list of targets, an input that crashes or hangs the
/// process saved to a file before it dies, and a saved input replayed.
@Suite struct FuzzCommandEndToEndTests {
    private static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-fuzz-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func listsTheTargets() throws {
        let result = try HeadlessBinaryTests.run(["fuzz", "--list"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("line  "))
        #expect(result.stdout.contains("one typed line: kubectl's grammar"))
        let unknown = try HeadlessBinaryTests.run(["fuzz", "lines"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown target \"lines\": use one of line"))
    }

    /// A crash (here a SIGSEGV sent from outside, as a bad access would raise it) saves the input
    /// being fed and ends the process with the signal's status. Swift's backtracer is off: after
    /// a real fault it prints the stack and the faulting instruction faults again, but a signal
    /// sent from outside is not repeated, so with it on the process would carry on.
    @Test func aCrashSavesTheInputBeingFed() throws {
        let out = Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = try HeadlessBinaryTests.binary()
        process.arguments = ["fuzz", "line", "--runs", "100000000", "--out", out.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The header is written once the handlers are in place.
        var header = Data()
        while !String(decoding: header, as: UTF8.self).contains("seeds\n") {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            header.append(chunk)
        }
        #expect(String(decoding: header, as: UTF8.self).hasPrefix("fuzz line: seed 1, 100000000 inputs"))
        kill(process.processIdentifier, SIGSEGV)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGSEGV)
        let saved = out.appendingPathComponent("line-crash").path
        #expect(message.contains("kubesim fuzz: the process crashed on an input; it is saved in \(saved)"))
        #expect(FileManager.default.fileExists(atPath: saved))
    }

    /// An input running past --hang is saved and the run ends with status 3; the saved input
    /// replays with --input.
    @Test func aHangSavesTheInputAndItReplays() throws {
        let out = Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try ProcessRunner.run(try HeadlessBinaryTests.binary().path,
                                           ["fuzz", "line", "--runs", "100000000", "--hang", "0.0001", "--out", out.path], timeout: 120)
        #expect(result.status == 3, "\(result)")
        let saved = out.appendingPathComponent("line-hang").path
        #expect(result.stderr.contains("kubesim fuzz: an input has run for more than 0.0001 s; it is saved in \(saved)"))
        let input = try #require(FileManager.default.contents(atPath: saved))
        #expect(!input.isEmpty)
        let replay = try HeadlessBinaryTests.run(["fuzz", "line", "--input", saved])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.hasPrefix("answered: "))
    }
}
