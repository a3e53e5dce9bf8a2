import Foundation
import Testing

/// The real kubectl 1.33 reads EndpointSlices and v1 Endpoints from `kubesim serve`: the tables
/// it prints, the deprecation warning it prints for Endpoints, and describe service's endpoints.
@Suite struct EndpointSliceEndToEndTests {
    static let scenario = """
        description: A deployment behind a service.
        steps:
          - run: kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80
          - run: kubectl expose deployment web --port=80
          - wait: {for: "deployment/web available", timeout: 120s}

        """

    @Test func kubectlGetsEndpointSlicesAndWarnsAboutEndpoints() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-slices-e2e-\(UUID().uuidString).yaml")
        try Self.scenario.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "5", "--scenario", file.path, "--speed", "50"]) else { return }
        var ready: [String] = []
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline {
            let pods = try server.kubectl(["get", "pods", "-l", "app=web", "-o", "jsonpath={range .items[*]}{.status.podIP} {.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}"])
            ready = pods.stdout.split(separator: "\n").filter { $0.hasSuffix(" True") }.map { String($0.split(separator: " ")[0]) }
            if ready.count == 3 { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(ready.count == 3)
        Thread.sleep(forTimeInterval: 0.5)

        let slices = try server.kubectl(["get", "endpointslices"])
        #expect(slices.status == 0, "\(slices)")
        #expect(slices.stderr == "")
        let lines = slices.stdout.split(separator: "\n")
        #expect(lines.first?.split(separator: " ") == ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"])
        let row = try #require(lines.dropFirst().first { $0.hasPrefix("web-") }).split(separator: " ").map(String.init)
        #expect(row[1] == "IPv4" && row[2] == "80")
        #expect(Set(row[3].split(separator: ",").map(String.init)) == Set(ready))

        let ep = try server.kubectl(["get", "ep", "web"])
        #expect(ep.status == 0, "\(ep)")
        #expect(ep.stderr == "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n")
        let epRow = try #require(ep.stdout.split(separator: "\n").last).split(separator: " ").map(String.init)
        #expect(epRow[0] == "web" && epRow[1] == ready.sorted().map { "\($0):80" }.joined(separator: ","))

        let describe = try server.kubectl(["describe", "service", "web"])
        #expect(describe.status == 0, "\(describe)")
        let endpointsLine = try #require(describe.stdout.split(separator: "\n").first { $0.hasPrefix("Endpoints:") })
        let described = endpointsLine.split(separator: " ").last.map { Set($0.split(separator: ",").map(String.init)) }
        #expect(described == Set(ready.map { "\($0):80" }))

        let slice = try server.kubectl(["describe", "endpointslice", row[0]])
        #expect(slice.status == 0, "\(slice)")
        #expect(slice.stdout.contains("AddressType:  IPv4\n"))
        #expect(slice.stdout.components(separatedBy: "Ready:    true").count == 4, "\(slice.stdout)")
        let describedEp = try server.kubectl(["describe", "ep", "web"])
        #expect(describedEp.status == 0, "\(describedEp)")
        #expect(describedEp.stderr.contains("Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n"))
        #expect(describedEp.stdout.contains("Addresses:          \(ready.sorted().joined(separator: ","))\n"), "\(describedEp.stdout)")
    }
}
