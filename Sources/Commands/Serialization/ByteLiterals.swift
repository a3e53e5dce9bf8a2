extension Array where Element == UInt8 {
    /// Appends a literal's UTF-8 bytes in one copy: a String's UTF-8 view would be appended
    /// through the generic, element-at-a-time path, and lists write such literals millions of times.
    public mutating func append(literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }
}
