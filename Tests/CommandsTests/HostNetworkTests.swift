import Foundation
import Testing
@testable import Cluster
@testable import Commands

/// `spec.hostNetwork`: a pod in its node's network has the node's IP and takes none of the
/// node's pod range, as kube-proxy's pods on a kubeadm cluster show in `get pods -o wide`.
@Suite struct HostNetworkTests {
    /// Each node's InternalIP, by name.
    static func nodeIPs(_ shell: Shell) -> [String: String] {
        Dictionary(uniqueKeysWithValues: shell.rows("get nodes -o wide").map { ($0["NAME"]!, $0["INTERNAL-IP"]!) })
    }

    @Test func kubeProxyRunsInItsNodesNetworkAndLeavesThePodRangeToOtherPods() throws {
        let shell = Shell(seed: 2)
        try SystemComponents.install(into: shell.cluster)
        shell.advance(20)
        #expect(shell.out("get ds kube-proxy -n kube-system -o jsonpath={.spec.template.spec.hostNetwork}") == "true")
        let nodes = Self.nodeIPs(shell)
        let proxies = shell.rows("get pods -n kube-system -o wide").filter { $0["NAME"]!.hasPrefix("kube-proxy-") }
        #expect(proxies.count == 3)
        for proxy in proxies {
            #expect(proxy["IP"] == nodes[proxy["NODE"]!], "\(proxy)")
        }
        // The first pod a node starts from its range has the range's first address (.2).
        shell.run("create deployment web --image=nginx:1.27 --replicas=3")
        shell.advance(20)
        let pods = shell.rows("get pods -o wide") + shell.rows("get pods -n kube-system -o wide").filter { $0["NAME"]!.hasPrefix("coredns-") }
        let firsts = Dictionary(grouping: pods, by: { $0["NODE"]! }).mapValues { $0.compactMap { $0["IP"] }.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }.first }
        for (node, first) in firsts {
            #expect(first?.hasPrefix("10.244.") == true && first?.hasSuffix(".2") == true, "\(node): \(first ?? "none")")
        }
    }

    @Test func aManifestsHostNetworkIsKeptAndGivesThePodItsNodesIP() throws {
        let shell = Shell(seed: 3)
        let manifest = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-hostnetwork-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: manifest) }
        try """
        apiVersion: v1
        kind: Pod
        metadata:
          name: agent
        spec:
          hostNetwork: true
          containers:
          - name: agent
            image: nginx:1.27
        """.write(to: manifest, atomically: true, encoding: .utf8)
        let applied = shell.run("apply -f \(manifest.path)")
        #expect(applied.stdout == "pod/agent created\n", "\(applied.stderr)")
        shell.run("create deployment plain --image=nginx:1.27")
        shell.advance(20)
        let agent = try #require(shell.rows("get pod agent -o wide").first)
        #expect(agent["IP"] == Self.nodeIPs(shell)[agent["NODE"]!])
        #expect(shell.out("get pod agent -o jsonpath={.spec.hostNetwork}") == "true")
        #expect(shell.out("get pod agent -o yaml").contains("  hostNetwork: true\n"))
        // A pod left in the pod network says nothing about it, as the API server omits false.
        let plain = try #require(shell.names("get pods -l app=plain").first)
        #expect(!shell.out("get pod \(plain) -o json").contains("hostNetwork"))
        #expect(shell.out("get pod \(plain) -o jsonpath={.status.podIP}").hasPrefix("10.244."))
    }
}
