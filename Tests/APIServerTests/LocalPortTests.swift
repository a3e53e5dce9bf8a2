import APIServer
import Cluster
import Commands
import Foundation
import KubesimTestSupport
import Testing

/// `sim serve` and `kubectl port-forward` on real loopback ports, driven by a real HTTP client
/// while the virtual clock advances on the test thread.
@Suite struct LocalPortTests {
    /// A deployment `web` of `replicas` pods listening on 8080, Ready, behind service `web` (80 → 8080).
    static func webCluster(replicas: Int = 3) -> LocalPortsHarness {
        let harness = LocalPortsHarness()
        harness.run("create deployment web --image=nginx --replicas=\(replicas) --port=8080")
        harness.run("expose deployment web --port=80 --target-port=8080")
        harness.drive(until: { harness.readyPods(app: "web").count == replicas }, step: .seconds(1))
        return harness
    }

    static func serve(_ harness: LocalPortsHarness) throws -> Int {
        let output = harness.run("sim serve service/web --port 0")
        #expect(!output.failed, "\(output.stderr)")
        return try #require(LocalPortsHarness.port(after: "on http://127.0.0.1:", in: output.stdout))
    }

    @Test func simServeAnswersFromEveryReadyPod() throws {
        let harness = Self.webCluster()
        defer { harness.stop() }
        let ready = harness.readyPods(app: "web")
        #expect(ready.count == 3)
        let port = try Self.serve(harness)
        let client = LoopingClient(port: port, limit: 60)
        #expect(harness.drive(until: { client.isFinished }, step: .milliseconds(50)))
        let results = client.all
        #expect(results.count == 60)
        #expect(results.allSatisfy { $0.status == 200 })
        // kube-proxy's random pick reaches every ready pod over 60 requests, and only those.
        #expect(Set(results.compactMap(\.podName)) == ready)
        // Each request is in the ledger and in the access log of the pod that served it.
        #expect(harness.cluster.traffic.totalRequests == 60)
        let logged = ready.map { harness.run("logs \($0)").stdout.split(separator: "\n").filter { $0.contains("\"GET / HTTP/1.1\" 200") }.count }
        #expect(logged.reduce(0, +) == 60)

        // `sim serve` alone lists what is served; `--stop` frees the port.
        #expect(harness.run("sim serve").stdout.contains("http://127.0.0.1:\(port)   default     web"))
        #expect(harness.run("sim serve --stop \(port)").stdout == "Stopped serving service/web on 127.0.0.1:\(port)\n")
        #expect(HTTPResult.get(port: port).status == nil)
        #expect(harness.run("sim serve").stdout == "Nothing is served. Start with: sim serve service/NAME --port PORT\n")
    }

