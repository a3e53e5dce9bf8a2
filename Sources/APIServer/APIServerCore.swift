import Foundation
import KubeAPI

/// What every connection shares: the way to the cluster's thread, the limits, and the counts of
/// open connections and watches.
final class APIServerCore: @unchecked Sendable {
    let queue: ClusterJobQueue
    let limits: APIServerLimits
    /// Answers a request; called only on the cluster's thread (inside a queued job).
    private let respond: (APIRequest) -> APIReply
    private let lock = NSLock()
    private var openWatches = 0
    private var openConnections = 0

    init(queue: ClusterJobQueue, limits: APIServerLimits, respond: @escaping (APIRequest) -> APIReply) {
        self.queue = queue
        self.limits = limits
        self.respond = respond
    }

    /// Runs the API layer; on the cluster's thread only.
    func reply(to request: APIRequest) -> APIReply { respond(request) }

    /// Takes a watch slot; false when `maxConcurrentWatches` are already open.
    func reserveWatch() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard openWatches < limits.maxConcurrentWatches else { return false }
        openWatches += 1
        return true
    }

    func releaseWatch() {
        lock.lock()
        openWatches -= 1
        lock.unlock()
    }

    /// Takes a connection slot; false when `maxConnections` are already open.
    func admitConnection() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard openConnections < limits.maxConnections else { return false }
        openConnections += 1
        return true
    }

    func releaseConnection() {
        lock.lock()
        openConnections -= 1
        lock.unlock()
    }

    var connectionCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return openConnections
    }

    var watchCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return openWatches
    }
}
