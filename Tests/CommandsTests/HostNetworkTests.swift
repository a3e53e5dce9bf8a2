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

    /// A host port is the node's: in the node's network a container port is one (defaulted, and
    /// must match); the scheduler places at most one such pod a node and says why the rest wait.
    @Test func hostPortsAreTheNodesAndTheSchedulerKeepsThemApart() throws {
        let shell = Shell(seed: 4)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-hostports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func apply(_ name: String, _ text: String) -> CommandOutput {
            let file = folder.appendingPathComponent(name)
            try? text.write(to: file, atomically: true, encoding: .utf8)
            return shell.run("apply -f \(file.path)")
        }
        let agents = apply("agents.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: agent}
            spec:
              replicas: 5
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  hostNetwork: true
                  containers:
                  - name: agent
                    image: nginx:1.27
                    ports: [{containerPort: 80}]
            """)
        #expect(agents.stdout == "deployment.apps/agent created\n", "\(agents.stderr)")
        #expect(shell.out("get deploy agent -o jsonpath={.spec.template.spec.containers[0].ports[0].hostPort}") == "80")
        shell.advance(30)
        let rows = shell.rows("get pods -l app=agent -o wide")
        let running = rows.filter { $0["STATUS"] == "Running" }
        #expect(running.count == 3)
        #expect(Set(running.map { $0["NODE"]! }).count == 3)
        let pending = rows.filter { $0["STATUS"] == "Pending" }
        #expect(pending.count == 2)
        let waiting = try #require(pending.first?["NAME"])
        #expect(shell.out("describe pod \(waiting)").contains(
            "0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."))
        // A port is freed when its pod goes: a waiting pod takes the node.
        shell.run("scale deployment agent --replicas=3")
        shell.advance(60)
        #expect(shell.rows("get pods -l app=agent").filter { $0["STATUS"] == "Running" }.count == 3)

        // Outside the node's network a host port is kept as given and shown by describe.
        let mapped = apply("mapped.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: mapped}
            spec:
              containers:
              - {name: web, image: nginx:1.27, ports: [{containerPort: 8080, hostPort: 9090}]}
            """)
        #expect(mapped.stdout == "pod/mapped created\n", "\(mapped.stderr)")
        #expect(shell.out("describe pod mapped").contains("    Host Port:    9090/TCP\n"))
        let wrong = apply("wrong.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: wrong}
            spec:
              hostNetwork: true
              containers:
              - {name: web, image: nginx:1.27, ports: [{containerPort: 8080, hostPort: 9090}, {containerPort: 81, hostPort: 70000}]}
            """)
        #expect(wrong.stderr.contains("spec.containers[0].ports[0].containerPort: Invalid value: 8080: must match `hostPort` when `hostNetwork` is true"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("spec.containers[0].ports[1].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive"), "\(wrong.stderr)")
    }

}
