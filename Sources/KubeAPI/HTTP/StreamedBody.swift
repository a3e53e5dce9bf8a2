/// A response body encoded a piece at a time as the connection takes it: a list of 150,000 pods
/// is hundreds of megabytes of JSON, which built whole would sit in memory once as the answer and
/// once more in the socket's buffers. The pieces are encoded on the connection's thread, from
/// the objects captured when the cluster's thread answered; each pass starts over.
public struct StreamedBody: @unchecked Sendable {
    // Unchecked: the passes read only values copied on the cluster's thread (objects are structs).
    private let start: () -> () -> [UInt8]?

    /// `start` begins a pass and returns its piece source: the next piece on each call, nil at the end.
    public init(start: @escaping () -> () -> [UInt8]?) {
        self.start = start
    }

    /// A fresh pass over the body.
    public func pieces() -> () -> [UInt8]? { start() }

    /// The whole body in one array, as a client reassembles it.
    public func collect() -> [UInt8] {
        var body: [UInt8] = []
        let next = start()
        while let piece = next() { body += piece }
        return body
    }
}
