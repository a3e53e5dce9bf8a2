import Foundation
import Testing

/// `kubesim serve` on a free port for a test: started with `--listen 127.0.0.1:0` and its own
/// kubeconfig in a temporary folder, ready once it has printed its address (a bounded poll),
/// stopped with SIGTERM when the test lets go of it. `kubectl(_:)` runs the real kubectl
/// against it:
///
///     guard let server = try KubesimServer.startForTest() else { return }   // kubectl missing
///     let version = try server.kubectl(["get", "--raw", "/version"])
///     #expect(version.status == 0)
final class KubesimServer {
    let process: Process
    /// The port it listens on (127.0.0.1).
    let port: Int
    let folder: URL
    let kubeconfig: URL
    /// The kubectl `kubectl(_:)` runs (nil when started without one).
    let kubectlBinary: RealKubectl?
    private let stdoutData = LockedData()
    private let stderrData = LockedData()

    /// Starts `kubesim serve` with `arguments` added (`--seed 3`, `--nodes 5`, `--file …`).
    /// `existingKubeconfig` is written to the kubeconfig file first (kubesim merges into it).
    init(arguments: [String] = [], kubectl: RealKubectl? = RealKubectl.locate(), existingKubeconfig: String? = nil,
         startupTimeout: TimeInterval = 60) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        kubeconfig = folder.appendingPathComponent("kubeconfig")
        if let existingKubeconfig { try existingKubeconfig.write(to: kubeconfig, atomically: true, encoding: .utf8) }
        kubectlBinary = kubectl
        process = Process()
        process.executableURL = try HeadlessBinaryTests.binary()
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--kubeconfig", kubeconfig.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let stdoutData = stdoutData, stderrData = stderrData
        out.fileHandleForReading.readabilityHandler = { handle in stdoutData.append(handle.availableData) }
        err.fileHandleForReading.readabilityHandler = { handle in stderrData.append(handle.availableData) }
        try process.run()
        let deadline = Date(timeIntervalSinceNow: startupTimeout)
        var found: Int?
        while found == nil && process.isRunning && Date() < deadline {
            found = Self.port(in: String(decoding: stdoutData.get(), as: UTF8.self))
            if found == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        guard let found else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            throw StartFailed(stdout: String(decoding: stdoutData.get(), as: UTF8.self), stderr: String(decoding: stderrData.get(), as: UTF8.self))
        }
        port = found
    }

    /// A server and the real kubectl 1.33, or nil (after a skip note, or a failure under
    /// KUBESIM_REQUIRE_E2E=1) when that kubectl is missing.
    static func startForTest(arguments: [String] = [], kubectlVersion: String = "1.33") throws -> KubesimServer? {
        guard let kubectl = RealKubectl.forTest(version: kubectlVersion) else { return nil }
        return try KubesimServer(arguments: arguments, kubectl: kubectl)
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// What the server printed so far.
    var stdout: String { String(decoding: stdoutData.get(), as: UTF8.self) }
    var stderr: String { String(decoding: stderrData.get(), as: UTF8.self) }

    /// Runs kubectl against the server with its own kubeconfig and discovery cache (never the
    /// user's ~/.kube).
    func kubectl(_ arguments: [String], stdin: String? = nil, timeout: TimeInterval = 120) throws -> ProcessResult {
        guard let kubectlBinary else { throw NoKubectl() }
        var environment = ProcessInfo.processInfo.environment
        environment["KUBECONFIG"] = kubeconfig.path
        environment["LANG"] = "C.UTF-8"
        let global = ["--kubeconfig", kubeconfig.path, "--cache-dir", folder.appendingPathComponent("cache").path]
        return try ProcessRunner.run(kubectlBinary.path, global + arguments, environment: environment, stdin: stdin, timeout: timeout)
    }

    /// Sends SIGTERM and waits (bounded) for the exit; returns the exit status (143 for a clean
    /// stop by SIGTERM), or nil if it had to be killed.
    @discardableResult
    func stop(timeout: TimeInterval = 20) -> Int32? {
        defer { try? FileManager.default.removeItem(at: folder) }
        guard process.isRunning else { return exitStatus }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return exitStatus
    }

    /// The exit status once it has ended (128 + n after signal n killed it).
    var exitStatus: Int32? {
        guard !process.isRunning else { return nil }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// The port from `Serving the Kubernetes API on http://127.0.0.1:PORT`.
    static func port(in output: String) -> Int? {
        // Only whole lines: the port may still be arriving.
        guard let end = output.lastIndex(of: "\n"),
              let line = output[..<end].split(separator: "\n").first(where: { $0.hasPrefix("Serving the Kubernetes API on http://") }),
              let colon = line.lastIndex(of: ":") else { return nil }
        return Int(line[line.index(after: colon)...])
    }

    struct StartFailed: Error, CustomStringConvertible {
        let stdout: String
        let stderr: String
        var description: String { "kubesim serve did not start\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    struct NoKubectl: Error, CustomStringConvertible {
        var description: String { "this KubesimServer was started without a kubectl" }
    }
}
