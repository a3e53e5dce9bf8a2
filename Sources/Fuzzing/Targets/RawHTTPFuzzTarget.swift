import APIServer
import Cluster
import KubeAPI
import NIOCore
import NIOEmbedded
import NIOHTTP1

/// `http-raw`: raw bytes on one connection to the listener of `kubesim serve` — NIO's HTTP/1.1
/// decoder and the API's connection handler, set up as for an accepted socket, on an
/// in-process channel whose clock the target moves. The bytes arrive in pieces (whole, a byte
/// at a time, or in runs), the cluster answering between pieces. Every response written reads
/// as HTTP/1.1 with a Status body for errors; each complete request is answered unless the
/// connection was closed; the read and idle timeouts close a connection left partway; a
/// client that hangs up frees its watch; and a new connection is then served normally.
final class RawHTTPFuzzTarget: FuzzTarget {
    let name = "http-raw"
    let summary = "raw bytes on one connection to the HTTP/1.1 listener (pipelining, chunked bodies, timeouts)"
    private let fixture = APIFuzzCluster()
    private let queue = ClusterJobQueue()
    private let server: APIServer

    init() {
        let fixture = fixture
        server = APIServer(queue: queue) { fixture.api.handle($0) }
    }

    var seeds: [[UInt8]] {
        let pods = "/api/v1/namespaces/default/pods"
        let namespace = #"{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"staging"}}"#
        let chunkedNamespace = "\(String(namespace.utf8.count - 20, radix: 16))\r\n\(namespace.prefix(namespace.utf8.count - 20))\r\n14\r\n\(namespace.suffix(20))\r\n0\r\n\r\n"
        let requests: [String] = [
            "GET /version HTTP/1.1\r\nHost: 127.0.0.1:6443\r\nUser-Agent: kubectl/v1.33.1\r\nAccept: application/json, */*\r\n\r\n",
            "GET /api HTTP/1.1\r\nHost: a\r\n\r\nGET /apis HTTP/1.1\r\nHost: a\r\n\r\nGET \(pods)?limit=500 HTTP/1.1\r\nHost: a\r\nAccept: \(APIRequestFuzzTarget.table)\r\n\r\n",
            "GET /api/v1/pods HTTP/1.1\r\nHost: a\r\n\r\nHEAD /api/v1/pods HTTP/1.1\r\nHost: a\r\n\r\nGET /healthz HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET \(pods)?watch=true&timeoutSeconds=5 HTTP/1.1\r\nHost: a\r\n\r\nGET /version HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET \(pods)?watch=true&allowWatchBookmarks=true HTTP/1.1\r\nHost: a\r\nAccept: \(APIRequestFuzzTarget.table)\r\n\r\n",
            "GET /api/v1/namespaces?watch=true&timeoutSeconds=9223372036854775807 HTTP/1.1\r\nHost: a\r\n\r\n",
            "POST /api/v1/namespaces HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\(chunkedNamespace)",
            "POST /api/v1/namespaces HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: \(namespace.utf8.count)\r\n\r\n\(namespace)GET /api/v1/namespaces/staging HTTP/1.1\r\nHost: a\r\n\r\n",
            "POST /api/v1/namespaces HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999\r\n\r\n{\"kind\":",
            "PUT /api/v1/namespaces/staging HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4194304\r\n\r\n",
            "POST /api/v1/namespaces HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: \(namespace.utf8.count)\r\n\r\n\(namespace)",
            "POST /api/v1/namespaces HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "GET /version HTTP/1.1\r\nHost a\r\n\r\n",
            "GET /version HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n",
            "GET /api/v1/nodes HTTP/1.1\r\nHost: a\r\n",
            "POST /api/v1/namespaces HTTP/1.1\r\nHost: a\r\nContent-Length: 200\r\n\r\n{\"kind\":\"Names",
            "GET /version HTTP/1.0\r\n\r\n",
            "GET /api/v1/pods?watch=1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            "GET /api/v1/pods HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /version HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET \(pods)/\(fixture.webPod)/log?follow=true&tailLines=2 HTTP/1.1\r\nHost: a\r\n\r\nGET /version HTTP/1.1\r\nHost: a\r\n\r\n",
            "DELETE /api/v1/namespaces/team-a/pods?labelSelector=app%3Dapi HTTP/1.1\r\nHost: a\r\nContent-Length: 35\r\n\r\n{\"propagationPolicy\":\"Background\"}\r\n",
            "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}",
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        ]
        return requests.map { Array($0.utf8) }
    }

