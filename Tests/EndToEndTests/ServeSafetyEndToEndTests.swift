import APIServer
import Foundation
import KubesimTestSupport
import Testing

/// `kubesim serve` against clients that misbehave: slow ones are cut off by the timeouts while
/// others are served, and a thousand watches or bursts of 10,000 requests come and go without
/// the server growing.
@Suite struct ServeSafetyEndToEndTests {
    /// A client that sends its request one byte per turn and never finishes it.
    struct SlowClient {
        let connection: RawHTTPConnection
        let bytes: [UInt8]
        var sent = 0

        /// Sends the next byte; false once the server has stopped taking them.
        mutating func sendNext() -> Bool {
            guard sent < bytes.count else { return true }
            sent += 1
            return connection.send([bytes[sent - 1]])
        }
    }

    /// Headers that never end: each prefix is valid HTTP, so only a timeout can stop it.
    static let endlessHead = Array(("GET /api/v1/pods HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + String(repeating: "a", count: 400)).utf8)

    @Test func slowClientsAreCutOffByTheTimeoutsWhileOthersAreServed() throws {
        let server = try KubesimServer(arguments: ["--idle-timeout", "2", "--read-timeout", "2"], kubectl: nil)
        var slow: [SlowClient] = []
        for _ in 0..<10 {
            // A slow head: cut off by the idle timeout (no request has begun).
            slow.append(SlowClient(connection: try RawHTTPConnection(port: server.port), bytes: Self.endlessHead))
            // A full head, then a body that trickles: cut off by the read timeout.
            let body = try RawHTTPConnection(port: server.port)
            body.send("POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n")
            slow.append(SlowClient(connection: body, bytes: Array(repeating: UInt8(ascii: " "), count: 400)))
        }
        let deadline = Date(timeIntervalSinceNow: 30)
        var turns = 0
        while !slow.isEmpty && Date() < deadline {
            for index in slow.indices { _ = slow[index].sendNext() }
            // Meanwhile everyone else is served.
            #expect(try server.http("GET", "/healthz").bodyText == "ok")
            // The pace: a byte every half second, unless the server hangs up first.
            _ = slow[0].connection.waitForPeerClose(within: 0.5)
            slow.removeAll { $0.connection.waitForPeerClose(within: 0) }
            turns += 1
        }
        #expect(slow.isEmpty, "\(slow.count) slow clients still connected after \(turns) turns")
        #expect(turns < Self.endlessHead.count, "cut off before their requests could end")
        #expect(try server.http("GET", "/healthz").bodyText == "ok")
    }

    @Test func theTimeoutOptionsAreHiddenAndChecked() throws {
        let binary = try HeadlessBinaryTests.binary().path
        let help = try ProcessRunner.run(binary, ["serve", "--help"])
        #expect(help.status == 0)
        #expect(!help.stdout.contains("--idle-timeout") && !help.stdout.contains("--read-timeout"), "\(help.stdout)")
        for (option, value) in [("--idle-timeout", "0"), ("--read-timeout", "-3"), ("--idle-timeout", "86401")] {
            let refused = try ProcessRunner.run(binary, ["serve", "--listen", "127.0.0.1:0", "\(option)=\(value)"], timeout: 30)
            #expect(refused.status == 64, "\(option) \(value): \(refused)")
            #expect(refused.stderr.hasPrefix("Error: \(option) must be a whole number of seconds from 1 to 86400\n"), "\(refused.stderr)")
        }
        let word = try ProcessRunner.run(binary, ["serve", "--listen", "127.0.0.1:0", "--read-timeout", "soon"], timeout: 30)
        #expect(word.status == 64)
        #expect(word.stderr.contains("'soon'") && word.stderr.contains("--read-timeout"), "\(word.stderr)")
    }

    /// The watches a round opens: the API's whole allowance.
    static let watchCount = 1000

    @Test func aThousandWatchesOpenAndCloseWithoutGrowingTheServer() throws {
        // A thousand sockets here and a thousand in the server (which raises its own limit).
        let needed = Self.watchCount + 200
        let openFiles = OpenFileLimit.raiseToHardLimit()
        guard openFiles >= needed else {
            print("note: the open-file limit is \(openFiles), under the \(needed) a thousand watches need: skipping the test")
            return
        }
        let server = try KubesimServer(kubectl: nil)
        var residentKiB: [Int] = []
        for round in 1...3 {
            let watches = try Self.openWatches(Self.watchCount, port: server.port)
            #expect(watches.count == Self.watchCount, "round \(round)")
            try withExtendedLifetime(watches) {
                // One more is refused: the round's watches are all that are open, the last round's are gone.
                let refused = try RawHTTPConnection(port: server.port)
                refused.send("GET /api/v1/pods?watch=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                #expect(refused.readResponse()?.status == 429, "round \(round)")
                residentKiB.append(try Self.residentKiB(of: server.process.processIdentifier))
            }
        }
        let growthKiB = residentKiB[2] - residentKiB[1]
        #expect(growthKiB < 2 * 1024, "resident KiB with 1,000 watches open, rounds 1–3: \(residentKiB)")
        #expect(try server.http("GET", "/healthz").bodyText == "ok")
    }

    @Test func burstsOfTenThousandRequestsAreAllAnsweredWithinAMemoryBound() throws {
        let server = try KubesimServer(kubectl: nil)
        let pid = server.process.processIdentifier
        #expect(try server.http("GET", "/api/v1/namespaces/default/pods").status == 200)
        var residentKiB = [try Self.residentKiB(of: pid)]
        for burst in 1...2 {
            #expect(try Self.burst(port: server.port) == 10_000, "burst \(burst)")
            residentKiB.append(try Self.residentKiB(of: pid))
        }
        // The first burst warms the allocator up; the second finds it ready.
        #expect(residentKiB[1] - residentKiB[0] < 16 * 1024, "resident KiB before and after each burst: \(residentKiB)")
        #expect(residentKiB[2] - residentKiB[1] < 4 * 1024, "resident KiB before and after each burst: \(residentKiB)")
        #expect(try server.http("GET", "/healthz").bodyText == "ok")
    }

    /// 100 connections, each sending its 100 requests at once (pipelined) before reading its
    /// answers; returns how many were answered 200.
    static func burst(port: Int) throws -> Int {
        let connections = try (0..<100).map { _ in try RawHTTPConnection(port: port) }
        let request = "GET /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        for connection in connections { connection.send(String(repeating: request, count: 100)) }
        return connections.reduce(0) { answered, connection in
            let statuses = statuses(of: 100, from: connection)
            #expect(statuses.allSatisfy { $0 == 200 }, "\(Set(statuses))")
            return answered + statuses.filter { $0 == 200 }.count
        }
    }

    /// The statuses of the next `count` responses on `connection` (each with a Content-Length).
    static func statuses(of count: Int, from connection: RawHTTPConnection) -> [Int] {
        var statuses: [Int] = []
        var bytes: [UInt8] = []
        var start = 0
        let separator = Array("\r\n\r\n".utf8)
        while statuses.count < count {
            // The next whole response in `bytes` from `start`, or more bytes first.
            if let end = bytes[start...].firstRange(of: separator)?.lowerBound {
                let head = String(decoding: bytes[start..<end], as: UTF8.self)
                let lines = head.components(separatedBy: "\r\n")
                let length = lines.dropFirst().first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
                if let length, bytes.count >= end + 4 + length {
                    statuses.append(lines[0].split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0)
                    start = end + 4 + length
                    continue
                }
                if length == nil { return statuses + [0] }  // not a response this reader can frame
            }
            let more = connection.read { !$0.isEmpty }
            if more.isEmpty { break }
            bytes += more
        }
        return statuses
    }

    /// Opens `count` pod watches, each on its own connection, once its answer's head has come.
    /// They go in batches of 100 sent at once, so the server takes them together. A 429 means
    /// the last round's watches are not all released yet: that one is tried again (a bounded poll).
    static func openWatches(_ count: Int, port: Int) throws -> [RawHTTPConnection] {
        var open: [RawHTTPConnection] = []
        let deadline = Date(timeIntervalSinceNow: 120)
        while open.count < count && Date() < deadline {
            let batch = try (0..<min(100, count - open.count)).map { _ in try RawHTTPConnection(port: port) }
            for connection in batch { connection.send("GET /api/v1/pods?watch=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") }
            var refused = false
            for connection in batch {
                let head = String(decoding: connection.read { $0.count >= 12 }.prefix(12), as: UTF8.self)
                switch head {
                case "HTTP/1.1 200": open.append(connection)
                case "HTTP/1.1 429": refused = true
                default: throw RawHTTPError("watch \(open.count + 1) was answered \(head)")
                }
            }
            if refused { Thread.sleep(forTimeInterval: 0.01) }
        }
        return open
    }

    /// The server's resident memory (VmRSS in /proc/PID/status).
    static func residentKiB(of pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = line.split(separator: " ").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }).first else {
            throw RawHTTPError("no VmRSS in /proc/\(pid)/status")
        }
        return kib
    }
}
