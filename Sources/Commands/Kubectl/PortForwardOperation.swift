import Cluster

/// One forwarded port's listener events, handed to its forward.
final class ForwardedPortHandler: LocalHTTPHandler {
    unowned let operation: PortForwardOperation
    var local: Int
    let remote: Int

    init(operation: PortForwardOperation, local: Int, remote: Int) {
        self.operation = operation
        self.local = local
        self.remote = remote
    }

    func connectionOpened() { operation.connectionOpened(local: local) }
    func answer(_ request: LocalHTTPRequest) -> LocalHTTPReply { operation.answer(request, local: local, remote: remote) }
}

/// A running port-forward: answers every request from its one pod and ends, as kubectl does
/// with `error: lost connection to pod`, once that pod is gone or a connection to it failed
/// (client-go closes the whole stream connection on a forwarding error).
final class PortForwardOperation: RealTimeOperation {
    private let podKey: ObjectKey
    private let podUID: String
    private let podName: String
    private unowned let cluster: Cluster
    private weak var ports: LocalPorts?
    private var listeners: [any LocalListener] = []
    private var pending = CommandOutput()
    private var lost = false
    private var closed = false

    init(pod: Pod, cluster: Cluster, ports: LocalPorts) {
        podKey = pod.key
        podUID = pod.metadata.uid
        podName = pod.metadata.name
        self.cluster = cluster
        self.ports = ports
    }

    var localPorts: [Int] { closed ? [] : listeners.map(\.port) }

    func add(_ listener: any LocalListener) { listeners.append(listener) }

    func connectionOpened(local: Int) {
        guard !closed else { return }
        pending.out("Handling connection for \(local)\n")
    }

    func answer(_ request: LocalHTTPRequest, local: Int, remote: Int) -> LocalHTTPReply {
        guard !closed, !lost, cluster.store.get(Pod.self, key: podKey)?.metadata.uid == podUID else {
            lost = true
            return .dropConnection
        }
        let podRequest = PodRequest(method: request.method, path: request.path, clientAddress: "127.0.0.1", userAgent: request.userAgent, port: remote)
        let response = cluster.deliver(podRequest, toPod: podName, namespace: podKey.namespace)
        switch response.outcome {
        case .answered(let status, let body):
            return .respond(status: status, contentType: "text/html; charset=utf-8", body: body)
        case .refused(let reason):
            pending.err("E\(klogStamp()) portforward.go:424] \"Unhandled Error\" err=\"an error occurred forwarding \(local) -> \(remote): error forwarding port \(remote) to pod \(podUID), uid : \(reason)\"\n")
            lost = true
            return .dropConnection
        }
    }

    /// klog's `MMDD hh:mm:ss.uuuuuu` for the cluster's time.
    private func klogStamp() -> String {
        let stamp = Array(CalendarTime.rfc3339(cluster.now))  // 2024-09-01T11:24:17Z
        let micros = String(cluster.now.milliseconds % 1000 * 1000)
        return String(stamp[5...6]) + String(stamp[8...9]) + " " + String(stamp[11...18]) + "."
            + String(repeating: "0", count: 6 - micros.count) + micros
    }

    func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool {
        output.append(pending)
        pending = CommandOutput()
        if closed { return true }
        let pod = cluster.store.get(Pod.self, key: podKey)
        if lost || pod?.metadata.uid != podUID {
            close()
            output.fail("error: lost connection to pod")
            return true
        }
        return false
    }

    /// The user stopped it (Ctrl-C, kubesim exiting): listeners close, nothing more is printed.
    func interrupt() { close() }

    private func close() {
        guard !closed else { return }
        closed = true
        for listener in listeners { listener.close() }
        ports?.untrack(self)
    }
}
