import Cluster
import Foundation

/// `kubectl logs (POD | TYPE/NAME) [CONTAINER] [-c C] [-f] [-p] [--tail N] [--timestamps]
/// [-l SELECTOR] [--all-containers] [--prefix] [--since D | --since-time T] [--limit-bytes N]`.
enum LogsCommand {
    static let parser = FlagParser(command: "logs", flags: [
        .init(long: "container", short: "c", isBool: false),
        .init(long: "follow", short: "f", isBool: true),
        .init(long: "previous", short: "p", isBool: true),
        .init(long: "tail", short: nil, isBool: false),
        .init(long: "timestamps", short: nil, isBool: true),
        .init(long: "selector", short: "l", isBool: false),
        .init(long: "all-containers", short: nil, isBool: true),
        .init(long: "prefix", short: nil, isBool: true),
        .init(long: "since", short: nil, isBool: false),
        .init(long: "since-time", short: nil, isBool: false),
        .init(long: "limit-bytes", short: nil, isBool: false),
        .init(long: "max-log-requests", short: nil, isBool: false),
    ])

    static let usage = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples"
    static let defaultContainerAnnotation = "kubectl.kubernetes.io/default-container"

    /// One container's log to read: the pod, the container, the instance.
    struct Stream {
        var pod: Pod
        var container: String
        var containerID: String?
    }

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            let selectorText = flags.string("selector")
            var containerName = flags.string("container")
            switch flags.positional.count {
            case 0 where selectorText == nil: throw KubectlError(usage)
            case 0: break
            case 1 where selectorText != nil: throw KubectlError("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples")
            case 1: break
            case 2:
                if containerName != nil { throw KubectlError("error: only one of -c or an inline [CONTAINER] arg is allowed\nSee 'kubectl logs -h' for help and examples") }
                containerName = flags.positional[1]
            default: throw KubectlError(usage)
            }
            // With a selector, each pod shows its last 10 lines unless --tail says otherwise.
            var tail = try parser.int(flags, "tail") ?? (selectorText != nil ? 10 : -1)
            if tail < -1 { tail = -1 }
            let since = try GoDuration.flag(flags.string("since"), name: "since", command: "logs")
            let sinceTime = try flags.string("since-time").map(Self.sinceTime)
            if sinceTime != nil && since != nil { throw KubectlError("error: at most one of `sinceTime` or `sinceSeconds` may be specified") }
            let limitBytes = try parser.int(flags, "limit-bytes")
            if let limitBytes, limitBytes < 0 { throw KubectlError("error: --limit-bytes must be greater than 0") }
            let allContainers = flags.bool("all-containers")
            if allContainers && containerName != nil {
                throw KubectlError("error: --all-containers=true should not be specified with container name \(containerName!)")
            }

            let pods = try targetPods(flags, selectorText: selectorText, cluster: cluster, into: &out)
            var streams: [Stream] = []
            for pod in pods {
                let names: [String]
                if allContainers {
                    names = pod.spec.containers.map(\.name)
                } else if let containerName {
                    guard pod.spec.containers.contains(where: { $0.name == containerName }) else {
                        throw APIError(.badRequest, "container \(containerName) is not valid for pod \(pod.name)")
                    }
                    names = [containerName]
                } else {
                    names = [defaultContainer(of: pod, into: &out)]
                }
                for name in names { streams.append(Stream(pod: pod, container: name)) }
            }

