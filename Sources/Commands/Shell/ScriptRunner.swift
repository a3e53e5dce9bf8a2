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

    /// Runs a whole script (LF or CRLF line endings); returns false if any line failed.
    @discardableResult
    public func run(script: String) -> Bool {
        run(lines: script.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init))
    }

    /// Runs every line; returns false if any line failed.
    @discardableResult
    public func run(lines: [String]) -> Bool {
        var ok = true
        var atLineStart = true
        for line in lines {
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty { continue }
            // Like an interactive shell, start the prompt on a fresh line when output (say, a
            // jsonpath result) did not end with a newline.
            write(.out, (atLineStart ? "" : "\n") + "$ \(trimmed)\n")
            atLineStart = true
            if trimmed.hasPrefix("#") { continue }
            let emit = { (output: CommandOutput) in
                for chunk in output.chunks {
                    write(chunk.stream, chunk.text)
                    atLineStart = chunk.text.hasSuffix("\n")
                }
            }
            let output = session.runToCompletion(trimmed, emit: emit)
            emit(output)
            if output.failed { ok = false }
        }
        return ok
    }
}
