/// Lower-case hexadecimal digits written eight at a time. Uids (two a pod, one an event),
/// container ids and event names are hex; a digit at a time, with its branch and store, was
/// ~500 instructions a uid.
enum HexDigits {
    /// The eight digits of `value`, most significant first, as the bytes of a `UInt64` in
    /// memory order (store it as it is). Each nibble is spread into a byte of its own, then
    /// all eight become ASCII at once: `'0' + n`, plus 39 more (up to `'a' + n - 10`) where
    /// `n > 9`, which is where `n + 6` carries into the byte's high nibble.
    @inline(__always)
    static func eight(_ value: UInt32) -> UInt64 {
        var v = UInt64(value)
        v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF
        v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF
        v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0F
        let aboveNine = ((v &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        v = v &+ 0x3030_3030_3030_3030 &+ aboveNine &* 39
        return UInt64(bigEndian: v)
    }

    /// The four digits of `value`, as `eight` writes them: the last four of its eight.
    @inline(__always)
    static func four(_ value: UInt16) -> UInt32 {
        withUnsafeBytes(of: eight(UInt32(value))) { $0.load(fromByteOffset: 4, as: UInt32.self) }
    }

    /// Writes `count` (1...16) of `value`'s sixteen digits at `at` and returns the offset after
    /// them: its last ones (a number without its leading zeros), or with `leading` its first
    /// ones (a stream of digits cut at its length).
    @inline(__always)
    static func write(_ value: UInt64, count: Int = 16, leading: Bool = false,
                      into out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        precondition(count > 0 && count <= 16 && at + count <= out.count)
        let digits = (eight(UInt32(truncatingIfNeeded: value >> 32)), eight(UInt32(truncatingIfNeeded: value)))
        withUnsafeBytes(of: digits) { all in
            let from = leading ? 0 : 16 - count
            UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(out)[at..<(at + count)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: all[from..<(from + count)]))
        }
        return at + count
    }
}
