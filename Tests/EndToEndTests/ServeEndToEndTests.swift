import Foundation
import KubesimTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `kubesim serve` as a user starts it, driven by the real kubectl and by raw HTTP.
@Suite struct ServeEndToEndTests {
    @Test func realKubectlSeesAKubernetes133Server() throws {
        guard let server = try KubesimServer.startForTest() else { return }
        let version = try server.kubectl(["version"])
        #expect(version.status == 0, "\(version)")
        #expect(version.stdout.contains("Server Version: v1.33.1\n"), "\(version)")
        let health = try server.kubectl(["get", "--raw", "/healthz"])
        #expect(health.status == 0, "\(health)")
        #expect(health.stdout == "ok")
    }

    /// Clients compute ages from timestamps against their own clock (`kubectl events`, describe,
    /// informers): a served cluster's timestamps are real ones, not the fixed rehearsal date.
    @Test func timestampsAreTheWallClocks() throws {
        let server = try KubesimServer(kubectl: nil)
        let response = try server.http("GET", "/api/v1/namespaces/default")
        let stamp = try #require(response.bodyText.firstMatch(of: /"creationTimestamp":"([0-9TZ:-]+)"/)?.1)
        let formatter = ISO8601DateFormatter()
        let created = try #require(formatter.date(from: String(stamp)), "\(stamp)")
        #expect(abs(created.timeIntervalSinceNow) < 120, "creationTimestamp \(stamp)")
    }

    @Test func itPrintsWhereItIsAndWritesAKubeconfigForIt() throws {
        let server = try KubesimServer(kubectl: nil)
        #expect(server.stdout.hasPrefix("Serving the Kubernetes API on http://127.0.0.1:\(server.port)\n"))
        #expect(server.stdout.contains("  export KUBECONFIG=\(server.kubeconfig.path)\n"))
        #expect(!server.stdout.contains("warning"))
        let kubeconfig = try String(contentsOf: server.kubeconfig, encoding: .utf8)
        #expect(kubeconfig.contains("    server: http://127.0.0.1:\(server.port)\n"))
        #expect(kubeconfig.contains("current-context: kubesim\n"))
        #expect(kubeconfig.contains("- name: kubesim\n  user: {}\n"))
    }

    @Test func anExistingKubeconfigKeepsItsOtherClusters() throws {
        let existing = """
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                server: https://prod.example.com
              name: prod
            contexts:
            - context:
                cluster: prod
                user: admin
              name: prod
            current-context: prod
            users:
            - name: admin
              user:
                token: secret
            """
        let server = try KubesimServer(kubectl: nil, existingKubeconfig: existing)
        let merged = try String(contentsOf: server.kubeconfig, encoding: .utf8)
        #expect(merged.contains("server: https://prod.example.com"))
        #expect(merged.contains("token: secret"))
        #expect(merged.contains("server: http://127.0.0.1:\(server.port)"))
        #expect(merged.contains("current-context: kubesim\n"))
    }

    @Test func aScenarioPlaysToTheEndWhileServing() throws {
        let server = try KubesimServer(arguments: ["--scenario", "drain", "--speed", "16"], kubectl: nil)
        let deadline = Date(timeIntervalSinceNow: 120)
        while !server.stdout.contains("node/node-1 drained") && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(server.stdout.contains("$ kubectl drain node-1"), "\(server.stdout)")
        #expect(server.stdout.contains("node/node-1 drained"), "\(server.stdout)")
        #expect(try server.http("GET", "/healthz").bodyText == "ok", "still serving after the scenario")
    }

    @Test func aBusyPortIsAClearErrorAndExitsOne() throws {
        let first = try KubesimServer(kubectl: nil)
        let kubeconfig = first.folder.appendingPathComponent("second").path
        let second = try ProcessRunner.run(try HeadlessBinaryTests.binary().path,
                                           ["serve", "--listen", "127.0.0.1:\(first.port)", "--kubeconfig", kubeconfig], timeout: 60)
        #expect(second.status == 1)
        #expect(second.stderr == "error: listen tcp 127.0.0.1:\(first.port): bind: address already in use\n")
        #expect(second.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: kubeconfig))
    }

