import Foundation
import KubeAPI
import NIOCore

/// The sink a watch writes to: each `send` becomes one HTTP chunk, written and flushed on the
/// connection's event loop. It counts the bytes handed over but not yet written to the socket;
/// when a watcher lets more than the limit pile up, the connection is closed (the API server
/// closes slow watchers instead of buffering for them). Closing, for whatever reason, runs
/// `onClose` exactly once.
final class ChunkedStreamSink: ResponseStreamSink, @unchecked Sendable {
    private let lock = NSLock()
    private var pendingBytes = 0
    /// Chunks sent but not yet handed to the event loop: one task and one flush take them all,
    /// so a burst of events costs the loop one wake-up instead of one per event.
    private var queued: [[UInt8]] = []
    private var closed = false
    private let limit: Int
    private let eventLoop: any EventLoop
    private let connection: NIOLoopBound<APIConnectionHandler>
    private let onClose: () -> Void

    init(eventLoop: any EventLoop, connection: NIOLoopBound<APIConnectionHandler>, limit: Int, onClose: @escaping () -> Void) {
        self.eventLoop = eventLoop
        self.connection = connection
        self.limit = limit
        self.onClose = onClose
    }

    func send(_ bytes: [UInt8]) -> Bool {
        lock.lock()
        if closed {
            lock.unlock()
            return false
        }
        // One event larger than the limit still goes out when nothing else is waiting.
        if pendingBytes > 0 && pendingBytes + bytes.count > limit {
            lock.unlock()
            let connection = connection
            eventLoop.execute { connection.value.abortStream(self) }
            _ = close()
            return false
        }
        pendingBytes += bytes.count
        queued.append(bytes)
        let schedule = queued.count == 1
        lock.unlock()
        if schedule {
            let connection = connection
            eventLoop.execute { connection.value.writeChunks(self.takeQueued(), for: self) }
        }
        return true
    }

    /// The chunks waiting, in order; called on the event loop.
    private func takeQueued() -> [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        let chunks = queued
        queued = []
        return chunks
    }

    func finish() {
        let connection = connection
        eventLoop.execute { connection.value.endStream(self) }
    }

    /// Called on the event loop once `count` bytes reached the socket (or were dropped).
    func written(_ count: Int) {
        lock.lock()
        pendingBytes -= count
        lock.unlock()
    }

    /// Bytes sent but not yet written.
    var unwritten: Int {
        lock.lock()
        defer { lock.unlock() }
        return pendingBytes
    }

    var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closed
    }

    /// Marks the stream over; the first call runs `onClose`. Returns whether this call closed it.
    @discardableResult
    func close() -> Bool {
        lock.lock()
        let first = !closed
        closed = true
        lock.unlock()
        if first { onClose() }
        return first
    }
}
