import Commands
import Foundation

/// The command line's history, as a shell keeps it: ↑ and ↓ walk through earlier lines (the line
/// being typed is kept while you look), and every line run is saved to a file so the next session
/// has it — `$XDG_STATE_HOME/kubesim/history`, or `~/.local/state/kubesim/history`.
public struct CommandHistory: Equatable, Sendable {
    public static let limit = 1000

    public private(set) var entries: [String]
    /// Where ↑/↓ stands: `entries.count` means "the line being typed".
    private var position: Int
    private var draft = ""
    public let file: URL?

    public init(entries: [String] = [], file: URL? = nil) {
        self.entries = Array(entries.suffix(Self.limit))
        position = self.entries.count
        self.file = file
    }

    /// The history file for this user (nil if no home directory is known).
    public static func defaultFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            return URL(fileURLWithPath: state).appendingPathComponent("kubesim/history")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/kubesim/history")
    }

    /// The most read from the history file: its newest megabyte, a thousand lines of a
    /// kilobyte, however large the file grew (or whatever it is).
    public static let fileLimit = 1024 * 1024

    /// Reads the history file's newest lines; a missing or unreadable file is an empty history.
    /// Bytes that are not UTF-8 become U+FFFD rather than losing the whole history (the next
    /// line run rewrites the file from what was kept).
    public static func load(from file: URL?) -> CommandHistory {
        guard let file, let tail = try? BoundedFile.tail(file.path, limit: fileLimit) else { return CommandHistory(file: file) }
        var lines = Self.lines(tail.bytes)
        // Read from the middle of a longer file, the first line is the end of a cut one.
        if !tail.isWhole, !lines.isEmpty { lines.removeFirst() }
        let entries = lines.filter { !$0.isEmpty }
        return CommandHistory(entries: entries, file: file)
    }

    /// The file's lines split at each `\n` byte (memchr finds them: a megabyte costs little
    /// even in a debug build), each decoded on its own.
    static func lines(_ bytes: [UInt8]) -> [String] {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return [] }
            var lines: [String] = []
            var start = 0
            while start < buffer.count {
                let found = memchr(base + start, 0x0a, buffer.count - start)
                let end = found.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buffer.count
                lines.append(String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self))
                start = end + 1
            }
            return lines
        }
    }

    /// Records a line that was run (not a repeat of the last one) and saves the file.
    public mutating func add(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty && entries.last != trimmed {
            entries.append(trimmed)
            if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
            save()
        }
        position = entries.count
        draft = ""
    }

    /// The line before the one shown (↑), remembering what was being typed.
    public mutating func previous(current: String) -> String? {
        guard position > 0 else { return nil }
        if position == entries.count { draft = current }
        position -= 1
        return entries[position]
    }

    /// The line after the one shown (↓); past the newest, the line that was being typed.
    public mutating func next() -> String? {
        guard position < entries.count else { return nil }
        position += 1
        return position == entries.count ? draft : entries[position]
    }

    /// Starts a fresh walk (when the command line opens).
    public mutating func reset() {
        position = entries.count
        draft = ""
    }

    private func save() {
        guard let file else { return }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? (entries.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    }
}
