import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A keep-alive HTTP/1.1 client on a plain socket, for `bench-api`: it sends a request and reads
/// the whole answer (Content-Length bodies), or reads a chunked stream (a watch) piece by piece.
/// A bench client should cost as little as it can, so it reads straight into one growing buffer.
final class BenchHTTPConnection {
    private let descriptor: Int32
    /// Bytes read past the end of the last answer (or not yet parsed).
    private var pending: [UInt8] = []
    private var scratch = [UInt8](repeating: 0, count: 256 * 1024)

    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        /// The body, or its last bytes when the request kept only a tail.
        var body: [UInt8]
        /// The whole body's length.
        var length: Int

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(port: Int, timeoutSeconds: Int = 120) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var time = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
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
            throw Failure(description: "connect to 127.0.0.1:\(port): errno \(errno)")
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Sends a request; `body` with a Content-Type when there is one.
    func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) throws {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: kubesim-bench-api\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method != "GET" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let bytes = Array(head.utf8) + body
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Failure(description: "send: errno \(errno)") }
            offset += written
        }
    }

    /// Sends a request and reads its whole answer. `keepTail` keeps only the last bytes of a
    /// chunked body (a list of 150,000 pods is 400 MiB the bench has no use for: it would count
    /// in the peak memory as if the server held it).
    func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [],
                 keepTail: Int? = nil) throws -> Response {
        try send(method, target, headers: headers, body: body)
        let (status, responseHeaders) = try readHead()
        if responseHeaders.contains(where: { $0.name.lowercased() == "transfer-encoding" && $0.value.lowercased() == "chunked" }) {
            let (tail, length) = try readChunkedBody(method, target, keepTail: keepTail)
            return Response(status: status, headers: responseHeaders, body: tail, length: length)
        }
        guard let length = responseHeaders.first(where: { $0.name.lowercased() == "content-length" }).flatMap({ Int($0.value) }) else {
            throw Failure(description: "\(method) \(target): answer without Content-Length")
        }
        var body = pending
        pending = []
        body.reserveCapacity(length)
        while body.count < length {
            guard try fill() > 0 else { throw Failure(description: "\(method) \(target): connection closed mid-body") }
            body += pending
            pending = []
        }
        if body.count > length {
            pending = Array(body[length...])
            body.removeLast(body.count - length)
        }
        return Response(status: status, headers: responseHeaders, body: body, length: length)
    }

    /// Reads a chunked body (a large list) to its last, empty chunk: the body (or its last
    /// `keepTail` bytes) and its length.
    private func readChunkedBody(_ method: String, _ target: String, keepTail: Int?) throws -> (body: [UInt8], length: Int) {
        var body: [UInt8] = []
        var length = 0
        var offset = 0
        /// Waits until `pending` holds at least `count` bytes from `offset`.
        func need(_ count: Int) throws {
            while pending.count - offset < count {
                if offset > 0 {
                    pending.removeFirst(offset)
                    offset = 0
                }
                guard try fill() > 0 else { throw Failure(description: "\(method) \(target): connection closed mid-body") }
            }
        }
        while true {
            // The size line: hex digits up to CRLF.
            var lineLength = 0  // so far (`need` may move `offset`)
            while true {
                try need(lineLength + 2)
                if pending[offset + lineLength] == 13 && pending[offset + lineLength + 1] == 10 { break }
                lineLength += 1
            }
            let lineEnd = offset + lineLength
            let sizeText = String(decoding: pending[offset..<lineEnd], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else {
                throw Failure(description: "\(method) \(target): bad chunk size \(sizeText)")
            }
            offset = lineEnd + 2
            try need(size + 2)
            if size == 0 {
                offset += 2
                pending.removeFirst(offset)
                if let keepTail, body.count > keepTail { body.removeFirst(body.count - keepTail) }
                return (body, length)
            }
            if let keepTail, body.count > keepTail + (1 << 20) { body.removeFirst(body.count - keepTail) }
            body.append(contentsOf: pending[offset..<(offset + size)])
            length += size
            offset += size + 2
        }
    }

    /// Reads a status line and headers.
    func readHead() throws -> (status: Int, headers: [(name: String, value: String)]) {
        var searchFrom = 0
        while true {
            if pending.count >= 4 {
                for i in searchFrom...(pending.count - 4)
                where pending[i] == 13 && pending[i + 1] == 10 && pending[i + 2] == 13 && pending[i + 3] == 10 {
                    let lines = String(decoding: pending[..<i], as: UTF8.self).components(separatedBy: "\r\n")
                    pending.removeFirst(i + 4)
                    let status = lines[0].split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
                    let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
                        guard let colon = line.firstIndex(of: ":") else { return nil }
                        return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                    }
                    return (status, headers)
                }
                searchFrom = pending.count - 3
            }
            guard try fill() > 0 else { throw Failure(description: "connection closed before an answer") }
        }
    }

    /// Whatever bytes of the stream are here now, taken from the buffer; empty once the peer closed.
    func readAvailable() throws -> [UInt8] {
        if pending.isEmpty { _ = try fill() }
        defer { pending = [] }
        return pending
    }

    /// Reads once into `pending`; returns the count (0 at end of file).
    private func fill() throws -> Int {
        let count = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw Failure(description: "recv: errno \(errno)") }
        pending.append(contentsOf: scratch[0..<count])
        return count
    }

    /// Closes the socket now (a watcher that is done); later reads see end of file.
    func shutdown() { _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }
}
