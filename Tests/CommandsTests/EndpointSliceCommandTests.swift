import Testing
@testable import Cluster
@testable import Commands

/// `get endpointslices`, `get endpoints|ep` with v1.33's deprecation warning, describe, and the
/// `Endpoints:` line of `describe service`.
@Suite struct EndpointSliceCommandTests {
    static let warning = "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n"

    /// Two Ready nginx pods behind service `web` (80 → 8080).
    static func exposedShell(replicas: Int = 2) -> Shell {
        let shell = Shell(seed: 3, nodes: 2)
        shell.run("create deployment web --image=nginx --replicas=\(replicas) --port=8080")
        shell.advance(10)
        shell.run("expose deployment web --port=80 --target-port=8080")
        shell.advance(5)
        return shell
    }

    func ips(_ shell: Shell) -> [String] {
        shell.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"])).map(\.status.podIP)
    }

    func words(_ line: Substring) -> [String] { line.split(separator: " ").map(String.init) }

    /// The words of the table row whose name starts with `prefix` (the `kubernetes` service's
    /// own endpoints sort first in `default`).
    func row(_ table: String, _ prefix: String) -> [String] {
        table.split(separator: "\n").dropFirst().first { $0.hasPrefix(prefix) }.map(words) ?? []
    }

    @Test func getEndpointSlicesPrintsKubectlsColumns() throws {
        let shell = Self.exposedShell()
        let slice = try #require(shell.cluster.store.endpointSlices(ofService: "web", namespace: "default").first)
        let lines = shell.out("get endpointslices").split(separator: "\n")
        #expect(words(lines[0]) == ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"])
        // Endpoints in the slice's order.
        let addresses = slice.endpoints.map { $0.addresses[0] }
        #expect(Set(addresses) == Set(ips(shell)))
        #expect(row(String(shell.out("get endpointslices")), slice.name) == [slice.name, "IPv4", "8080", addresses.joined(separator: ","), "5s"])
        // The API server's own slice for the `kubernetes` service, on its secure port.
        #expect(words(lines[1]).prefix(4) == ["kubernetes", "IPv4", "6443", "192.168.49.2"])
        #expect(shell.out("get endpointslice.discovery.k8s.io \(slice.name)") == shell.out("get endpointslices \(slice.name)"))

        // More than three endpoints: the first three and a count.
        shell.run("scale deployment web --replicas=5")
        shell.advance(10)
        let five = try #require(shell.cluster.store.endpointSlices(ofService: "web", namespace: "default").first).endpoints.map { $0.addresses[0] }
        #expect(five.count == 5)
        let fiveRow = row(shell.out("get endpointslices"), slice.name)
        #expect(Array(fiveRow[3...6]) == [five.prefix(3).joined(separator: ","), "+", "2", "more..."])
    }

