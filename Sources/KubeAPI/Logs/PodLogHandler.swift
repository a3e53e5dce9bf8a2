import Cluster
import Commands

/// `GET /api/v1/namespaces/NS/pods/NAME/log`: a container's log as text/plain, with the
/// PodLogOptions query (container, previous, tailLines, sinceSeconds, timestamps, limitBytes,
/// follow). A follow streams each new line as a chunk until the container stops, the pod goes
/// or the client leaves.
public final class PodLogHandler {
    private let cluster: Cluster
    private var followers: [LogFollower] = []
    private var nextID = 0

    init(cluster: Cluster) {
        self.cluster = cluster
        cluster.logs.onAppend { [weak self] uid, container, line in self?.deliver(uid, container, line) }
        cluster.store.watch([.pod]) { [weak self] event in self?.podChanged(event) }
    }

    /// The number of open follows.
    public var followCount: Int { followers.count }

    func get(_ request: ResourceRequest) throws -> APIReply {
        guard let name = request.name, let namespace = request.namespace else { throw StatusError.pathNotFound() }
        guard let pod = cluster.store.get(Pod.self, key: ObjectKey(namespace: namespace, name: name)) else {
            throw APIError.notFound(.pod, name)
        }
        let http = request.http
        let names = pod.spec.containers.map(\.name)
        var container = http.query("container") ?? ""
        if container.isEmpty {
            guard names.count == 1 else {
                if names.isEmpty { throw StatusError.badRequest("a container name must be specified for pod \(name)") }
                throw StatusError.badRequest("a container name must be specified for pod \(name), choose one of: [\(names.joined(separator: " "))]")
            }
            container = names[0]
        } else if !names.contains(container) {
            throw StatusError.badRequest("container \(container) is not valid for pod \(name)")
        }
        var options = LogRequest(container: container)
        options.previous = http.boolQuery("previous") ?? false
        options.timestamps = http.boolQuery("timestamps") ?? false
        options.tailLines = try Self.integer(http, "tailLines", least: 0)
        options.sinceSeconds = try Self.integer(http, "sinceSeconds", least: 1)
        if let text = http.query("sinceTime"), !text.isEmpty {
            guard let unixMillis = RFC3339Time.unixMilliseconds(text) else {
                throw StatusError.badRequest("parsing time \"\(text)\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\(text)\" as \"2006\"")
            }
            guard options.sinceSeconds == nil else { throw StatusError.badRequest("at most one of `sinceTime` or `sinceSeconds` may be specified") }
            options.sinceTime = SimTime(milliseconds: unixMillis - SimTime.epochUnixSeconds * 1000)
        }
        options.limitBytes = try Self.integer(http, "limitBytes", least: 1)
        let follow = http.boolQuery("follow") ?? false

        if let unreachable = cluster.kubeletLogAccessError(pod, options, follow: follow) { throw unreachable }
        let head = APIResponse(status: 200, headers: [("Content-Type", "text/plain")])
        guard let id = try ContainerLogs.containerID(for: options, in: pod),
              let log = cluster.logs.instance(podUID: pod.metadata.uid, container: container, containerID: id) else {
            return .response(head)
        }
        let text = ContainerLogs.text(ContainerLogs.select(log, options, now: cluster.now), timestamps: options.timestamps, limitBytes: options.limitBytes)
        let running = pod.status.containerStatuses.contains { $0.name == container && $0.runs(id) }
        let remaining = options.limitBytes.map { $0 - text.utf8.count }
        guard follow, !options.previous, running, remaining.map({ $0 > 0 }) ?? true else {
            var response = head
            response.body = Array(text.utf8)
            return .response(response)
        }
        let followID = nextID
        nextID += 1
        let podUID = pod.metadata.uid
        return .stream(StreamingReply(head: head, timeoutSeconds: nil, start: { [weak self] sink in
            guard let self else { return }
            if !text.isEmpty, !sink.send(Array(text.utf8)) { return }
            followers.append(LogFollower(id: followID, podUID: podUID, container: container, containerID: id,
                                         timestamps: options.timestamps, bytesLeft: remaining, sink: sink))
        }, stop: { [weak self] in
            self?.followers.removeAll { $0.id == followID }
        }))
    }

    /// A query integer, refused below `least` as the API server's validation does.
    private static func integer(_ http: APIRequest, _ name: String, least: Int) throws -> Int? {
        guard let number = try http.integerQuery(name) else { return nil }
        let value = Int(clamping: number)
        guard value >= least else {
            let rule = least == 0 ? "must be greater than or equal to 0" : "must be greater than 0"
            throw StatusError.badRequest("PodLogOptions \"\" is invalid: \(name): Invalid value: \(value): \(rule)")
        }
        return value
    }

    private func deliver(_ podUID: String, _ container: String, _ line: LogLine) {
        guard followers.contains(where: { $0.podUID == podUID && $0.container == container }) else { return }
        for follower in followers where follower.podUID == podUID && follower.container == container
            && cluster.logs.newest(podUID: podUID, container: container)?.containerID == follower.containerID {
            follower.write(ContainerLogs.render(line, timestamps: follower.timestamps))
        }
        followers.removeAll { !$0.open }
    }

    /// The followed instance has stopped, or its pod is gone: the kubelet ends the stream.
    private func podChanged(_ event: WatchEvent) {
        guard !followers.isEmpty, let pod = event.pod else { return }
        for follower in followers where follower.podUID == pod.metadata.uid {
            let runs = event.type != .deleted && pod.status.containerStatuses.contains { $0.name == follower.container && $0.runs(follower.containerID) }
            if !runs { follower.finish() }
        }
        followers.removeAll { !$0.open }
    }
}

/// One open `follow=true` log stream.
final class LogFollower {
    let id: Int
    let podUID: String
    let container: String
    let containerID: String
    let timestamps: Bool
    private var bytesLeft: Int?
    private let sink: any ResponseStreamSink
    private(set) var open = true

    init(id: Int, podUID: String, container: String, containerID: String, timestamps: Bool, bytesLeft: Int?, sink: any ResponseStreamSink) {
        self.id = id
        self.podUID = podUID
        self.container = container
        self.containerID = containerID
        self.timestamps = timestamps
        self.bytesLeft = bytesLeft
        self.sink = sink
    }

    /// Sends `text`, cut at the byte limit (which then ends the stream).
    func write(_ text: String) {
        guard open else { return }
        var bytes = Array(text.utf8)
        if let left = bytesLeft {
            if bytes.count >= left { bytes = Array(bytes.prefix(left)) }
            bytesLeft = left - bytes.count
        }
        if !sink.send(bytes) { open = false; return }
        if bytesLeft == 0 { finish() }
    }

    func finish() {
        guard open else { return }
        open = false
        sink.finish()
    }
}
