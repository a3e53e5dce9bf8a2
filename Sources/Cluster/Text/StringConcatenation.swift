extension String {
    /// The parts one after another, written into a single allocation. Event messages are made
    /// for every pod (five or six a pod at build-up); an interpolation appends each literal and
    /// value through the string's growth checks, ~400 instructions a piece.
    init(concatenating parts: String...) { self.init(concatenating: parts) }

    init(concatenating parts: [String]) {
        var total = 0
        for part in parts { total += part.utf8.count }
        self.init(unsafeUninitializedCapacity: total) { out in
            var at = 0
            for part in parts { at = out.copyUTF8(of: part, at: at) }
            return at
        }
    }
}

extension UnsafeMutableBufferPointer where Element == UInt8 {
    /// Copies `s`'s UTF-8 bytes to `at` and returns the offset after them: at once where they
    /// lie together (native strings), byte by byte otherwise.
    @inline(__always)
    func copyUTF8(of s: String, at: Int) -> Int {
        let utf8 = s.utf8
        if let end = utf8.withContiguousStorageIfAvailable({ bytes in
            at + UnsafeMutableBufferPointer(rebasing: self[at..<at + bytes.count]).initialize(from: bytes).1
        }) {
            return end
        }
        var end = at
        for byte in utf8 {
            self[end] = byte
            end += 1
        }
        return end
    }
}
