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
            for part in parts {
                let utf8 = part.utf8
                let copied = utf8.withContiguousStorageIfAvailable { bytes in
                    UnsafeMutableBufferPointer(rebasing: out[at..<at + bytes.count]).initialize(from: bytes).1
                }
                if let copied {
                    at += copied
                } else {
                    for byte in utf8 { out[at] = byte; at += 1 }
                }
            }
            return at
        }
    }
}
