import APIServer
import Cluster
import Commands
import Foundation
import KubesimTestSupport

/// A session with real local ports: the test thread plays the cluster's thread (draining the
/// listeners' queue, moving the virtual clock), real clients run on other threads.
final class LocalPortsHarness {
    let queue = ClusterJobQueue()
    let listeners: LocalHTTPListeners
    let session: Session
    var cluster: Cluster { session.cluster }

    init(seed: UInt64 = 5, nodes: Int = 3) {
        session = Session(cluster: Cluster(seed: seed, pace: .demo, nodes: nodes))
        listeners = LocalHTTPListeners(queue: queue)
        session.localPorts = LocalPorts(opener: listeners)
    }

    /// Closes every listener and stops NIO's thread.
    func stop() {
        session.localPorts?.closeAll()
        listeners.shutdown()
    }

    /// Runs a line to completion on the virtual clock (commands that do not block on a port).
    @discardableResult
    func run(_ line: String) -> CommandOutput { session.runToCompletion(line) }

    /// Drains requests and moves virtual time `step` a turn until `condition` holds; bounded by
    /// `realSeconds` of real time. Each turn waits (at most 5 ms) for a request to arrive.
    @discardableResult
    func drive(until condition: () -> Bool, step: SimDuration = .milliseconds(100), realSeconds: Double = 30) -> Bool {
        let deadline = Date(timeIntervalSinceNow: realSeconds)
        while Date() < deadline {
            queue.drain()
            if condition() { return true }
            cluster.advance(by: step)
            queue.wait(until: Date(timeIntervalSinceNow: 0.005))
        }
        queue.drain()
        return condition()
    }

    /// Names of the pods of `app` that are Ready and not terminating.
    func readyPods(app: String) -> Set<String> {
        Set(cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": app]), namespace: "default")
            .filter { $0.isReady && $0.metadata.deletionTimestamp == nil }.map(\.metadata.name))
    }

    /// The first port number after `prefix` in `text` (`Forwarding from 127.0.0.1:` …).
    static func port(after prefix: String, in text: String) -> Int? {
        guard let range = text.range(of: prefix) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}

/// One real HTTP exchange on a fresh connection (as `curl` does): the status and body, or nil
/// when the connection failed or closed without an answer.
struct HTTPResult: Sendable {
    var status: Int?
    var body: String

    /// The pod the hello page names.
    var podName: String? {
        guard let range = body.range(of: "<h1>Hello from ") else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "<" })
    }

    static func get(port: Int, path: String = "/") -> HTTPResult {
        guard let connection = try? RawHTTPConnection(port: port, timeout: 10) else { return HTTPResult(status: nil, body: "") }
        connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: curl/8.5.0\r\nConnection: close\r\n\r\n")
        guard let response = connection.readResponse() else { return HTTPResult(status: nil, body: "") }
        return HTTPResult(status: response.status, body: response.bodyText)
    }
}

/// A client on its own thread sending requests one after another until stopped (or `limit`).
final class LoopingClient: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [HTTPResult] = []
    private var stopRequested = false
    private var finished = false

    init(port: Int, limit: Int = .max) {
        Thread.detachNewThread { [self] in
            var sent = 0
            while sent < limit && !lock.withLock({ stopRequested }) {
                let result = HTTPResult.get(port: port)
                lock.withLock { results.append(result) }
                sent += 1
            }
            lock.withLock { finished = true }
        }
    }

    var count: Int { lock.withLock { results.count } }
    var all: [HTTPResult] { lock.withLock { results } }
    var isFinished: Bool { lock.withLock { finished } }
    func stop() { lock.withLock { stopRequested = true } }
}