    @Test func aServiceWithoutPodsHasAnUnsetPlaceholderAndNoEndpoints() throws {
        let shell = Shell(seed: 3, nodes: 1)
        shell.run("create service clusterip lonely --tcp=80:8080")
        shell.advance(1)
        let lonely = row(shell.out("get endpointslices"), "lonely-")
        #expect(lonely.first?.hasPrefix("lonely-") == true && lonely.dropFirst() == ["IPv4", "<unset>", "<unset>", "1s"])
        let ep = shell.run("get ep")
        #expect(ep.stderr == Self.warning)
        #expect(ep.stdout == """
            NAME         ENDPOINTS           AGE
            kubernetes   192.168.49.2:6443   1s
            lonely       <none>              1s

            """)
    }

    @Test func getEndpointsWarnsAndListsReadyAddressesWithPorts() throws {
        let shell = Self.exposedShell(replicas: 4)
        let result = shell.run("get endpoints")
        #expect(result.stderr == Self.warning)
        let ready = try #require(shell.cluster.store.get(Endpoints.self, "web", namespace: "default")).subsets[0].addresses.map(\.ip)
        #expect(ready == ips(shell).sorted())
        let lines = result.stdout.split(separator: "\n")
        #expect(words(lines[0]) == ["NAME", "ENDPOINTS", "AGE"])
        #expect(words(lines[1]).prefix(2) == ["kubernetes", "192.168.49.2:6443"])
        #expect(row(result.stdout, "web") == ["web", ready.prefix(3).map { "\($0):8080" }.joined(separator: ","), "+", "1", "more...", "5s"])
        // The short name, a named object, and YAML all warn the same way.
        #expect(shell.run("get ep web").stderr == Self.warning)
        let yaml = shell.run("get ep web -o yaml")
        #expect(yaml.stderr == Self.warning)
        #expect(yaml.stdout.contains("kind: Endpoints\n"))
        #expect(yaml.stdout.contains("subsets:\n- addresses:\n  - ip: \(ready[0])\n    nodeName: "))
        #expect(!yaml.stdout.contains("generation:"))
        #expect(shell.run("get pods").stderr == "")
        // Deleted by hand, the controllers put them back at once.
        let slice = try #require(shell.cluster.store.endpointSlices(ofService: "web", namespace: "default").first)
        let deleted = shell.run("delete ep web --wait=false")
        #expect(deleted.stderr == Self.warning && deleted.stdout == "endpoints \"web\" deleted\n")
        #expect(shell.run("delete endpointslice \(slice.name)").stderr == "")
        shell.advance(0)
        #expect(shell.cluster.store.get(Endpoints.self, "web", namespace: "default")?.subsets[0].addresses.map(\.ip) == ready)
        let recreated = shell.cluster.store.endpointSlices(ofService: "web", namespace: "default")
        #expect(recreated.count == 1 && recreated[0].name != slice.name && recreated[0].endpoints.count == 4)
    }

    @Test func aNotReadyPodIsANotReadyAddress() throws {
        let shell = Self.exposedShell()
        let pod = try #require(shell.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"])).first)
        // The kubelet's readiness report flips to false (as a failing readiness probe would).
        try shell.cluster.store.modify(Pod.self, pod.name, namespace: "default") { p in
            if let i = p.status.conditions.firstIndex(where: { $0.type == "Ready" }) { p.status.conditions[i].status = "False" }
        }
        shell.advance(0)
        let ep = try #require(shell.cluster.store.get(Endpoints.self, "web", namespace: "default"))
        #expect(ep.subsets[0].notReadyAddresses.map(\.ip) == [pod.status.podIP])
        let described = shell.run("describe endpoints web")
        #expect(described.stderr == Self.warning)
        let describe = described.stdout
        #expect(describe.contains("NotReadyAddresses:  \(pod.status.podIP)\n"))
        let slice = try #require(shell.cluster.store.endpointSlices(ofService: "web", namespace: "default").first)
        let text = shell.out("describe endpointslice \(slice.name)")
        #expect(text.contains("AddressType:  IPv4\n"))
        #expect(text.contains("  Name     Port  Protocol\n  ----     ----  --------\n  <unset>  8080  TCP\n"))
        #expect(text.contains("  - Addresses:  \(pod.status.podIP)\n    Conditions:\n      Ready:    false\n    Hostname:   <unset>\n    TargetRef:  Pod/\(pod.name)\n"))
        #expect(text.wholeMatch(of: /(?s).*\nEvents: +<none>\n/) != nil)
    }

    @Test func describeServiceListsReadyEndpoints() throws {
        let shell = Self.exposedShell()
        let expected = try #require(shell.cluster.store.endpointSlices(ofService: "web", namespace: "default").first)
            .endpoints.map { "\($0.addresses[0]):8080" }.joined(separator: ",")
        #expect(shell.out("describe service web").contains("\nEndpoints:                \(expected)\n"))
        // The kubernetes service's, which the API server keeps: its own address.
        #expect(shell.out("describe service kubernetes").contains("\nEndpoints:                192.168.49.2:6443\n"))
    }

    @Test func endpointSlicesEncodeAsTheAPIServerReturnsThem() throws {
        let shell = Self.exposedShell()
        let slice = try #require(shell.cluster.store.endpointSlices(ofService: "web", namespace: "default").first)
        let yaml = shell.out("get endpointslice \(slice.name) -o yaml")
        #expect(yaml.hasPrefix("addressType: IPv4\napiVersion: discovery.k8s.io/v1\nendpoints:\n- addresses:\n  - \(slice.endpoints[0].addresses[0])\n  conditions:\n    ready: true\n    serving: true\n    terminating: false\n  nodeName: "))
        #expect(yaml.contains("  targetRef:\n    kind: Pod\n    name: \(slice.endpoints[0].targetRef!.name)\n    namespace: default\n    uid: "))
        #expect(yaml.contains("  generateName: web-\n"))
        #expect(yaml.contains("    endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io\n    kubernetes.io/service-name: web\n"))
        #expect(yaml.contains("  ownerReferences:\n  - apiVersion: v1\n    blockOwnerDeletion: true\n    controller: true\n    kind: Service\n    name: web\n"))
        #expect(yaml.hasSuffix("ports:\n- name: \"\"\n  port: 8080\n  protocol: TCP\n"))
    }
}
