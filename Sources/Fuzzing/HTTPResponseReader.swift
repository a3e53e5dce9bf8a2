/// Reads back what the listener wrote to a connection as HTTP/1.1 responses, strictly: a
/// status line, header lines, and a body framed by Content-Length or chunked encoding. What
/// does not read so is a broken promise of the listener.
struct HTTPResponseReader {
    struct Response {
        var version: String
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        /// False for the last response when the connection ended in its body (a watch cut off).
        var complete: Bool
        /// A HEAD answer: the length of a body not sent.
        var bodyOmitted = false

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
    }

    private let bytes: [UInt8]
    private var position = 0

    /// Every response in `bytes`, in order; only the last may be cut off in its body.
    static func responses(in bytes: [UInt8]) throws(FuzzFinding) -> [Response] {
        var reader = HTTPResponseReader(bytes: bytes)
        var responses: [Response] = []
        while reader.position < bytes.count {
            let response = try reader.next()
            responses.append(response)
            if !response.complete { break }
        }
        return responses
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private static let crlf: [UInt8] = [13, 10]

    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0] && bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    private func excerpt(_ from: Int) -> String { String(decoding: bytes[from...].prefix(100), as: UTF8.self).debugDescription }

    private mutating func next() throws(FuzzFinding) -> Response {
        let start = position
        guard let headEnd = find(Self.crlf + Self.crlf, from: start) else {
            throw FuzzFinding("the listener wrote a response head that does not end: \(excerpt(start))")
        }
        let lines = String(decoding: bytes[start..<headEnd], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines[0].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard statusLine.count == 3, statusLine[0] == "HTTP/1.1" || statusLine[0] == "HTTP/1.0",
              statusLine[1].count == 3, let status = Int(statusLine[1]), (100...599).contains(status) else {
            throw FuzzFinding("the listener wrote a malformed status line: \(String(lines[0].prefix(100)).debugDescription)")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  line[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }) else {
                throw FuzzFinding("the listener wrote a malformed header line: \(String(line.prefix(100)).debugDescription)")
            }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingPrefix(" ").description))
        }
        position = headEnd + 4
        var response = Response(version: String(statusLine[0]), status: status, headers: headers, body: [], complete: true)
        if status < 200 { return response }
        let length = response.header("content-length")
        let chunked = response.header("transfer-encoding")?.lowercased() == "chunked"
        switch (length, chunked) {
        case (.some, true):
            throw FuzzFinding("a \(status) response has both Content-Length and chunked encoding")
        case (nil, false):
            // A body that ends with the connection (HTTP/1.0's stream).
            guard response.header("connection")?.lowercased() == "close" else {
                throw FuzzFinding("a \(status) response has neither Content-Length, chunked encoding nor Connection: close")
            }
            response.body = Array(bytes[position...])
            position = bytes.count
        case (.some(let text), false):
            guard let count = Int(text), count >= 0 else { throw FuzzFinding("a response's Content-Length is \(text.debugDescription)") }
            // A HEAD answer has the GET answer's length and no body: the next response (or
            // the end) follows the head at once.
            if count > 0 && (position == bytes.count || bytes[position...].starts(with: Array("HTTP/1.".utf8))) {
                response.bodyOmitted = true
                return response
            }
            guard position + count <= bytes.count else {
                throw FuzzFinding("a \(status) response's body is shorter than its Content-Length \(count)")
            }
            response.body = Array(bytes[position..<position + count])
            position += count
        case (nil, true):
            if response.version == "HTTP/1.0" { throw FuzzFinding("an HTTP/1.0 response is chunked, which an HTTP/1.0 client cannot read") }
            while true {
                guard let sizeEnd = find(Self.crlf, from: position) else {
                    response.complete = false
                    position = bytes.count
                    return response
                }
                let sizeText = String(decoding: bytes[position..<sizeEnd], as: UTF8.self)
                guard let size = Int(sizeText, radix: 16), size >= 0 else {
                    throw FuzzFinding("a chunk's size line is malformed: \(sizeText.prefix(40).debugDescription)")
                }
                position = sizeEnd + 2
                guard position + size + 2 <= bytes.count else {
                    response.complete = false
                    position = bytes.count
                    return response
                }
                guard bytes[position + size] == 13, bytes[position + size + 1] == 10 else {
                    throw FuzzFinding("a chunk of \(size) bytes does not end with CRLF")
                }
                response.body += bytes[position..<position + size]
                position += size + 2
                if size == 0 { break }
            }
        }
        return response
    }
}
