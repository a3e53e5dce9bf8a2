/// One read of a container's log, as `GET pods/NAME/log` takes it (the kubelet's
/// PodLogOptions): which container, which instance, and how much.
public struct LogRequest: Equatable, Sendable {
    public var container: String
    public var previous = false
    /// Only the last this many lines (nil: all).
    public var tailLines: Int? = nil
    /// Only lines written in the last this many seconds (nil: all).
    public var sinceSeconds: Int? = nil
    /// Only lines written at or after this time (nil: all); at most one of this and `sinceSeconds`.
    public var sinceTime: SimTime? = nil
    public var timestamps = false
    /// At most this many bytes, cut where they end (nil: no limit).
    public var limitBytes: Int? = nil

    public init(container: String) { self.container = container }
}

extension ContainerLogs {
    /// The container instance whose log a request reads, by the kubelet's rules
    /// (validateContainerLogStatus): the previous instance, the running one, or the one that
    /// last exited; nil when the pod is on no node yet (the API server then has nothing to
    /// stream). The errors are the kubelet's, which the API server returns as BadRequest.
    public static func containerID(for request: LogRequest, in pod: Pod) throws(APIError) -> String? {
        let name = request.container, podName = pod.name
        guard pod.isScheduled else { return nil }
        guard let status = pod.status.containerStatuses.first(where: { $0.name == name }) else {
            if pod.spec.containers.contains(where: { $0.name == name }) {
                throw APIError(.badRequest, "container \"\(name)\" in pod \"\(podName)\" is waiting to start: ContainerCreating")
            }
            throw APIError(.badRequest, "container \"\(name)\" in pod \"\(podName)\" is not available")
        }
        let lastID = status.lastState?.containerID ?? ""
        if request.previous {
            guard !lastID.isEmpty else {
                throw APIError(.badRequest, "previous terminated container \"\(name)\" in pod \"\(podName)\" not found")
            }
            return lastID
        }
        switch status.state {
        case .running:
            return status.containerID
        case .terminated:
            if !status.containerID.isEmpty { return status.containerID }
            if !lastID.isEmpty { return lastID }
            throw APIError(.badRequest, "container \"\(name)\" in pod \"\(podName)\" is terminated")
        case .waiting(let reason):
            if !lastID.isEmpty { return lastID }
            switch reason {
            case "ErrImagePull": throw APIError(.badRequest, "container \"\(name)\" in pod \"\(podName)\" is waiting to start: image can't be pulled")
            case "ImagePullBackOff": throw APIError(.badRequest, "container \"\(name)\" in pod \"\(podName)\" is waiting to start: trying and failing to pull image")
            default: throw APIError(.badRequest, "container \"\(name)\" in pod \"\(podName)\" is waiting to start: \(reason)")
            }
        }
    }

    /// The lines `request` selects from `log` at `now`: those since `sinceSeconds` or `sinceTime`, then the
    /// last `tailLines` of them.
    public static func select(_ log: ContainerInstanceLog, _ request: LogRequest, now: SimTime) -> ArraySlice<LogLine> {
        var lines = log.lines
        if let since = request.sinceSeconds {
            let cutoff = now + SimDuration.seconds(-since)
            lines = lines.drop { $0.time < cutoff }
        }
        if let cutoff = request.sinceTime { lines = lines.drop { $0.time < cutoff } }
        if let tail = request.tailLines, tail >= 0 { lines = lines.suffix(tail) }
        return lines
    }

    /// A line as the kubelet sends it: with `--timestamps`, the RFC 3339 time with nanoseconds
    /// (trailing zeros trimmed, as Go's RFC3339Nano) and a space first.
    public static func render(_ line: LogLine, timestamps: Bool) -> String {
        timestamps ? "\(rfc3339Nano(line.time)) \(line.text)\n" : line.text + "\n"
    }

    /// `2024-09-01T11:24:17.25Z`: Go's RFC3339Nano of a millisecond time.
    public static func rfc3339Nano(_ time: SimTime) -> String {
        let whole = CalendarTime.rfc3339(time)
        let millis = Int(((time.unixMilliseconds % 1000) + 1000) % 1000)
        guard millis > 0 else { return whole }
        var fraction = String(millis + 1000).dropFirst()
        while fraction.last == "0" { fraction = fraction.dropLast() }
        return String(whole.dropLast()) + "." + fraction + "Z"
    }

    /// The text of `lines`, cut at `limitBytes` when given.
    public static func text(_ lines: some Sequence<LogLine>, timestamps: Bool, limitBytes: Int?) -> String {
        var text = ""
        for line in lines { text += render(line, timestamps: timestamps) }
        guard let limit = limitBytes, limit >= 0, text.utf8.count > limit else { return text }
        return String(decoding: text.utf8.prefix(limit), as: UTF8.self)
    }
}

extension ContainerStatus {
    /// The instance `containerID` is this container's, and running.
    public func runs(_ containerID: String) -> Bool {
        if case .running = state { return self.containerID == containerID }
        return false
    }
}
