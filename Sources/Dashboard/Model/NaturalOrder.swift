/// Orders names as people count: `node-2` before `node-10` (runs of ASCII digits compare as
/// numbers, then the run with fewer leading zeros first; other characters by code point).
/// Reads UTF-8 bytes, which order as the code points do: sorting the Pods table by NODE
/// ranks 5,000 node names.
enum NaturalOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in less(x, y) } }
    }

    private static func less(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var i = 0, j = 0
        while i < x.count && j < y.count {
            guard isDigit(x[i]) && isDigit(y[j]) else {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1
                j += 1
                continue
            }
            // Compare digit runs by length once leading zeros are gone, then digit by digit,
            // so runs of any length never overflow.
            let runX = i, runY = j
            while i < x.count && isDigit(x[i]) { i += 1 }
            while j < y.count && isDigit(y[j]) { j += 1 }
            var m = runX, n = runY
            while m < i && x[m] == 0x30 { m += 1 }
            while n < j && y[n] == 0x30 { n += 1 }
            if i - m != j - n { return i - m < j - n }
            while m < i {
                if x[m] != y[n] { return x[m] < y[n] }
                m += 1
                n += 1
            }
            if i - runX != j - runY { return i - runX < j - runY }
        }
        return i == x.count && j < y.count
    }
}
