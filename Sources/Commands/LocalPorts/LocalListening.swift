import Cluster

/// One HTTP request that reached a real local port (`kubectl port-forward`, `sim serve`).
public struct LocalHTTPRequest: Sendable {
    public var method: String
    public var path: String
    public var userAgent: String

    public init(method: String, path: String, userAgent: String) {
        self.method = method
        self.path = path
        self.userAgent = userAgent
    }
}

/// What a real local port sends back.
public enum LocalHTTPReply: Equatable, Sendable {
    case respond(status: Int, contentType: String, body: String)
    /// Close the connection without an answer (a port-forward whose pod refused: kubectl drops it).
    case dropConnection
}

/// Answers a real port's connections and requests. Called on the cluster's thread only (the
/// listener hands each event over, as the API server hands over its requests).
public protocol LocalHTTPHandler: AnyObject {
    /// A client opened a TCP connection.
    func connectionOpened()
    func answer(_ request: LocalHTTPRequest) -> LocalHTTPReply
}

/// A bound listening socket.
public protocol LocalListener: AnyObject {
    /// The address bound (`127.0.0.1`, `::1`) and port (the one the system picked for 0).
    var host: String { get }
    var port: Int { get }
    /// Stops listening and closes its connections; returns once the port is free again.
    func close()
}

/// A port that could not be bound, worded as Go's net.Listen error
/// (`listen tcp4 127.0.0.1:8080: bind: address already in use`).
public struct LocalListenError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Where real listening sockets come from. Commands has no networking of its own: the
/// executable gives a Session one (built on NIO in APIServer), and sessions without one
/// (scenarios, unit tests of the grammar) refuse the commands that need a real port.
public protocol LocalListenerOpener: AnyObject {
    /// Binds `host` (a loopback address) on `port` (0: a free one); events go to `handler` on
    /// the cluster's thread.
    func listen(host: String, port: Int, handler: any LocalHTTPHandler) throws(LocalListenError) -> any LocalListener

    /// Runs the cluster in real time, answering the listeners' requests, until `done` (checked
    /// every turn on the cluster's thread) returns true or the user interrupts; returns false
    /// when interrupted. The headless shell's way to block on a real port, as kubectl does.
    func runInRealTime(_ cluster: Cluster, until done: () -> Bool) -> Bool
}
