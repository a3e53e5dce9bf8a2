import APIServer
import Foundation
import KubeAPI
import KubesimTestSupport
import Testing

/// The listener with a fake API layer: the test thread plays the cluster's thread, draining
/// the job queue, so every step is driven by the test, not by timing.
@Suite struct APIServerStreamTests {
    /// A watch the test controls: it keeps the sink `start` was given and counts `stop` calls.
    final class FakeWatch: @unchecked Sendable {
        var sink: (any ResponseStreamSink)?
        var stops = 0
        let timeoutSeconds: Double?

        init(timeoutSeconds: Double? = nil) { self.timeoutSeconds = timeoutSeconds }

        func reply() -> APIReply {
            .stream(StreamingReply(head: APIResponse(status: 200, headers: [("Content-Type", "application/json")]),
                                   timeoutSeconds: timeoutSeconds, start: { self.sink = $0 }, stop: { self.stops += 1 }))
        }
    }

    /// A server whose `/watch` answers with the next of `watches` and anything else with `{}`.
    final class Harness {
        let queue: ClusterJobQueue
        let server: APIServer
        let port: Int
        let log: RequestLog

        init(watches: [FakeWatch], limits: APIServerLimits = APIServerLimits()) throws {
            var pending = watches
            let box = RequestLog()
            log = box
            let queue = ClusterJobQueue()
            self.queue = queue
            server = APIServer(queue: queue, limits: limits) { request in
                box.requests.append(request)
                if request.path == "/watch", !pending.isEmpty { return pending.removeFirst().reply() }
                if request.path == "/list" {
                    let count = Int(request.query("pieces") ?? "") ?? 1
                    return .response(.streamed(APIServerStreamTests.numberedPieces(count)))
                }
                return .response(APIResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array("{}".utf8)))
            }
            port = try server.start(listen: ListenAddress(host: "127.0.0.1", port: 0)).port
        }

        deinit { server.stop() }

