import Foundation

/// What a finished program left: its exit status (128 + n when signal n ended it) and output.
struct ProcessResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs programs for end-to-end tests, reading stdout and stderr at the same time (a program
/// that fills one pipe while we wait on the other would hang), and killing one that outlives
/// `timeout` so a hung client fails its test instead of the whole run.
enum ProcessRunner {
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    stdin: String? = nil, timeout: TimeInterval = 120) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        let stdoutData = LockedData(), stderrData = LockedData()
        let readers = DispatchGroup()
        for (pipe, sink) in [(out, stdoutData), (err, stderrData)] {
            readers.enter()
            Thread.detachNewThread {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                readers.leave()
            }
        }
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let deadline = Date(timeIntervalSinceNow: timeout)
        var killed = false
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                killed = true
                break
            }
            _ = readers.wait(timeout: .now() + .milliseconds(20))
        }
        process.waitUntilExit()
        _ = readers.wait(timeout: .now() + .seconds(10))
        var stderr = String(decoding: stderrData.get(), as: UTF8.self)
        if killed { stderr += "[killed by the test after \(Int(timeout)) s]\n" }
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(status: status, stdout: String(decoding: stdoutData.get(), as: UTF8.self), stderr: stderr)
    }
}

/// Bytes filled by a reader thread.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func append(_ value: Data) { lock.lock(); data.append(value); lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
