import APIServer
import Foundation
import KubesimTestSupport
import Testing

/// The cap on open connections: one past it is closed at once, those under it are served as
/// before, and a closed connection gives its slot back.
@Suite struct APIServerConnectionLimitTests {
    typealias Harness = APIServerStreamTests.Harness

    /// Sends a GET on `connection` and reads its answer, draining the queue meanwhile.
    static func get(_ connection: RawHTTPConnection, _ harness: Harness) -> Int? {
        let before = harness.log.requests.count
        connection.send("GET /version HTTP/1.1\r\nHost: x\r\n\r\n")
        harness.drain { harness.log.requests.count > before }
        return connection.readResponse()?.status
    }

    @Test func aConnectionPastTheCapIsClosedAtOnceAndTheOthersAreStillServed() throws {
        var limits = APIServerLimits()
        limits.maxConnections = 2
        let harness = try Harness(watches: [], limits: limits)
        let first = try RawHTTPConnection(port: harness.port)
        let second = try RawHTTPConnection(port: harness.port)
        #expect(Self.get(first, harness) == 200)
        #expect(Self.get(second, harness) == 200)

        let third = try RawHTTPConnection(port: harness.port)
        third.send("GET /version HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(third.waitForPeerClose(within: 20), "the connection past the cap is closed")
        harness.queue.drain()
        #expect(harness.log.requests.count == 2, "and its request never reaches the API")
        #expect(harness.server.openConnections == 2)

        // The two under the cap keep their connections.
        #expect(Self.get(first, harness) == 200)
        #expect(Self.get(second, harness) == 200)
    }

    @Test func aClosedConnectionGivesItsSlotBack() throws {
        var limits = APIServerLimits()
        limits.maxConnections = 1
        let harness = try Harness(watches: [], limits: limits)
        var first: RawHTTPConnection? = try RawHTTPConnection(port: harness.port)
        #expect(Self.get(first!, harness) == 200)
        first = nil  // closes the socket
        #expect(harness.drain { harness.server.openConnections == 0 })
        let next = try RawHTTPConnection(port: harness.port)
        #expect(Self.get(next, harness) == 200)
    }

    @Test func theCapIsFittedUnderTheOpenFileLimit() {
        let limits = APIServerLimits()
        #expect(limits.maxConnections == 4096)
        #expect(limits.fitting(openFiles: 1_048_576).maxConnections == 4096)
        #expect(limits.fitting(openFiles: 1024).maxConnections == 960)
        #expect(limits.fitting(openFiles: 10).maxConnections == 1)
        #expect(limits.fitting(openFiles: 1024).maxConcurrentWatches == 1000)
    }
}