        /// Drains the queue (as the cluster's thread would) until `condition` holds; bounded.
        @discardableResult
        func drain(until condition: () -> Bool) -> Bool {
            let deadline = Date(timeIntervalSinceNow: 20)
            while !condition() {
                if Date() > deadline { return false }
                queue.drain()
                queue.wait(until: Date(timeIntervalSinceNow: 0.01))
            }
            return true
        }
    }

    final class RequestLog: @unchecked Sendable { var requests: [APIRequest] = [] }

    static func chunkedEnd(_ bytes: [UInt8]) -> Bool { String(decoding: bytes, as: UTF8.self).hasSuffix("0\r\n\r\n") }

    @Test func eachSendIsOneChunkAndFinishEndsTheStreamKeepingTheConnection() throws {
        let watch = FakeWatch()
        let harness = try Harness(watches: [watch])
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("GET /watch?watch=true HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { watch.sink != nil })
        #expect(watch.sink?.send(Array("{\"type\":\"ADDED\"}\n".utf8)) == true)
        #expect(watch.sink?.send(Array("{\"type\":\"DELETED\"}\n".utf8)) == true)
        watch.sink?.finish()
        let text = String(decoding: connection.read(until: Self.chunkedEnd), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.lowercased().contains("transfer-encoding: chunked\r\n"))
        #expect(!text.lowercased().contains("content-length"))
        #expect(text.hasSuffix("\r\n\r\n11\r\n{\"type\":\"ADDED\"}\n\r\n13\r\n{\"type\":\"DELETED\"}\n\r\n0\r\n\r\n"))
        #expect(harness.drain { watch.stops == 1 })
        #expect(harness.server.openWatches == 0)
        // Keep-alive: the same connection serves the next request.
        connection.send("GET /version HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { harness.log.requests.count == 2 })
        let response = connection.readResponse()
        #expect(response?.status == 200)
        #expect(response?.bodyText == "{}")
        #expect(watch.stops == 1)
    }

    /// A streamed body of `count` pieces of 100,000 bytes, each filled with its number's last digit.
    static func numberedPieces(_ count: Int) -> StreamedBody {
        StreamedBody {
            var index = 0
            return {
                guard index < count else { return nil }
                index += 1
                return [UInt8](repeating: UInt8(ascii: "0") + UInt8(index % 10), count: 100_000)
            }
        }
    }

    /// The data of a chunked body (after the head), or nil when its framing is broken.
    static func dechunk(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var data: [UInt8] = []
        var rest = bytes
        while let lf = rest.firstIndex(of: 10) {
            guard let size = Int(String(decoding: rest[rest.startIndex..<lf], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), radix: 16) else { return nil }
            rest = rest[(lf + 1)...]
            if size == 0 { return data }
            guard rest.count >= size + 2 else { return nil }
            data += rest.prefix(size)
            rest = rest.dropFirst(size + 2)
        }
        return nil
    }

    @Test func aStreamedBodyGoesOutChunkedAndAShortOneWhole() throws {
        let harness = try Harness(watches: [])
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("GET /list?pieces=40 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { harness.log.requests.count == 1 })
        let bytes = connection.read(until: Self.chunkedEnd)
        let headEnd = try #require(String(decoding: bytes, as: UTF8.self).range(of: "\r\n\r\n")).upperBound
        let head = String(decoding: bytes, as: UTF8.self)[..<headEnd].lowercased()
        #expect(head.contains("transfer-encoding: chunked\r\n"))
        #expect(!head.contains("content-length"))
        let body = try #require(Self.dechunk(bytes[head.utf8.count...]))
        #expect(body == Self.numberedPieces(40).collect())

        // One piece: a whole answer with its length, on the same connection.
        connection.send("GET /list?pieces=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { harness.log.requests.count == 2 })
        let whole = try #require(connection.readResponse())
        #expect(whole.header("content-length") == "100000")
        #expect(whole.body == Self.numberedPieces(1).collect())
    }

    @Test func aClientThatStopsReadingALargeListIsCutOff() throws {
        var limits = APIServerLimits()
        limits.responseTimeoutSeconds = 1
        let harness = try Harness(watches: [], limits: limits)
        let connection = try RawHTTPConnection(port: harness.port)
        // 100 MB it never reads: the socket's buffers fill and the answer stalls.
        connection.send("GET /list?pieces=1000 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { harness.log.requests.count == 1 })
        #expect(harness.drain { harness.server.openConnections == 0 }, "cut off by the response timeout")
        withExtendedLifetime(connection) {}
    }

    @Test func aZeroTimeoutEndsTheStreamAndStopsTheProducer() throws {
        let watch = FakeWatch(timeoutSeconds: 0)
        let harness = try Harness(watches: [watch])
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("GET /watch HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { watch.stops == 1 })
        let text = String(decoding: connection.read(until: Self.chunkedEnd), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.hasSuffix("\r\n\r\n0\r\n\r\n"))
        #expect(watch.sink?.send(Array("late\n".utf8)) == false)
    }

    /// Found by `kubesim fuzz http-raw`: a timeout past what NIO's clock counts trapped the server.
    @Test func aTimeoutBeyondTheClocksRangeStreamsWithoutEnd() throws {
        let watch = FakeWatch(timeoutSeconds: Double(Int64.max))
        let harness = try Harness(watches: [watch])
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("GET /watch?timeoutSeconds=9223372036854775807 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { watch.sink != nil })
        #expect(watch.sink?.send(Array("{\"type\":\"ADDED\"}\n".utf8)) == true)
        watch.sink?.finish()
        let text = String(decoding: connection.read(until: Self.chunkedEnd), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.hasSuffix("11\r\n{\"type\":\"ADDED\"}\n\r\n0\r\n\r\n"))
        #expect(harness.drain { watch.stops == 1 })
    }

    /// Found by `kubesim fuzz http-raw`: a watch asked over HTTP/1.0 went out with a chunked
    /// head and an unchunked body. HTTP/1.0 has no chunks: the body ends with the connection.
    @Test func anHTTP10WatchEndsWithTheConnectionInsteadOfChunks() throws {
        let watch = FakeWatch()
        let harness = try Harness(watches: [watch])
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("GET /watch HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(harness.drain { watch.sink != nil })
        #expect(watch.sink?.send(Array("{\"type\":\"ADDED\"}\n".utf8)) == true)
        watch.sink?.finish()
        // Read to the end of file: the connection closes once the watch ends.
        let text = String(decoding: connection.read(), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.0 200 OK\r\n"))
        #expect(!text.lowercased().contains("transfer-encoding"))
        #expect(text.lowercased().contains("connection: close\r\n"))
        #expect(text.hasSuffix("\r\n\r\n{\"type\":\"ADDED\"}\n"))
        #expect(harness.drain { watch.stops == 1 })
    }

    @Test func aClientThatLeavesStopsTheProducer() throws {
        let watch = FakeWatch()
        let harness = try Harness(watches: [watch])
        var connection: RawHTTPConnection? = try RawHTTPConnection(port: harness.port)
        connection?.send("GET /watch HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { watch.sink != nil })
        connection = nil
        #expect(harness.drain { watch.stops == 1 })
        #expect(watch.sink?.send(Array("nobody\n".utf8)) == false)
        #expect(harness.server.openWatches == 0)
    }

    @Test func aWatcherThatDoesNotReadIsClosedOnceTooFarBehind() throws {
        var limits = APIServerLimits()
        limits.maxPendingStreamBytes = 1 << 20
        let watch = FakeWatch()
        let harness = try Harness(watches: [watch], limits: limits)
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("GET /watch HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { watch.sink != nil })
        // The client reads nothing: once the socket buffers are full, sent bytes pile up.
        let event = [UInt8](repeating: UInt8(ascii: "x"), count: 256 * 1024)
        var accepted = 0
        while accepted < 4096, watch.sink?.send(event) == true { accepted += 1 }
        #expect(accepted < 4096, "a watcher that never reads must be dropped")
        #expect(watch.sink?.send(event) == false)
        #expect(harness.drain { watch.stops == 1 })
        #expect(harness.server.openWatches == 0)
    }

    @Test func watchesBeyondTheLimitAreRefusedWith429() throws {
        var limits = APIServerLimits()
        limits.maxConcurrentWatches = 1
        let first = FakeWatch(), second = FakeWatch()
        let harness = try Harness(watches: [first, second], limits: limits)
        let open = try RawHTTPConnection(port: harness.port)
        open.send("GET /watch HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { first.sink != nil })
        let refused = try RawHTTPConnection(port: harness.port)
        refused.send("GET /watch HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { second.stops == 1 })
        let response = refused.readResponse()
        #expect(response?.status == 429)
        #expect(response?.header("Retry-After") == "1")
        #expect(response?.bodyText.contains("\"reason\":\"TooManyRequests\"") == true)
        #expect(second.sink == nil)
        #expect(harness.server.openWatches == 1)
    }

    @Test func aBodyOverTheLimitGets413AndTheConnectionCloses() throws {
        var limits = APIServerLimits()
        limits.maxRequestBodyBytes = 16
        let harness = try Harness(watches: [], limits: limits)
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("POST /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n12345678901234567")
        let response = connection.readResponse()
        #expect(response?.status == 413)
        #expect(response?.bodyText.contains("\"reason\":\"RequestEntityTooLarge\"") == true)
        #expect(response?.header("Connection") == "close")
        #expect(connection.peerClosed())
        #expect(harness.log.requests.isEmpty)
        // At the limit it goes through.
        let fits = try RawHTTPConnection(port: harness.port)
        fits.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 16\r\n\r\n1234567890123456")
        #expect(harness.drain { harness.log.requests.count == 1 })
        #expect(fits.readResponse()?.status == 200)
        #expect(harness.log.requests.first?.body.count == 16)
    }

    @Test func headGetsTheHeadersWithoutTheBody() throws {
        let harness = try Harness(watches: [])
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("HEAD /version HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { harness.log.requests.count == 1 })
        let head = connection.read { String(decoding: $0, as: UTF8.self).hasSuffix("\r\n\r\n") }
        #expect(String(decoding: head, as: UTF8.self).contains("Content-Length: 2\r\n"))
        // Nothing stray follows the head: the next answer starts cleanly.
        connection.send("GET /version HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { harness.log.requests.count == 2 })
        let response = connection.readResponse()
        #expect(response?.statusLine == "HTTP/1.1 200 OK")
        #expect(response?.bodyText == "{}")
    }

    @Test func pipelinedRequestsAreAllAnsweredInTurn() throws {
        let harness = try Harness(watches: [])
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send(["/a", "/b", "/c"].map { "GET \($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined())
        #expect(harness.drain { harness.log.requests.count == 3 })
        #expect(harness.log.requests.map(\.path) == ["/a", "/b", "/c"])
        let text = String(decoding: connection.read { String(decoding: $0, as: UTF8.self).components(separatedBy: "\r\n\r\n{}").count == 4 }, as: UTF8.self)
        #expect(text.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 4, "\(text)")
    }

    @Test func aClientThatSendsRequestsWithoutReadingTheAnswersIsNotAnsweredIntoMemory() throws {
        var limits = APIServerLimits()
        limits.idleTimeoutSeconds = 1
        let harness = try Harness(watches: [], limits: limits)
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("GET /version HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(harness.drain { harness.log.requests.count == 1 })
        #expect(connection.readResponse()?.status == 200)
        // Then 2,000 answers of 100 kB (200 MB) it never reads, asked for 200 at a time (under
        // the bound on held requests) once the last ones were taken.
        var asked = 1
        while asked < 2001, connection.send(String(repeating: "GET /list?pieces=1 HTTP/1.1\r\nHost: x\r\n\r\n", count: 200)) {
            asked += 200
            harness.drain { harness.log.requests.count == asked || harness.server.openConnections == 0 }
        }
        #expect(harness.drain { harness.server.openConnections == 0 })
        #expect(harness.log.requests.count < 1000, "answered only while the socket took the answers: \(harness.log.requests.count)")
        withExtendedLifetime(connection) {}
    }

    @Test func aClientThatAsksBeforeSendingItsBodyIsToldToContinue() throws {
        let harness = try Harness(watches: [])
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        let interim = connection.read { String(decoding: $0, as: UTF8.self).hasSuffix("\r\n\r\n") }
        #expect(String(decoding: interim, as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
        connection.send("body")
        #expect(harness.drain { harness.log.requests.count == 1 })
        #expect(connection.readResponse()?.status == 200)
        #expect(harness.log.requests.first?.body == Array("body".utf8))
        // Too large: refused at once, before the body.
        let refused = try RawHTTPConnection(port: harness.port)
        refused.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 4000000\r\nExpect: 100-continue\r\n\r\n")
        #expect(refused.readResponse()?.status == 413)
        #expect(refused.peerClosed())
    }

    @Test func anIdleConnectionIsClosed() throws {
        var limits = APIServerLimits()
        limits.idleTimeoutSeconds = 0
        let harness = try Harness(watches: [], limits: limits)
        let connection = try RawHTTPConnection(port: harness.port)
        #expect(connection.peerClosed())
        #expect(harness.log.requests.isEmpty)
    }

    @Test func aRequestWhoseBodyNeverComesIsCutOff() throws {
        var limits = APIServerLimits()
        limits.requestReadTimeoutSeconds = 0
        let harness = try Harness(watches: [], limits: limits)
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345")
        #expect(connection.peerClosed())
        harness.queue.drain()
        #expect(harness.log.requests.isEmpty)
    }

    @Test func malformedHTTPGets400Status() throws {
        let harness = try Harness(watches: [])
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("NOT HTTP AT ALL\r\n\r\n")
        let response = connection.readResponse()
        #expect(response?.status == 400)
        #expect(response?.bodyText.contains("\"kind\":\"Status\"") == true)
        #expect(response?.bodyText.contains("\"reason\":\"BadRequest\"") == true)
        #expect(harness.log.requests.isEmpty)
    }

    @Test func headersOver80KiBGet400AndTheConnectionCloses() throws {
        let harness = try Harness(watches: [])
        let connection = try RawHTTPConnection(port: harness.port)
        connection.send("GET /version HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 100 * 1024))\r\n\r\n")
        let response = connection.readResponse()
        #expect(response?.status == 400)
        #expect(response?.bodyText.contains("overflow") == true, "\(response?.bodyText ?? "")")
        #expect(connection.waitForPeerClose(within: 20))
        harness.queue.drain()
        #expect(harness.log.requests.isEmpty)
    }

    @Test func aBusyPortIsAClearError() throws {
        let harness = try Harness(watches: [])
        let second = APIServer(queue: ClusterJobQueue()) { _ in .response(APIResponse(status: 200)) }
        #expect {
            try second.start(listen: ListenAddress(host: "127.0.0.1", port: harness.port))
        } throws: { error in
            "\(error)" == "listen tcp 127.0.0.1:\(harness.port): bind: address already in use"
        }
    }

    @Test func listenAddresses() throws {
        #expect(try ListenAddress.parse("127.0.0.1:6443").get() == ListenAddress(host: "127.0.0.1", port: 6443))
        #expect(try ListenAddress.parse("[::1]:0").get() == ListenAddress(host: "::1", port: 0))
        #expect(try ListenAddress.parse(":8080").get() == ListenAddress(host: "0.0.0.0", port: 8080))
        #expect(try ListenAddress.parse("127.0.0.1:0").get().isLoopback)
        #expect(try !ListenAddress.parse("0.0.0.0:1").get().isLoopback)
        #expect(try ListenAddress.parse("[::1]:7").get().url == "http://[::1]:7")
        if case .failure(let error) = ListenAddress.parse("localhost") { #expect(error.description == "address localhost: missing port in address") } else { Issue.record("no port accepted") }
        if case .failure(let error) = ListenAddress.parse("1.2.3.4:99999") { #expect(error.description == "address 1.2.3.4:99999: invalid port") } else { Issue.record("bad port accepted") }
    }
}