    var dictionary: [[UInt8]] {
        ["GET ", "POST ", "PUT ", "PATCH ", "DELETE ", "HEAD ", "OPTIONS ", " HTTP/1.1\r\n", " HTTP/1.0\r\n", "\r\n", "\r\n\r\n", "\n",
         "Host: a\r\n", "Content-Length: ", "Transfer-Encoding: chunked\r\n", "Connection: close\r\n", "Connection: keep-alive\r\n",
         "Expect: 100-continue\r\n", "Content-Type: application/json\r\n", "Accept: \(APIRequestFuzzTarget.table)\r\n",
         "0\r\n\r\n", "ffffffffffffffff\r\n", "4194305", "3145728", "-1", "0", " ", ":", "\t", "\0", "/api/v1/pods", "/version",
         "?watch=true", "&timeoutSeconds=", "1", "9223372036854775807", "/api/v1/namespaces/default/pods/web/log?follow=true",
         "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}"].map { Array($0.utf8) }
    }

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        fixture.cluster.advance(by: .zero)
        let before = fixture.store.currentResourceVersion
        let expected = Self.completeRequests(in: input)
        let connection = try Connection(server: server, queue: queue)
        for piece in Self.pieces(of: input) where connection.isOpen {
            connection.receive(piece)
        }
        var ending = "open"
        if !connection.isOpen {
            ending = "closed"
        } else if server.openWatches > 0 {
            ending = "streaming"
        } else {
            let answers = try HTTPResponseReader.responses(in: connection.output).filter { $0.status >= 200 }.count
            if answers < expected {
                throw FuzzFinding("\(expected) complete requests got \(answers) answers on a connection left open")
            }
            // A connection left idle or partway through a request is closed by the idle or
            // read timeout (a watch may last as long as its client).
            for _ in 0..<3 where connection.isOpen && server.openWatches == 0 { connection.wait(seconds: 121) }
            if connection.isOpen && server.openWatches == 0 {
                throw FuzzFinding("a connection stayed open past the idle and read timeouts")
            }
            ending = "timed out"
        }
        connection.hangUp()
        let responses = try HTTPResponseReader.responses(in: connection.output)
        for response in responses where response.status >= 400 && response.complete && !response.bodyOmitted {
            try FuzzChecks.apiStatus(response.body, code: response.status)
        }
        if let early = responses.dropLast().first(where: { $0.header("connection")?.lowercased() == "close" }) {
            throw FuzzFinding("a response followed one that said Connection: close (\(early.status))")
        }
        if server.openWatches != 0 { throw FuzzFinding("a watch slot stayed taken after its client hung up") }
        if fixture.api.watches.watchCount != 0 || fixture.api.podLogs.followCount != 0 {
            throw FuzzFinding("a watch or log follow stayed registered after its client hung up")
        }
        try probe()
        fixture.answered(changed: fixture.store.currentResourceVersion != before)
        // The first answer, the worst class of answer and the ending: pipelined requests would
        // otherwise make every mix of the same answers a new behaviour.
        let first = responses.first.map { Self.word(for: $0.status) } ?? "nothing"
        let worst = responses.map(\.status).max().map { ["", "informational", "success", "redirect", "refused", "failed"][$0 / 100] } ?? "nothing"
        return FuzzBehaviour("\(first) \(worst) \(ending)")
    }

    /// A normal request on a new connection is answered: nothing the input did broke the listener.
    private func probe() throws(FuzzFinding) {
        let connection = try Connection(server: server, queue: queue)
        connection.receive(Array("GET /version HTTP/1.1\r\nHost: kubesim\r\n\r\n".utf8)[...])
        let responses = try HTTPResponseReader.responses(in: connection.output)
        connection.hangUp()
        guard responses.count == 1, responses[0].status == 200 else {
            throw FuzzFinding("a normal request on a new connection got \(responses.map(\.status)) after the input")
        }
    }

    /// The requests NIO's decoder reads whole from `input` (up to a malformed one).
    static func completeRequests(in input: [UInt8]) -> Int {
        let counter = RequestEndCounter()
        let channel = EmbeddedChannel(handlers: [ByteToMessageHandler(HTTPRequestDecoder()), counter])
        _ = try? channel.writeInbound(ByteBuffer(bytes: input))
        _ = try? channel.finish()
        return counter.ends
    }

    /// How the bytes arrive, chosen by the input: whole, a byte at a time or in runs of 3 (inputs
    /// up to 512 bytes; longer ones in runs of 64, to keep the cost of an input flat), or in runs
    /// of 16 or 200 bytes.
    static func pieces(of input: [UInt8]) -> [ArraySlice<UInt8>] {
        let choice = Int(input.reduce(UInt8(0), &+) % 5)
        var size = [max(1, input.count), 1, 3, 16, 200][choice]
        if size < 16 && input.count > 512 { size = 64 }
        return stride(from: 0, to: input.count, by: size).map { input[$0..<min(input.count, $0 + size)] }
    }

    /// A status as one word (`NotFound`), so that behaviours tell answers apart.
    static func word(for status: Int) -> String {
        HTTPResponseStatus(statusCode: status).reasonPhrase.filter(\.isLetter)
    }
}

/// One in-process client connection to the listener: bytes in, the cluster's thread (this
/// one) answering between pieces, bytes out.
private final class Connection {
    private let channel = EmbeddedChannel()
    private let queue: ClusterJobQueue
    private(set) var output: [UInt8] = []

    init(server: APIServer, queue: ClusterJobQueue) throws(FuzzFinding) {
        self.queue = queue
        do { try server.serve(channel) } catch { throw FuzzFinding("the listener's pipeline could not be set up: \(error)") }
        _ = try? channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 40000)).wait()
        settle()
    }

    var isOpen: Bool { channel.isActive }

    func receive(_ bytes: ArraySlice<UInt8>) {
        _ = try? channel.writeInbound(ByteBuffer(bytes: bytes))
        settle()
    }

    /// Moves the connection's clock on (timeouts fire).
    func wait(seconds: Int64) {
        channel.embeddedEventLoop.advanceTime(by: .seconds(seconds))
        settle()
    }

    /// The client closes its end.
    func hangUp() {
        if channel.isActive { _ = try? channel.close().wait() }
        settle()
    }

    /// Runs the connection's tasks and the cluster's jobs until neither has any left.
    private func settle() {
        repeat { channel.embeddedEventLoop.run() } while queue.drain() > 0
        while let buffer = try? channel.readOutbound(as: ByteBuffer.self) { output += buffer.readableBytesView }
    }
}

/// Counts the requests a decoder reads to their end.
private final class RequestEndCounter: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    private(set) var ends = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) { ends += 1 }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {}
}