    @Test func noFailedRequestWhileAPodIsKilledAndReplaced() throws {
        let harness = Self.webCluster()
        defer { harness.stop() }
        let port = try Self.serve(harness)
        let client = LoopingClient(port: port)
        defer { client.stop() }
        let before = harness.readyPods(app: "web")
        let victim = before.sorted()[0]
        // Time moves only as requests flow, so requests cover the whole kill and restart.
        var seen = 0
        func step(until condition: () -> Bool) -> Bool {
            harness.drive(until: {
                if condition() { return true }
                if client.count >= seen + 2 {
                    seen = client.count
                    harness.cluster.advance(by: .milliseconds(250))
                }
                return false
            }, step: .zero)
        }
        #expect(step(until: { client.count >= 10 }))
        let deletion = harness.session.execute("kubectl delete pod \(victim)")
        #expect(deletion.output.stdout == "pod \"\(victim)\" deleted\n")
        var replacement: String?
        #expect(step(until: {
            replacement = harness.readyPods(app: "web").subtracting(before).first
            return replacement != nil && harness.cluster.store.get(Pod.self, victim, namespace: "default") == nil
        }))
        let fresh = try #require(replacement)
        #expect(step(until: { client.all.contains { $0.podName == fresh } }))
        client.stop()
        #expect(harness.drive(until: { client.isFinished }, step: .zero))
        let results = client.all
        #expect(results.count > 20)
        #expect(results.filter { $0.status != 200 }.isEmpty)
        #expect(harness.cluster.traffic.totalErrors == 0)
    }

    @Test func simServeSays503WithoutEndpointsAnd502WhenThePodRefuses() throws {
        let harness = Self.webCluster(replicas: 1)
        defer { harness.stop() }
        let port = try Self.serve(harness)
        let pod = try #require(harness.readyPods(app: "web").first)
        // The pod's node stops answering: its endpoint stays ready until the node controller
        // notices, and the connection to the pod times out.
        let node = try #require(harness.cluster.store.get(Pod.self, pod, namespace: "default")).spec.nodeName
        #expect(!harness.run("sim fail \(node)").failed)
        let refused = HTTPResultBox()
        Thread.detachNewThread { refused.set(HTTPResult.get(port: port)) }
        #expect(harness.drive(until: { refused.value != nil }, step: .zero))
        #expect(refused.value?.status == 502)
        #expect(refused.value?.body.hasPrefix("dial tcp ") == true && refused.value?.body.hasSuffix(":8080: i/o timeout\n") == true)

        // Back up, then scaled to nothing: no endpoint is left to send a request to.
        #expect(!harness.run("sim recover \(node)").failed)
        harness.run("scale deployment web --replicas=0")
        #expect(harness.drive(until: { harness.cluster.endpoints(ofService: "web", namespace: "default").isEmpty }, step: .seconds(1)))
        let unrouted = HTTPResultBox()
        Thread.detachNewThread { unrouted.set(HTTPResult.get(port: port)) }
        #expect(harness.drive(until: { unrouted.value != nil }, step: .zero))
        #expect(unrouted.value?.status == 503)
        #expect(unrouted.value?.body == "no endpoints available for service \"web\"\n")
    }

    @Test func portForwardAnswersFromOnePodUntilItIsDeleted() throws {
        let harness = Self.webCluster()
        defer { harness.stop() }
        // A service port is forwarded to its target port in one pod the selector picks.
        let execution = harness.session.execute("kubectl port-forward service/web :80")
        let operation = try #require(execution.operation)
        let port = try #require(LocalPortsHarness.port(after: "Forwarding from 127.0.0.1:", in: execution.output.stdout))
        #expect(execution.output.stdout.hasPrefix("Forwarding from 127.0.0.1:\(port) -> 8080\n"))
        #expect(execution.output.stderr.isEmpty)
        var output = CommandOutput()
        let client = LoopingClient(port: port, limit: 12)
        #expect(harness.drive(until: { _ = operation.poll(harness.cluster, into: &output); return client.isFinished }, step: .milliseconds(50)))
        _ = operation.poll(harness.cluster, into: &output)
        let results = client.all
        #expect(results.allSatisfy { $0.status == 200 })
        let answering = Set(results.compactMap(\.podName))
        #expect(answering.count == 1)
        #expect(output.stdout.components(separatedBy: "Handling connection for \(port)\n").count - 1 == 12)

        let pod = try #require(answering.first)
        harness.run("delete pod \(pod) --wait=false")
        var ended = false
        #expect(harness.drive(until: {
            ended = operation.poll(harness.cluster, into: &output)
            return ended
        }, step: .milliseconds(500)))
        #expect(harness.cluster.store.get(Pod.self, pod, namespace: "default") == nil)
        #expect(output.failed)
        #expect(output.stderr == "error: lost connection to pod\n")
        // The listener closed with it.
        #expect(HTTPResult.get(port: port).status == nil)
        #expect(harness.session.localPorts?.openPorts == [])
    }

    @Test func portForwardToADeploymentPicksOneRunningPod() throws {
        let harness = Self.webCluster(replicas: 2)
        defer { harness.stop() }
        let execution = harness.session.execute("kubectl port-forward deployment/web 0:8080 --address 127.0.0.1")
        let operation = try #require(execution.operation)
        let port = try #require(LocalPortsHarness.port(after: "Forwarding from 127.0.0.1:", in: execution.output.stdout))
        #expect(execution.output.stdout == "Forwarding from 127.0.0.1:\(port) -> 8080\n")
        let box = HTTPResultBox()
        Thread.detachNewThread { box.set(HTTPResult.get(port: port)) }
        #expect(harness.drive(until: { box.value != nil }, step: .zero))
        #expect(box.value?.status == 200)
        #expect(harness.readyPods(app: "web").contains(box.value?.podName ?? ""))
        // Ctrl-C: the listener closes and nothing more is printed.
        (operation as? any RealTimeOperation)?.interrupt()
        var output = CommandOutput()
        #expect(operation.poll(harness.cluster, into: &output))
        #expect(!output.failed)
        #expect(HTTPResult.get(port: port).status == nil)
    }

    @Test func namedPortsResolveToTheContainersNumber() throws {
        let harness = LocalPortsHarness()
        defer { harness.stop() }
        let applied = ManifestApplier.apply(text: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, labels: {app: web}}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - {name: nginx, image: nginx:1.27, ports: [{name: http, containerPort: 8080}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: http}]
            """, file: "web.yaml", to: harness.cluster)
        #expect(!applied.failed, "\(applied.combined)")
        harness.drive(until: { harness.readyPods(app: "web").count == 1 }, step: .seconds(1))
        let pod = try #require(harness.readyPods(app: "web").first)
        // A pod's named port, and a service whose targetPort names the container's port.
        for target in ["pod/\(pod) 0:http", "svc/web 0:80"] {
            let execution = harness.session.execute("kubectl port-forward \(target) --address 127.0.0.1")
            let operation = try #require(execution.operation, "\(target): \(execution.output.stderr)")
            let port = try #require(LocalPortsHarness.port(after: "Forwarding from 127.0.0.1:", in: execution.output.stdout))
            #expect(execution.output.stdout == "Forwarding from 127.0.0.1:\(port) -> 8080\n", "\(target)")
            (operation as? any RealTimeOperation)?.interrupt()
            var output = CommandOutput()
            #expect(operation.poll(harness.cluster, into: &output))
        }
    }

    @Test func logsFollowRunsInRealTimeUntilTheContainerStops() throws {
        let harness = Self.webCluster(replicas: 1)
        defer { harness.stop() }
        let pod = try #require(harness.readyPods(app: "web").first)
        let uid = try #require(harness.cluster.store.get(Pod.self, pod, namespace: "default")).metadata.uid
        // The headless shell prints the tail at once, then each new line as the container
        // writes it; a crash ends the follow (the kubelet closes the stream).
        var chunks: [String] = []
        let output = harness.session.runToCompletion("logs -f \(pod) --tail 1") { chunk in
            chunks.append(chunk.stdout)
            if chunks.count == 1 {
                harness.cluster.logs.append("GET /live 200", podUID: uid, container: "nginx", at: harness.cluster.now)
            } else if chunks.count == 2 {
                harness.run("sim crash pod/\(pod)")
            }
        }
        #expect(!output.failed)
        #expect(chunks.count == 3)
        #expect(chunks.first?.split(separator: "\n").count == 1)
        #expect(chunks.dropFirst().first == "GET /live 200\n")
        #expect(chunks.last == "fatal: exiting with code 1\n")
    }

    @Test func aBusyPortIsAnErrorInKubectlsWords() throws {
        let harness = Self.webCluster(replicas: 1)
        defer { harness.stop() }
        let busy = try Self.serve(harness)
        let pod = try #require(harness.readyPods(app: "web").first)
        let output = harness.run("kubectl port-forward pod/\(pod) \(busy):8080 --address 127.0.0.1")
        #expect(output.failed)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr == """
            Unable to listen on port \(busy): Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:\(busy): bind: address already in use]
            error: unable to listen on any of the requested ports: [{\(busy) 8080}]

            """)
        #expect(harness.session.localPorts?.openPorts == [busy])
        // sim serve on a busy port says the same in Go's listen words.
        let again = harness.run("sim serve service/web --port \(busy)")
        #expect(again.stderr == "error: listen tcp4 127.0.0.1:\(busy): bind: address already in use\n")
    }

    @Test func aPodThatIsNotRunningCannotBeForwarded() throws {
        let harness = LocalPortsHarness()
        defer { harness.stop() }
        // An image that cannot be pulled keeps the pod Pending.
        #expect(!harness.run("sim image registry.example/missing:1 --missing").failed)
        harness.run("create deployment web --image=registry.example/missing:1 --port=8080")
        harness.cluster.advance(by: .seconds(20))
        let pod = try #require(harness.cluster.store.list(Pod.self, namespace: "default").first)
        #expect(pod.status.phase == "Pending")
        let output = harness.run("kubectl port-forward pod/\(pod.metadata.name) 8080")
        #expect(output.failed)
        #expect(output.stderr == "error: unable to forward port because pod is not running. Current status=Pending\n")
        #expect(harness.session.localPorts?.openPorts == [])
        #expect(harness.run("kubectl port-forward pod/\(pod.metadata.name)").stderr
                == "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n")
        #expect(harness.run("kubectl port-forward pod/nope 80").stderr == "Error from server (NotFound): pods \"nope\" not found\n")
    }

    /// kubectl reaches the pod through the API server and its node's kubelet before it listens:
    /// on a failed node that dial times out, and no port is opened.
    @Test func aPodOnAFailedNodeCannotBeForwarded() throws {
        let harness = Self.webCluster(replicas: 1)
        defer { harness.stop() }
        let name = try #require(harness.readyPods(app: "web").first)
        let pod = try #require(harness.cluster.store.get(Pod.self, name, namespace: "default"))
        let ip = try #require(harness.cluster.store.get(Node.self, pod.spec.nodeName)?.status.internalIP)
        harness.run("sim fail \(pod.spec.nodeName)")
        let output = harness.run("kubectl port-forward pod/\(pod.metadata.name) 0:8080 --address 127.0.0.1")
        #expect(output.failed)
        #expect(output.stdout == "")
        #expect(output.stderr == "error: error upgrading connection: error dialing backend: dial tcp \(ip):10250: i/o timeout\n")
        #expect(harness.session.localPorts?.openPorts == [])
    }

    @Test func portsAndAddressesAreReadAsKubectlReadsThem() throws {
        let harness = Self.webCluster(replicas: 1)
        defer { harness.stop() }
        let pod = try #require(harness.readyPods(app: "web").first)
        let cases: [(String, String)] = [
            ("pod/\(pod) a:80", "error: error parsing local port 'a': strconv.ParseUint: parsing \"a\": invalid syntax"),
            ("pod/\(pod) 70000:80", "error: error parsing local port '70000': strconv.ParseUint: parsing \"70000\": value out of range"),
            ("pod/\(pod) 8080:0", "error: remote port must be > 0"),
            ("pod/\(pod) 8080:http", "error: Pod '\(pod)' does not have a named port 'http'"),
            ("svc/web 8080:81", "error: Service web does not have a service port 81"),
            ("svc/web 8080:https", "error: Service 'web' does not have a named port 'https'"),
            ("svc/kubernetes 443", "error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector"),
            ("node/node-1 80", "error: cannot attach to *v1.Node: selector for *v1.Node not implemented"),
            ("pod/\(pod) 8080 --address foo", "error: foo is not a valid IP"),
            ("pod/\(pod) 8080 --address 0.0.0.0", "error: kubesim forwards from loopback only (localhost, 127.0.0.1 or ::1), not 0.0.0.0"),
        ]
        for (arguments, message) in cases {
            let output = harness.run("kubectl port-forward \(arguments)")
            #expect(output.failed, "\(arguments)")
            #expect(output.stderr == message + "\n", "\(arguments)")
        }
        #expect(harness.session.localPorts?.openPorts == [])
    }

    @Test func withoutLocalPortsTheCommandsSaySo() {
        let session = Session(cluster: Cluster(seed: 1, nodes: 1))
        session.runToCompletion("create deployment web --image=nginx --port=8080")
        session.cluster.advance(by: .seconds(30))
        let pod = session.cluster.store.list(Pod.self, namespace: "default")[0].metadata.name
        #expect(session.runToCompletion("kubectl port-forward pod/\(pod) 8080").stderr.contains("port-forward needs real local ports"))
        #expect(session.runToCompletion("sim serve svc/kubernetes --port 0").stderr.contains("sim serve needs real local ports"))
    }
}

/// One result handed from a client thread to the test thread.
final class HTTPResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: HTTPResult?
    func set(_ value: HTTPResult) { lock.withLock { result = value } }
    var value: HTTPResult? { lock.withLock { result } }
}
