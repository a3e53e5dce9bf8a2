import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP connection for tests that need bytes no HTTP client would send (malformed
/// requests, huge bodies) or want to see the response's framing (chunks) as it is on the wire.
/// Every read waits at most `timeout` seconds.
public final class RawHTTPConnection {
    private let descriptor: Int32
    private var buffered: [UInt8] = []

    public init(port: Int, timeout: TimeInterval = 30) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw RawHTTPError("socket: errno \(errno)") }
        var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // No close here: a class's deinit runs even when its init throws once every property
        // is set, and a second close could shut a descriptor another thread has just opened.
        guard connected == 0 else {
            throw RawHTTPError("connect to 127.0.0.1:\(port): errno \(errno)")
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// A write to a closed connection fails instead of raising SIGPIPE.
    #if canImport(Glibc)
    static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    static let noSignal: Int32 = 0
    #endif

    /// Writes all of `bytes`; false if the peer stopped taking them (it closed the connection).
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemSend(descriptor, $0.baseAddress, $0.count, RawHTTPConnection.noSignal) }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads until `done` holds for what has arrived, the peer closes, or a read times out;
    /// returns everything read (and keeps nothing back).
    public func read(until done: ([UInt8]) -> Bool = { _ in false }) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !done(buffered) {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            buffered += chunk[0..<count]
        }
        defer { buffered = [] }
        return buffered
    }

    /// Reads one response with a Content-Length body (or up to the close).
    public func readResponse() -> RawHTTPResponse? {
        let bytes = read { RawHTTPResponse.parse($0)?.complete == true }
        return RawHTTPResponse.parse(bytes)
    }

    /// Whether the peer has closed the connection (a read returns end of file).
    public func peerClosed() -> Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, 0) == 0
    }

    /// Waits at most `timeout` seconds (0: only looks) for the peer to close the connection,
    /// by an end of file or a reset; whatever it sends meanwhile is read and dropped. True once
    /// it has closed.
    public func waitForPeerClose(within timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            var watched = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&watched, 1, Int32(max(0, deadline.timeIntervalSinceNow) * 1000))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return false }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count == 0 { return true }
            if count < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                return true  // ECONNRESET: closed with our bytes unread
            }
        }
    }
}

/// A response as read off the wire.
public struct RawHTTPResponse {
    public var statusLine: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The body is as long as Content-Length says.
    public var complete: Bool

    public var status: Int? { statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
    public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

    static func parse(_ bytes: [UInt8]) -> RawHTTPResponse? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard bytes.count >= 4, let end = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = RawHTTPResponse(statusLine: lines[0], headers: headers, body: Array(bytes[(end + 4)...]), complete: false)
        if let length = response.header("content-length").flatMap(Int.init) {
            response.complete = response.body.count >= length
            response.body = Array(response.body.prefix(length))
        }
        return response
    }
}

public struct RawHTTPError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The C `send` (the connection's own `send` hides it inside the class).
private func systemSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    #if canImport(Glibc)
    Glibc.send(descriptor, bytes, count, flags)
    #else
    Darwin.send(descriptor, bytes, count, flags)
    #endif
}