            var request = LogRequest(container: "")
            request.previous = flags.bool("previous")
            request.tailLines = tail >= 0 ? tail : nil
            request.sinceSeconds = since.map { Int(($0.seconds).rounded()) }
            request.sinceTime = sinceTime
            request.timestamps = flags.bool("timestamps")
            request.limitBytes = limitBytes
            let prefix = flags.bool("prefix")
            let follow = flags.bool("follow")
            if follow && streams.count > 1 {
                let most = try parser.int(flags, "max-log-requests") ?? 5
                if streams.count > most {
                    throw KubectlError("error: you are attempting to follow \(streams.count) log streams, but maximum allowed concurrency is \(most), use --max-log-requests to increase the limit")
                }
            }
            let operation = FollowLogsOperation(request: request, prefix: prefix, follow: follow)
            for stream in streams {
                var r = request
                r.container = stream.container
                // Without -f the requests run one after another and the first error stops them.
                try operation.open(stream.pod, request: r, cluster: cluster)
            }
            return operation.poll(cluster, into: &out) ? nil : operation
        }
    }

    /// `--since-time`: an RFC 3339 time, refused in the words of Go's time parser as kubectl does.
    static func sinceTime(_ text: String) throws -> SimTime {
        guard let unixMillis = RFC3339Time.unixMilliseconds(text) else {
            throw KubectlError("error: parsing time \"\(text)\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\(text)\" as \"2006\"")
        }
        return SimTime(milliseconds: unixMillis - SimTime.epochUnixSeconds * 1000)
    }

    /// The pods to read: the one named, the one kubectl picks for a workload, or every pod
    /// matching `-l`.
    static func targetPods(_ flags: FlagParser.Result, selectorText: String?, cluster: Cluster, into out: inout CommandOutput) throws -> [Pod] {
        let namespace = flags.namespace
        if let selectorText {
            let selector = try ListSelector.parse(selectorText, kind: .pod)
            let pods = cluster.store.list(Pod.self, selector: selector, namespace: namespace).sorted { $0.name < $1.name }
            if pods.isEmpty { out.err("No resources found in \(namespace) namespace.\n") }
            return pods
        }
        let word = flags.positional[0]
        guard word.contains("/") else {
            // kubectl 1.33 wraps the NotFound of a bare pod name in its own words.
            guard let pod = cluster.store.get(Pod.self, key: ObjectKey(namespace: namespace, name: word)) else {
                throw KubectlError("error: error from server (NotFound): pods \"\(word)\" not found in namespace \"\(namespace)\"")
            }
            return [pod]
        }
        let (_, refs) = try ArgumentResolver.resolve([word], namespace: namespace)
        let ref = refs[0]
        guard let object = cluster.store.object(kind: ref.type.kind, name: ref.name, namespace: namespace) else {
            throw APIError.notFound(ref.type.kind, ref.name)
        }
        let selector: LabelSelector
        switch object {
        case let pod as Pod: return [pod]
        case let d as Deployment: selector = d.spec.selector
        case let rs as ReplicaSet: selector = rs.spec.selector
        case let ds as DaemonSet: selector = ds.spec.selector
        case let service as Service:
            guard let labels = service.spec.selector, !labels.isEmpty else {
                throw KubectlError("error: cannot attach to *v1.Service: invalid service '\(service.metadata.name)': Service is defined without a selector")
            }
            selector = LabelSelector(matchLabels: labels)
        default: throw KubectlError("error: cannot get the logs from *v1.\(ref.type.kind.rawValue)")
        }
        let pods = cluster.store.list(Pod.self, selector: selector, namespace: namespace)
        guard let first = ActivePods.mostActiveFirst(pods).first else {
            throw KubectlError("error: timed out waiting for the condition")
        }
        if pods.count > 1 { out.err("Found \(pods.count) pods, using pod/\(first.name)\n") }
        return [first]
    }

    /// The container kubectl reads without -c: the one the default-container annotation names,
    /// else the first (saying so when there are others).
    static func defaultContainer(of pod: Pod, into out: inout CommandOutput) -> String {
        let names = pod.spec.containers.map(\.name)
        if let annotated = pod.metadata.annotations[defaultContainerAnnotation], names.contains(annotated) { return annotated }
        if names.count > 1 { out.err("Defaulted container \"\(names[0])\" out of: \(names.joined(separator: ", "))\n") }
        return names.first ?? ""
    }
}

/// podutils.ActivePods reversed, as kubectl's AttachablePodForObject sorts a workload's pods
/// before taking the first: assigned, Running, ready, ready longest, fewest restarts, oldest.
enum ActivePods {
    static func mostActiveFirst(_ pods: [Pod]) -> [Pod] {
        pods.sorted { a, b in lessActive(b, a) }
    }

