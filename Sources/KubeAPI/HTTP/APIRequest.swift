/// One HTTP request as the API layer sees it, independent of the listener that read it.
public struct APIRequest: Sendable {
    public var method: String
    /// The path without the query string, percent-decoded (`/api/v1/namespaces/default/pods`).
    public var path: String
    /// Query parameters in the order sent, percent-decoded.
    public var query: [(name: String, value: String)]
    /// Header names in lower case.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.body = body
    }

    /// Splits a request target (`/api/v1/pods?limit=500&watch=true`) into path and query.
    public init(method: String, target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = URLEncoding.decode(String(parts.first ?? ""), plusIsSpace: false)
        var query: [(String, String)] = []
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") where !pair.isEmpty {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append((URLEncoding.decode(String(kv[0]), plusIsSpace: true),
                              kv.count > 1 ? URLEncoding.decode(String(kv[1]), plusIsSpace: true) : ""))
            }
        }
        self.init(method: method, path: path, query: query.map { (name: $0.0, value: $0.1) }, headers: headers, body: body)
    }

    /// The first value of query parameter `name`.
    public func query(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// A boolean query parameter as the API server converts it (Convert_Slice_string_To_bool):
    /// present means true unless it is `0` or `false` in any case (python sends `watch=True`,
    /// and `watch=maybe` or a bare `watch=` is a watch); nil when absent.
    public func boolQuery(_ name: String) -> Bool? {
        guard let text = query(name) else { return nil }
        return !(text == "0" || text.lowercased() == "false")
    }

    /// An integer query parameter (limit, timeoutSeconds, tailLines); nil when absent. One
    /// that is not a number is a bad request, as the API server's query conversion refuses it.
    public func integerQuery(_ name: String) throws -> Int64? {
        guard let text = query(name) else { return nil }
        guard let value = Int64(text) else {
            // strconv.ParseInt(s, 10, 64)'s two refusals: digits past Int64, or not digits.
            let digits = text.first == "+" || text.first == "-" ? text.dropFirst() : Substring(text)
            let reason = !digits.isEmpty && digits.allSatisfy({ ("0"..."9").contains($0) }) ? "value out of range" : "invalid syntax"
            throw StatusError.badRequest("\(name): Invalid value: \"\(text)\": strconv.ParseInt: parsing \"\(text)\": \(reason)")
        }
        return value
    }

    /// The first value of header `name` (any case).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// The media type of the body without parameters (`application/merge-patch+json`); JSON when
    /// absent, as python 37 posts evictions with no Content-Type.
    public var contentType: String {
        guard let value = header("content-type"), !value.isEmpty else { return "application/json" }
        return value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "application/json"
    }
}

/// Percent-decoding of paths and query strings.
enum URLEncoding {
    static func decode(_ text: String, plusIsSpace: Bool) -> String {
        guard text.contains("%") || (plusIsSpace && text.contains("+")) else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else if byte == UInt8(ascii: "+"), plusIsSpace {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
