import Cluster
import Commands
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Real listening sockets for `kubectl port-forward` and `sim serve`, on NIO. Connections are
/// read on NIO's thread; every event is handed to the cluster's thread through `queue` (the
/// cluster is single-threaded), and the answer goes back on the connection's event loop.
public final class LocalHTTPListeners: LocalListenerOpener, @unchecked Sendable {
    public let queue: ClusterJobQueue
    private let speed: Double
    private let interrupted: () -> Bool
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// `speed` is the virtual seconds per real second the headless shell runs at while a
    /// command blocks on a real port; `interrupted` says when the user asked it to stop.
    public init(queue: ClusterJobQueue, speed: Double = 1, interrupted: @escaping () -> Bool = { false }) {
        self.queue = queue
        self.speed = speed
        self.interrupted = interrupted
    }

    public func listen(host: String, port: Int, handler: any LocalHTTPHandler) throws(LocalListenError) -> any LocalListener {
        let shared = SharedHandler(handler)
        let connections = OpenConnections()
        let queue = queue
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 128)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(LocalHTTPConnection(queue: queue, handler: shared, connections: connections))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
        let network = host.contains(":") ? "tcp6" : "tcp4"
        let address = PortForwardAddress.join(host, port)
        do {
            let channel = try bootstrap.bind(host: host, port: port).wait()
            return LocalHTTPListener(channel: channel, host: host, port: channel.localAddress?.port ?? port, connections: connections)
        } catch let error as IOError {
            throw LocalListenError("listen \(network) \(address): bind: \(Self.goErrorText(error.errnoCode))")
        } catch {
            throw LocalListenError("listen \(network) \(address): \(error)")
        }
    }

    /// Go's text for an errno: the C library's, first letter lowercased.
    static func goErrorText(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    public func runInRealTime(_ cluster: Cluster, until done: () -> Bool) -> Bool {
        let runner = RealTimeClusterRunner(cluster: cluster, queue: queue, speed: speed)
        var finished = done()
        runner.run(until: { finished || interrupted() }, eachTurn: { finished = done() })
        return finished
    }

    /// Stops NIO's thread (after every listener is closed).
    public func shutdown() { try? group.syncShutdownGracefully() }
}

/// `Go`'s net.JoinHostPort.
enum PortForwardAddress {
    static func join(_ host: String, _ port: Int) -> String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// The handler, touched only on the cluster's thread (inside queued jobs).
final class SharedHandler: @unchecked Sendable {
    let handler: any LocalHTTPHandler
    init(_ handler: any LocalHTTPHandler) { self.handler = handler }
}

/// A listener's open connections, closed with it.
final class OpenConnections: @unchecked Sendable {
    private let lock = NSLock()
    private var channels: [ObjectIdentifier: any Channel] = [:]

    func add(_ channel: any Channel) { lock.withLock { channels[ObjectIdentifier(channel)] = channel } }
    func remove(_ channel: any Channel) { lock.withLock { _ = channels.removeValue(forKey: ObjectIdentifier(channel)) } }
    var all: [any Channel] { lock.withLock { Array(channels.values) } }
}

/// One bound socket.
final class LocalHTTPListener: LocalListener {
    let host: String
    let port: Int
    private let channel: any Channel
    private let connections: OpenConnections
    private var closed = false

    init(channel: any Channel, host: String, port: Int, connections: OpenConnections) {
        self.channel = channel
        self.host = host
        self.port = port
        self.connections = connections
    }

    func close() {
        guard !closed else { return }
        closed = true
        try? channel.close().wait()
        for connection in connections.all { try? connection.close().wait() }
    }

    deinit { if !closed { channel.close(promise: nil) } }
}

/// One client connection: says it opened, and answers each request on the cluster's thread.
final class LocalHTTPConnection: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let queue: ClusterJobQueue
    private let handler: SharedHandler
    private let connections: OpenConnections
    private var head: HTTPRequestHead?

    init(queue: ClusterJobQueue, handler: SharedHandler, connections: OpenConnections) {
        self.queue = queue
        self.handler = handler
        self.connections = connections
    }

    func channelActive(context: ChannelHandlerContext) {
        connections.add(context.channel)
        let handler = handler
        queue.submit { handler.handler.connectionOpened() }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        connections.remove(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            let request = LocalHTTPRequest(method: head.method.rawValue, path: head.uri, userAgent: head.headers.first(name: "user-agent") ?? "-")
            let keepAlive = head.isKeepAlive
            let version = head.version
            let channel = context.channel
            let handler = handler
            queue.submit {
                let reply = handler.handler.answer(request)
                channel.eventLoop.execute { Self.write(reply, keepAlive: keepAlive, version: version, to: channel) }
            }
        }
    }

    private static func write(_ reply: LocalHTTPReply, keepAlive: Bool, version: HTTPVersion, to channel: any Channel) {
        guard case .respond(let status, let contentType, let body) = reply else {
            channel.close(promise: nil)
            return
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status), headers: headers)
        channel.write(HTTPServerResponsePart.head(head), promise: nil)
        channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(string: body))), promise: nil)
        let done = channel.writeAndFlush(HTTPServerResponsePart.end(nil))
        if !keepAlive { done.whenComplete { _ in channel.close(promise: nil) } }
    }
}
