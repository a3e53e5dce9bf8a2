import Foundation

/// One watcher of `bench-api`, on its own thread: opens the watch, then de-chunks the stream and
/// counts its `{"object":…,"type":"ADDED"}` lines by type until the stream ends or it is told
/// to stop. Counts are read from other threads under the lock.
final class BenchWatchClient: @unchecked Sendable {
    struct Counts {
        var added = 0, modified = 0, deleted = 0, other = 0
        var total: Int { added + modified + deleted + other }
        var bytes = 0
        /// When the first and the latest event arrived (uptime nanoseconds).
        var first: UInt64 = 0, last: UInt64 = 0
        /// The server ended the stream or closed the connection before we stopped.
        var closedByServer = false
        var status = 0
        var failure: String?
    }

    private let lock = NSLock()
    private var counts = Counts()
    private var stopping = false
    private let connection: BenchHTTPConnection
    let ready = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)

    init(port: Int, target: String) throws {
        let connection = try BenchHTTPConnection(port: port, timeoutSeconds: 600)
        self.connection = connection
        Thread { [self] in run(target) }.start()
    }

    var snapshot: Counts {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    /// Ends the watch from our side and waits for the thread.
    func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
        connection.shutdown()
        done.wait()
    }

    private func run(_ target: String) {
        defer { done.signal() }
        do {
            try connection.send("GET", target, headers: [("Accept", "application/json")])
            let (status, _) = try connection.readHead()
            lock.lock()
            counts.status = status
            lock.unlock()
            ready.signal()
            var decoder = ChunkedLines()
            while true {
                let bytes = try connection.readAvailable()
                if bytes.isEmpty { break }
                let now = DispatchTime.now().uptimeNanoseconds
                var added = 0, modified = 0, deleted = 0, other = 0
                let finished = decoder.feed(bytes) { line in
                    switch Self.eventType(line) {
                    case "ADDED": added += 1
                    case "MODIFIED": modified += 1
                    case "DELETED": deleted += 1
                    default: other += 1
                    }
                }
                lock.lock()
                let events = added + modified + deleted + other
                if events > 0 {
                    if counts.first == 0 { counts.first = now }
                    counts.last = now
                }
                counts.added += added; counts.modified += modified; counts.deleted += deleted; counts.other += other
                counts.bytes += bytes.count
                lock.unlock()
                if finished { break }
            }
            lock.lock()
            if !stopping { counts.closedByServer = true }
            lock.unlock()
        } catch {
            lock.lock()
            if !stopping {
                counts.closedByServer = true
                counts.failure = "\(error)"
            }
            lock.unlock()
            ready.signal()
        }
    }

    /// The event type of one line: compact JSON with sorted keys ends `,"type":"ADDED"}`.
    static func eventType(_ line: ArraySlice<UInt8>) -> String {
        guard line.last == UInt8(ascii: "}") else { return "" }
        let end = line.endIndex - 2  // the closing quote
        guard end > line.startIndex, line[end] == UInt8(ascii: "\"") else { return "" }
        var start = end - 1
        while start > line.startIndex && line[start] != UInt8(ascii: "\"") { start -= 1 }
        return String(decoding: line[(start + 1)..<end], as: UTF8.self)
    }
}

/// Chunked transfer decoding into newline-terminated lines, fed as bytes arrive.
struct ChunkedLines {
    private var buffer: [UInt8] = []
    private var line: [UInt8] = []
    /// Data bytes left in the current chunk; nil while a size line is expected.
    private var remaining: Int?

    /// Feeds bytes; calls `onLine` for each complete line. Returns true at the last (empty) chunk.
    mutating func feed(_ bytes: [UInt8], onLine: (ArraySlice<UInt8>) -> Void) -> Bool {
        buffer += bytes
        var index = 0
        defer { buffer.removeFirst(index) }
        while index < buffer.count {
            if let left = remaining {
                let take = min(left, buffer.count - index)
                var cursor = index
                while cursor < index + take {
                    if let newline = buffer[cursor..<(index + take)].firstIndex(of: 10) {
                        line += buffer[cursor..<newline]
                        onLine(line[...])
                        line.removeAll(keepingCapacity: true)
                        cursor = newline + 1
                    } else {
                        line += buffer[cursor..<(index + take)]
                        cursor = index + take
                    }
                }
                index += take
                if left > take {
                    remaining = left - take
                    return false
                }
                // The CRLF after the data.
                guard buffer.count - index >= 2 else {
                    remaining = 0
                    return false
                }
                index += 2
                remaining = nil
            } else {
                guard let lf = buffer[index...].firstIndex(of: 10) else { return false }
                let sizeText = String(decoding: buffer[index..<lf], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) ?? 0
                index = lf + 1
                if size == 0 { return true }
                remaining = size
            }
        }
        return false
    }
}
