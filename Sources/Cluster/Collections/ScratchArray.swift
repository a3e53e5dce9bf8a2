extension Array {
    /// Makes the array `count` long and hands its buffer to `write`; elements it does not set
    /// keep `filler` or an earlier value (a caller that writes fewer trims the rest after). A
    /// scratch array the scheduler refills for every pod keeps its buffer this way: made anew
    /// each time, the spread scores' new block was allocated before the old one was freed, so
    /// each pod wrote its scores into memory no longer in the cache.
    @inline(__always)
    mutating func overwrite(count: Int, filler: Element, _ write: (UnsafeMutableBufferPointer<Element>) -> Void) {
        if self.count > count {
            removeLast(self.count - count)
        } else if self.count < count {
            append(contentsOf: repeatElement(filler, count: count - self.count))
        }
        withUnsafeMutableBufferPointer { write($0) }
    }
}
