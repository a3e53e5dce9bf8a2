/// What a command prints: standard output and standard error kept apart, as kubectl keeps them,
/// in the order they were written.
public struct CommandOutput: Equatable, Sendable {
    public enum Stream: Sendable { case out, err }
    public struct Chunk: Equatable, Sendable {
        public var stream: Stream
        public var text: String
    }

    public private(set) var chunks: [Chunk] = []
    public var failed = false

    public init() {}

    public mutating func out(_ text: String) { append(.out, text) }
    public mutating func err(_ text: String) { append(.err, text) }

    /// Writes a kubectl error to standard error and marks the command failed.
    public mutating func fail(_ message: String) {
        err(message.hasSuffix("\n") ? message : message + "\n")
        failed = true
    }

    private mutating func append(_ stream: Stream, _ text: String) {
        guard !text.isEmpty else { return }
        chunks.append(Chunk(stream: stream, text: text))
    }

    public mutating func append(_ other: CommandOutput) {
        chunks += other.chunks
        failed = failed || other.failed
    }

    public var stdout: String { chunks.filter { $0.stream == .out }.map(\.text).joined() }
    public var stderr: String { chunks.filter { $0.stream == .err }.map(\.text).joined() }
    /// Both streams interleaved, as a terminal shows them.
    public var combined: String { chunks.map(\.text).joined() }
}

/// A kubectl-style failure: the text is printed to standard error as is.
public struct KubectlError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
