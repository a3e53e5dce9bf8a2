import Commands
import Foundation

/// Writes what the dashboard shows as an asciicast v2 file (playable by asciinema): a JSON
/// header line, then one `[seconds, "o", output]` line per drawn frame that changed, with the
/// real time it was drawn; a size change adds an `"r"` event and redraws everything.
public final class AsciicastRecorder {
    private let handle: FileHandle
    private let encoder: AnsiEncoder
    private var previous: Frame?
    private var lastTime = 0.0

    public struct CannotRecord: Error, CustomStringConvertible {
        public var description: String
    }

    /// Creates (or truncates) `file` and writes the header.
    public init(file: URL, width: Int, height: Int, title: String, startedAt: Date = Date(), palette: ColorPalette = .xterm256) throws {
        // Truncated in place (see OutputFile): `--record /dev/null` must not replace /dev/null.
        guard let handle = try? OutputFile.open(file.path) else {
            throw CannotRecord(description: "cannot write the recording \"\(file.path)\"")
        }
        self.handle = handle
        encoder = AnsiEncoder(palette: palette)
        let header: [String: Any] = [
            "version": 2, "width": width, "height": height, "timestamp": Int(startedAt.timeIntervalSince1970),
            "title": title, "env": ["TERM": "xterm-256color", "SHELL": "/bin/sh"],
        ]
        try write(JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
    }

    /// Records `frame` as drawn `seconds` after the recording started. Frames that change
    /// nothing are not written.
    public func record(_ frame: Frame, at seconds: Double) throws {
        let time = max(seconds, lastTime)
        if let previous, previous.width != frame.width || previous.height != frame.height {
            try event(time, "r", "\(frame.width)x\(frame.height)")
        }
        let output = encoder.encode(frame, since: previous)
        previous = frame
        guard !output.isEmpty else { return }
        try event(time, "o", output)
        lastTime = time
    }

    public func close() { try? handle.close() }

    private func event(_ time: Double, _ type: String, _ data: String) throws {
        let rounded = (time * 1_000_000).rounded() / 1_000_000
        try write(JSONSerialization.data(withJSONObject: [rounded, type, data], options: [.fragmentsAllowed]))
    }

    private func write(_ data: Data) throws {
        try handle.write(contentsOf: data + Data("\n".utf8))
    }
}
