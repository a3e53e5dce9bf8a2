import Cluster

/// The headless shell: reads lines, echoes each as `$ LINE`, prints exactly what kubectl would,
/// and runs blocking commands to completion on the virtual clock.
public struct ScriptRunner {
    public let session: Session
    /// Receives output as it is produced: standard output and standard error apart.
    public var write: (CommandOutput.Stream, String) -> Void

    public init(session: Session, write: @escaping (CommandOutput.Stream, String) -> Void) {
        self.session = session
        self.write = write
    }

    /// Runs every line; returns false if any line failed.
    @discardableResult
    public func run(lines: [String]) -> Bool {
        var ok = true
        for line in lines {
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty { continue }
            write(.out, "$ \(trimmed)\n")
            if trimmed.hasPrefix("#") { continue }
            let output = session.runToCompletion(trimmed)
            for chunk in output.chunks { write(chunk.stream, chunk.text) }
            if output.failed { ok = false }
        }
        return ok
    }
}
