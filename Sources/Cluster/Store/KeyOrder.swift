import Foundation

/// Names in the API server's order: etcd compares keys as bytes, which for the names objects
/// may have (DNS labels and subdomains, ASCII) is also Swift's `<`. The dashboard's first Pods
/// frame sorts 150,000 names (some 2.5 million comparisons): each comparison here reads the
/// names' UTF-8 bytes from one buffer laid out once, the first 8 of them as one number, instead
/// of comparing two Strings.
enum KeyOrder {
    private struct Entry {
        /// The first 8 bytes, big-endian, zeros past the end: comparing these compares those bytes.
        var head: UInt64
        var start: Int32
        var count: Int32
        var index: Int32
    }

    static func sorted(_ names: [String]) -> [String] {
        order(names.count) { names[$0].utf8 }.map { names[$0] }
    }

    /// Object keys in the store's order (namespace, then name): each laid out as the namespace's
    /// bytes, a zero byte, the name's bytes, so one byte comparison orders both.
    static func sorted(_ keys: [ObjectKey]) -> [Int] {
        order(keys.count) { keys[$0].namespace.utf8 + [0] + keys[$0].name.utf8 }
    }

    /// The positions 0..<count in the order of the byte strings `bytesOf` gives for them. A
    /// string holds no zero byte after its first one, so equal 8-byte heads with one string
    /// ended mean both ended.
    private static func order<Bytes: Sequence<UInt8>>(_ count: Int, _ bytesOf: (Int) -> Bytes) -> [Int] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 24)
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for index in 0..<count {
            let start = bytes.count
            bytes.append(contentsOf: bytesOf(index))
            var head: UInt64 = 0
            for k in start..<(start + 8) { head = head << 8 | UInt64(k < bytes.count ? bytes[k] : 0) }
            entries.append(Entry(head: head, start: Int32(start), count: Int32(bytes.count - start), index: Int32(index)))
        }
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress
            entries.sort { a, b in
                if a.head != b.head { return a.head < b.head }
                let rest = Int(min(a.count, b.count)) - 8
                if rest > 0, let base {
                    let order = memcmp(base + Int(a.start) + 8, base + Int(b.start) + 8, rest)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
        return entries.map { Int($0.index) }
    }
}
