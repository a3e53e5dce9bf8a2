/// The bounds that keep one misbehaving client from taking the server down.
public struct APIServerLimits: Sendable {
    /// Largest request body accepted; bigger ones get 413 (the API server's 3 MiB).
    public var maxRequestBodyBytes = 3 * 1024 * 1024
    /// Seconds a request may take to arrive once its head has (slow bodies are cut off).
    public var requestReadTimeoutSeconds: Int64 = 60
    /// Seconds a connection may sit between requests, or before its first one (the API server
    /// closes idle keep-alive connections after 90 s).
    public var idleTimeoutSeconds: Int64 = 90
    /// Seconds a streamed answer (a large list) may take to go out, so a client that stops
    /// reading does not hold its connection and the list for ever: kube-apiserver cuts off any
    /// request but a watch after 60 s (`--request-timeout`).
    public var responseTimeoutSeconds: Int64 = 60
    /// Watches open at once; one more gets 429.
    public var maxConcurrentWatches = 1000
    /// Bytes a watcher may leave unread before it is closed: a client that does not keep up is
    /// dropped (as the API server drops it) rather than buffered without limit.
    public var maxPendingStreamBytes = 16 * 1024 * 1024
    /// Connections open at once; one more is closed as soon as it is accepted. Go's server (and
    /// so kube-apiserver) sets no such cap and relies on the process's open-file limit; a cap
    /// well under that limit keeps a flood of connections from starving the watches and files
    /// already open.
    public var maxConnections = 4096

    public init() {}

    /// Descriptors kept free for everything but client connections: listeners, port-forward
    /// sockets, the kubeconfig, scenario files, pipes.
    static let descriptorsKeptFree = 64

    /// These limits with the connection cap lowered, if need be, to what `openFiles`
    /// descriptors can hold: past the cap a connection is closed at once, whereas past the
    /// open-file limit accepting would stall and every new client would wait.
    public func fitting(openFiles: Int) -> APIServerLimits {
        var fitted = self
        fitted.maxConnections = max(1, min(maxConnections, openFiles - Self.descriptorsKeptFree))
        return fitted
    }
}