    @Test func aBodyOver3MiBGets413() throws {
        let server = try KubesimServer(kubectl: nil)
        let connection = try RawHTTPConnection(port: server.port)
        let body = [UInt8](repeating: UInt8(ascii: " "), count: 4 * 1024 * 1024)
        connection.send("POST /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n")
        connection.send(body)
        let response = try #require(connection.readResponse())
        #expect(response.status == 413)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.bodyText.contains("\"message\":\"Request entity too large: limit is 3145728\""))
        #expect(response.bodyText.contains("\"code\":413"))
    }

    @Test func keepAliveAndMalformedRequests() throws {
        let server = try KubesimServer(kubectl: nil)
        let connection = try RawHTTPConnection(port: server.port)
        for _ in 0..<2 {
            connection.send("GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let response = try #require(connection.readResponse())
            #expect(response.status == 200)
            #expect(response.bodyText.contains("\"gitVersion\":\"v1.33.1\""))
        }
        let garbage = try RawHTTPConnection(port: server.port)
        garbage.send("GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n")
        let response = try #require(garbage.readResponse())
        #expect(response.status == 400)
        #expect(response.bodyText.contains("\"reason\":\"BadRequest\""))
    }

    @Test func sigtermStopsItCleanlyAndReleasesThePort() throws {
        let server = try KubesimServer(kubectl: nil)
        let port = server.port
        // A connection left open must not keep it from stopping.
        let idle = try RawHTTPConnection(port: port)
        idle.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(idle.readResponse()?.bodyText == "ok")
        #expect(server.stop() == 143)
        #expect(idle.peerClosed())
        #expect(throws: (any Error).self) { try RawHTTPConnection(port: port) }
        // The port is free again: a new server takes it.
        let successor = try KubesimServerOnPort(port: port)
        #expect(successor.started)
    }

    @Test func kubeconfigCommandPrintsTheExportLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = try HeadlessBinaryTests.binary().path
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = folder.path
        let line = try ProcessRunner.run(binary, ["kubeconfig"], environment: environment)
        #expect(line.status == 0)
        #expect(line.stdout == "export KUBECONFIG=\(folder.path)/kubesim/kubeconfig\n")
        let view = try ProcessRunner.run(binary, ["kubeconfig", "--view"], environment: environment)
        #expect(view.status == 1)
        #expect(view.stderr == "error: no kubeconfig at \(folder.path)/kubesim/kubeconfig yet: start `kubesim serve` first\n")
        let named = try ProcessRunner.run(binary, ["kubeconfig", "--kubeconfig", "/tmp/it's here"], environment: environment)
        #expect(named.stdout == "export KUBECONFIG='/tmp/it'\\''s here'\n")
    }

    @Test func sigintIsANormalStop() throws {
        let server = try KubesimServer(kubectl: nil)
        kill(server.process.processIdentifier, SIGINT)
        server.process.waitUntilExit()
        #expect(server.exitStatus == 0)
        #expect(server.stderr.isEmpty)
    }
}

/// `kubesim serve` on a given port: whether it started (the port was free).
struct KubesimServerOnPort {
    let started: Bool

    init(port: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-port-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = try HeadlessBinaryTests.binary()
        process.arguments = ["serve", "--listen", "127.0.0.1:\(port)", "--kubeconfig", folder.appendingPathComponent("kubeconfig").path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line says whether it listens; reading it waits for it (or the exit on error).
        let line = out.fileHandleForReading.availableLine()
        started = line.hasPrefix("Serving the Kubernetes API on http://127.0.0.1:\(port)")
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

extension FileHandle {
    /// Reads up to the first newline or the end of the stream.
    func availableLine() -> String {
        var bytes: [UInt8] = []
        while true {
            let data = readData(ofLength: 1)
            guard let byte = data.first else { break }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
