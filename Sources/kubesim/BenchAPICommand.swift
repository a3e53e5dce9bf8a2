import APIServer
import ArgumentParser
import Cluster
import Commands
import Foundation
import KubeAPI

/// `kubesim bench-api`: the API server's cost. Builds a large cluster in virtual time (as
/// `bench` does), serves it through the real HTTP listener on a free loopback port, and measures
/// from clients in this process on other threads: full pod lists as JSON and as Table, single
/// gets, and watchers that follow a scale storm (every deployment scaled to 0 and back through
/// the API) — did each get every pod change, and how fast.
struct BenchAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-api",
        abstract: "Measure the Kubernetes API: lists, gets and watches of a large cluster over HTTP."
    )

    @Option(help: "Number of nodes.") var nodes = 1000
    @Option(help: "Number of pods (deployments of 100 replicas, or fewer when there are fewer pods).") var pods = 30_000
    @Option(help: "Full lists to time, for each of JSON and Table.") var listRuns = 10
    @Option(help: "Gets to time.") var getRuns = 200
    @Option(help: "Concurrent watchers during the scale storm (0 skips it).") var watchers = 10
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Flag(help: "Print the figures as one JSON object.") var json = false

    func validate() throws {
        guard nodes >= 1, pods >= 1, listRuns >= 1, getRuns >= 1, watchers >= 0 else {
            throw ValidationError("--nodes, --pods, --list-runs and --get-runs must be at least 1; --watchers at least 0")
        }
    }

    static let tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io"
    /// Issue 12's goal for a full list of 150,000 pods; smaller lists meet it more easily.
    static let listGoal = 2.0

    func run() throws {
        var report = BenchAPIReport()
        let replicas = min(100, pods)
        let deployments = (pods + replicas - 1) / replicas
        report.nodes = nodes
        report.pods = deployments * replicas
        report.replicas = replicas

        // The cluster, built as `bench` builds it: virtual time, as fast as it goes.
        let buildStart = Date()
        let bench = BenchCluster(nodes: nodes, deployments: deployments, replicas: replicas, seed: seed)
        let cluster = bench.cluster
        try bench.createDeployments()
        let built = bench.run { bench.runningPods() == report.pods }
        report.buildSeconds = Date().timeIntervalSince(buildStart)
        guard built.done else {
            throw ValidationError("the cluster did not reach \(report.pods) running pods")
        }

        // Pod changes the store makes, counted on the cluster's thread.
        let podChanges = LockedCounter()
        cluster.store.watch { event in if event.kind == .pod { podChanges.add(1) } }

        // Served as `kubesim serve` serves it: the handler behind the NIO listener, requests run
        // on the thread that owns the cluster (here a thread of our own draining the queue).
        let queue = ClusterJobQueue()
        let handler = KubeAPIHandler(cluster: cluster)
        let server = APIServer(handler: handler, queue: queue)
        let owner = ClusterOwnerThread(queue: queue)
        let port = try server.start(listen: ListenAddress(host: "127.0.0.1", port: 0)).port
        defer {
            server.stop()
            owner.stop()
        }

        let client = try BenchHTTPConnection(port: port)
        let listPath = "/api/v1/pods"
        var listRV = ""
        report.listJSON = try timeRequests(client, listPath, runs: listRuns) { response in
            listRV = Self.lastResourceVersion(in: response.body) ?? ""
        }
        report.listTable = try timeRequests(client, listPath, accept: Self.tableAccept, runs: listRuns)
        let podName = try owner.run { cluster.store.objects(kind: .pod).first?.metadata.name ?? "" }
        report.getPod = try timeRequests(client, "/api/v1/namespaces/default/pods/\(podName)", runs: getRuns)

        if watchers > 0 {
            report.watch = try watchStorm(client: client, port: port, listRV: listRV, deployments: deployments, replicas: replicas,
                                          cluster: cluster, owner: owner, podChanges: podChanges)
        }
        report.peakMiB = ProcessUsage.peakMiB()
        if json {
            print(report.json)
        } else {
            print(report.text)
        }
        if report.watch.map({ !$0.complete }) == true { throw ExitCode(1) }
    }

    /// Times `runs` requests of `path` on one keep-alive connection: send to the last byte read.
    private func timeRequests(_ client: BenchHTTPConnection, _ path: String, accept: String = "application/json", runs: Int,
                              check: (BenchHTTPConnection.Response) -> Void = { _ in }) throws -> BenchAPIReport.Latency {
        var times: [Double] = []
        var size = 0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            // Only the tail is kept: the list's resourceVersion is in it.
            let response = try client.request("GET", path, headers: [("Accept", accept)], keepTail: 64 * 1024)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            guard response.status == 200 else {
                throw ValidationError("GET \(path): HTTP \(response.status): \(String(decoding: response.body.prefix(300), as: UTF8.self))")
            }
            size = response.length
            check(response)
        }
        return BenchAPIReport.Latency(seconds: times, bytes: size)
    }

    /// Opens the watchers at the list's resourceVersion, scales every deployment to 0 and back
    /// through the API while virtual time runs, then compares what each watcher got with the
    /// store's pod changes.
    private func watchStorm(client: BenchHTTPConnection, port: Int, listRV: String, deployments: Int, replicas: Int,
                            cluster: Cluster, owner: ClusterOwnerThread, podChanges: LockedCounter) throws -> BenchAPIReport.Watch {
        let startChanges = try owner.run { podChanges.value }
        let clients = try (0..<watchers).map { _ in
            try BenchWatchClient(port: port, target: "/api/v1/pods?watch=true&resourceVersion=\(listRV)")
        }
        for watcher in clients { watcher.ready.wait() }
        if let refused = clients.first(where: { $0.snapshot.status != 200 }) {
            throw ValidationError("a watch was answered HTTP \(refused.snapshot.status) \(refused.snapshot.failure ?? "")")
        }
        let stormStart = DispatchTime.now().uptimeNanoseconds
        for target in [0, replicas] {
            for i in 1...deployments {
                let response = try client.request("PATCH", "/apis/apps/v1/namespaces/default/deployments/bench-\(i)/scale",
                                                   headers: [("Content-Type", "application/merge-patch+json"), ("Accept", "application/json")],
                                                   body: Array("{\"spec\":{\"replicas\":\(target)}}".utf8))
                guard response.status == 200 else {
                    throw ValidationError("scale bench-\(i): HTTP \(response.status): \(String(decoding: response.body.prefix(300), as: UTF8.self))")
                }
            }
            // Virtual time in one-second jobs, so requests and the watchers' writes interleave.
            let want = target * deployments
            var settled = false
            for _ in 0..<3600 where !settled {
                settled = try owner.run {
                    cluster.advance(by: .seconds(1))
                    return target == 0 ? cluster.store.count(Pod.self) == 0
                        : cluster.store.countPods { $0.status.phase == "Running" } == want
                }
            }
            guard settled else { throw ValidationError("the scale storm did not settle at \(want) pods") }
        }
        let expected = try owner.run { podChanges.value } - startChanges
        let generated = DispatchTime.now().uptimeNanoseconds

        // Every watcher has everything, or has stopped, or 60 s have passed.
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline, clients.contains(where: { $0.snapshot.total < expected && !$0.snapshot.closedByServer }) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let counts = clients.map(\.snapshot)
        for watcher in clients { watcher.stop() }
        return BenchAPIReport.Watch(watchers: watchers, expected: expected,
                                    stormSeconds: Double(generated - stormStart) / 1e9, stormStart: stormStart, counts: counts)
    }

    /// The list's own resourceVersion: with sorted keys, `metadata` is the list's last field, so
    /// its resourceVersion is the last one in the body.
    static func lastResourceVersion(in body: [UInt8]) -> String? {
        let key = Array("\"resourceVersion\":\"".utf8)
        guard body.count > key.count else { return nil }
        var i = body.count - key.count
        while i >= 0 {
            if body[i] == key[0] && Array(body[i..<(i + key.count)]) == key {
                let start = i + key.count
                guard let end = body[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                return String(decoding: body[start..<end], as: UTF8.self)
            }
            i -= 1
        }
        return nil
    }
}

/// A count shared between the cluster's thread and the bench's.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ n: Int) { lock.lock(); count += n; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

/// The thread that owns the cluster while it is served: it runs the API's jobs (and the bench's
/// own, through `run`) as `kubesim serve`'s loop does, without moving time on its own.
final class ClusterOwnerThread: @unchecked Sendable {
    let queue: ClusterJobQueue
    private let lock = NSLock()
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    init(queue: ClusterJobQueue) {
        self.queue = queue
        let thread = Thread { [self] in
            while !isStopped {
                queue.drain()
                queue.wait(until: Date(timeIntervalSinceNow: 0.01))
            }
            finished.signal()
        }
        thread.start()
    }

    private var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    /// Runs `work` on the cluster's thread, in turn with the API's requests, and waits for it.
    func run<T>(_ work: @escaping () -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        var result: T?
        queue.submit {
            result = work()
            done.signal()
        }
        done.wait()
        return result!
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        queue.submit {}
        finished.wait()
    }
}
