import Foundation
import KubeAPI
import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP/1.1 listener of `kubesim serve` and `kubesim --serve`: plain HTTP, keep-alive,
/// chunked watches. Requests run on the cluster's thread through `queue`, whose owner must keep
/// draining it.
public final class APIServer: @unchecked Sendable {
    private let core: APIServerCore
    /// NIO's threads, made when the server starts (a server that only configures channels
    /// given to it, as the fuzzer's in-process connections, needs none).
    private var group: MultiThreadedEventLoopGroup?
    private var listener: (any Channel)?
    /// Where it listens, with the port the system picked for port 0.
    public private(set) var address: ListenAddress?

    /// `respond` is called on the cluster's thread only (in jobs run by the queue's owner).
    public init(queue: ClusterJobQueue, limits: APIServerLimits = APIServerLimits(), respond: @escaping (APIRequest) -> APIReply) {
        core = APIServerCore(queue: queue, limits: limits, respond: respond)
    }

    /// The Kubernetes API of `handler`'s cluster.
    public convenience init(handler: KubeAPIHandler, queue: ClusterJobQueue, limits: APIServerLimits = APIServerLimits()) {
        self.init(queue: queue, limits: limits) { handler.handle($0) }
    }

    /// Binds and starts accepting; returns the address bound.
    @discardableResult
    public func start(listen: ListenAddress) throws -> ListenAddress {
        let core = core
        // The work is the cluster's; two loops keep a slow reader from delaying the others.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: min(2, System.coreCount))
        self.group = group
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                // Over the cap, the failed setup makes NIO close the socket before it is ever
                // read: the client sees its connection closed at once.
                guard core.admitConnection() else { return channel.eventLoop.makeFailedFuture(ConnectionRefused()) }
                channel.closeFuture.whenComplete { _ in core.releaseConnection() }
                return channel.eventLoop.makeCompletedFuture { try Self.configure(channel, core: core) }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
        let channel: any Channel
        do {
            channel = try bootstrap.bind(host: listen.host, port: listen.port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            self.group = nil
            throw APIServerError(listen: listen, underlying: error)
        }
        listener = channel
        let bound = ListenAddress(host: listen.host, port: channel.localAddress?.port ?? listen.port)
        address = bound
        return bound
    }

    /// Watches open now.
    public var openWatches: Int { core.watchCount }

    /// Client connections open now.
    public var openConnections: Int { core.connectionCount }

    /// Stops listening and closes every connection.
    public func stop() {
        if let listener {
            try? listener.close().wait()
            self.listener = nil
        }
        try? group?.syncShutdownGracefully()
        group = nil
    }

    /// Serves the connection `channel` (one accepted socket, or an in-process channel) as this
    /// server serves the ones it accepts; on the channel's event loop.
    public func serve(_ channel: any Channel) throws { try Self.configure(channel, core: core) }

    /// NIO's HTTP/1.1 decoder and encoder, then the API's connection handler.
    private static func configure(_ channel: any Channel, core: APIServerCore) throws {
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: false)
        try channel.pipeline.syncOperations.addHandler(APIConnectionHandler(core: core))
    }
}

/// Why a connection past `APIServerLimits.maxConnections` was closed (NIO drops the error).
struct ConnectionRefused: Error {}

/// A listener that could not start, worded as Go's net.Listen error (`listen tcp
/// 127.0.0.1:6443: bind: address already in use`).
public struct APIServerError: Error, CustomStringConvertible {
    public let listen: ListenAddress
    public let underlying: any Error

    public var description: String {
        if let error = underlying as? IOError {
            return "listen tcp \(listen): bind: \(String(cString: strerror(error.errnoCode)).lowercased())"
        }
        if underlying is SocketAddressError {
            return "listen tcp: lookup \(listen.host): no such host"
        }
        return "listen tcp \(listen): \(underlying)"
    }
}
