/// A growable run of bytes appended through a raw pointer. Lists and watches write a pod's JSON
/// in ~450 small appends; on `[UInt8]` each is a uniqueness and capacity check through the
/// standard library (~20 instructions a byte, ~90 a copied run), here a compare and a store.
/// Not copyable: the buffer has one owner, which frees it.
public struct ByteWriter: ~Copyable, ByteSink {
    private var start: UnsafeMutablePointer<UInt8>
    public private(set) var count = 0
    private var capacity: Int

    public init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        start[count] = byte
        count += 1
    }

    @inline(__always)
    public mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if capacity - count < bytes.count { grow(toHold: bytes.count) }
        (start + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    public func copyBytes(from offset: Int, to array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: start + offset, count: count - offset))
    }

    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    public mutating func removeAll() { count = 0 }

    @inline(never)
    private mutating func grow(toHold extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: start, count: count)
        start.deallocate()
        start = grown
        capacity = newCapacity
    }
}

/// Where JSON is written: a `ByteWriter`, or a `[UInt8]` (what most callers hold). The pod
/// writers are generic over it and specialised for both.
public protocol ByteSink: ~Copyable {
    var count: Int { get }
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
    /// Appends the bytes from `offset` on to `array` (what a memo keeps of a value it wrote).
    func copyBytes(from offset: Int, to array: inout [UInt8])
}

extension ByteSink where Self: ~Copyable {
    @inline(__always)
    public mutating func append(literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    @inline(__always)
    public mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }
}

/// Array's own appends are the requirements' witnesses.
extension Array: ByteSink where Element == UInt8 {
    public func copyBytes(from offset: Int, to array: inout [UInt8]) {
        array.append(contentsOf: self[offset...])
    }

    /// Appends what `writer` holds.
    public mutating func append(_ writer: borrowing ByteWriter) {
        writer.withBytes { append(contentsOf: $0) }
    }
}