    /// ActivePods.Less: true when `a` is less active than `b`.
    static func lessActive(_ a: Pod, _ b: Pod) -> Bool {
        if a.isScheduled != b.isScheduled { return !a.isScheduled }
        let pa = phaseRank(a), pb = phaseRank(b)
        if pa != pb { return pa < pb }
        if a.isReady != b.isReady { return !a.isReady }
        if a.isReady, let ra = a.status.condition("Ready")?.lastTransitionTime, let rb = b.status.condition("Ready")?.lastTransitionTime, ra != rb {
            return ra > rb
        }
        let restartsA = a.status.containerStatuses.map(\.restartCount).max() ?? 0
        let restartsB = b.status.containerStatuses.map(\.restartCount).max() ?? 0
        if restartsA != restartsB { return restartsA > restartsB }
        if a.metadata.creationTimestamp != b.metadata.creationTimestamp { return a.metadata.creationTimestamp > b.metadata.creationTimestamp }
        return a.name > b.name
    }

    private static func phaseRank(_ p: Pod) -> Int {
        switch p.status.phase { case "Pending": 0; case "Unknown": 1; case "Running": 2; default: 3 }
    }
}

/// The streams of `kubectl logs`: each container's selected lines at once, and with `-f` each
/// new line as the container writes it, until every followed instance has stopped (as the
/// kubelet closes a follow when the container exits). Following waits on the real world as
/// kubectl does, so the headless shell runs it in real time until the container stops or Ctrl-C.
final class FollowLogsOperation: RealTimeOperation {
    private struct Open {
        let podKey: ObjectKey
        let podUID: String
        let podName: String
        let container: String
        let containerID: String
        var seen: Int
        var done: Bool
    }

    private let request: LogRequest
    private let prefix: Bool
    private let follow: Bool
    private var streams: [Open] = []
    private var pending = ""

    init(request: LogRequest, prefix: Bool, follow: Bool) {
        self.request = request
        self.prefix = prefix
        self.follow = follow
    }

    /// Starts reading one container: its selected lines are printed on the next poll.
    func open(_ pod: Pod, request r: LogRequest, cluster: Cluster) throws {
        if let unreachable = cluster.kubeletLogAccessError(pod, r, follow: follow) { throw unreachable }
        guard let id = try ContainerLogs.containerID(for: r, in: pod),
              let log = cluster.logs.instance(podUID: pod.metadata.uid, container: r.container, containerID: id) else { return }
        let lines = ContainerLogs.select(log, r, now: cluster.now)
        pending += ContainerLogs.text(lines.map { prefixed($0, pod.name, r.container) }, timestamps: r.timestamps, limitBytes: r.limitBytes)
        let running = pod.status.containerStatuses.first { $0.name == r.container }.map { $0.runs(id) } ?? false
        streams.append(Open(podKey: pod.key, podUID: pod.metadata.uid, podName: pod.name, container: r.container, containerID: id,
                            seen: log.lines.last?.sequence ?? 0, done: !follow || r.previous || !running))
    }

    private func prefixed(_ line: LogLine, _ pod: String, _ container: String) -> LogLine {
        prefix ? LogLine(time: line.time, text: "[pod/\(pod)/\(container)] " + line.text, sequence: line.sequence) : line
    }

    func interrupt() {
        for i in streams.indices { streams[i].done = true }
    }

    func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool {
        if !pending.isEmpty {
            output.out(pending)
            pending = ""
        }
        for i in streams.indices where !streams[i].done {
            let s = streams[i]
            let pod = cluster.store.get(Pod.self, key: s.podKey)
            if let log = cluster.logs.instance(podUID: s.podUID, container: s.container, containerID: s.containerID) {
                let fresh = log.lines(after: s.seen)
                if let last = fresh.last {
                    output.out(ContainerLogs.text(fresh.map { prefixed($0, s.podName, s.container) }, timestamps: request.timestamps, limitBytes: nil))
                    streams[i].seen = last.sequence
                }
            }
            let status = pod?.metadata.uid == s.podUID ? pod?.status.containerStatuses.first { $0.name == s.container } : nil
            if !(status.map { $0.runs(s.containerID) } ?? false) { streams[i].done = true }
        }
        return streams.allSatisfy(\.done)
    }
}
