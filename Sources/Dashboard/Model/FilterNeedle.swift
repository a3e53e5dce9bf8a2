/// A filter's text, searched for in rows without regard to case. Names and kubectl's columns
/// are ASCII, so the search compares bytes (folding A–Z) instead of lowercasing each of
/// 150,000 rows into a new string; other text is lowercased as before.
struct FilterNeedle {
    let text: String
    private let bytes: [UInt8]
    private let ascii: Bool
    /// Whether the text holds a space, so a match may run across cells joined by spaces.
    let spansCells: Bool

    init(_ text: String) {
        self.text = text.lowercased()
        bytes = Array(self.text.utf8)
        ascii = bytes.allSatisfy { $0 < 0x80 }
        spansCells = text.contains { $0.isWhitespace }
    }

    func found(in haystack: String) -> Bool {
        if bytes.isEmpty { return true }
        guard ascii else { return haystack.lowercased().contains(text) }
        var haystack = haystack
        return haystack.withUTF8 { Self.search(bytes, in: $0) }
    }

    /// The same search in UTF-8 text already laid out as bytes.
    func found(inBytes haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.isEmpty { return true }
        guard ascii else { return String(decoding: haystack, as: UTF8.self).lowercased().contains(text) }
        return Self.search(bytes, in: haystack)
    }

    private static func search(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where lower(haystack[start]) == first {
            var i = 1
            while i < needle.count && lower(haystack[start + i]) == needle[i] { i += 1 }
            if i == needle.count { return true }
        }
        return false
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte | 0x20 : byte }
}
