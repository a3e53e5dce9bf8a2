/// One store change as the watch lines it becomes, each encoded once: ten watchers of all pods
/// get the same bytes, and encoding a pod ten times over would be most of the cost of a change.
final class EncodedEventLines {
    private var lines: [String: [UInt8]] = [:]

    /// The line for `key` (event type and served resource), made by `encode` the first time.
    func line(_ key: String, encode: () -> [UInt8]) -> [UInt8] {
        if let line = lines[key] { return line }
        let line = encode()
        lines[key] = line
        return line
    }
}
