import Cluster
import Commands

/// `L` on Pods: one container's log, as `kubectl logs -f` shows it, following new lines until
/// scrolled back (k9s' logs view). It reads the newest instance of the container, so after a
/// crash it shows the new instance's start-up.
public struct LogView: Equatable, Sendable {
    public var pod: String
    public var namespace: String
    public var podUID: String
    /// The pod's containers, in spec order; `c` moves to the next.
    public var containers: [String]
    public var container: String
    /// The first line shown, by its sequence number; nil follows the newest lines.
    public var top: Int?

    /// The view of `pod`'s log, on the container `kubectl logs` reads without `-c`.
    init(pod: Pod) {
        self.pod = pod.name
        namespace = pod.metadata.namespace
        podUID = pod.metadata.uid
        containers = pod.spec.containers.map(\.name)
        container = DefaultLogContainer.name(of: pod)
    }

    public var isFollowing: Bool { top == nil }

    /// The next container's log, followed.
    mutating func nextContainer() {
        guard let i = containers.firstIndex(of: container), containers.count > 1 else { return }
        container = containers[(i + 1) % containers.count]
        top = nil
    }

    /// What the view shows of the cluster now: the lines, or why there are none.
    enum Content {
        case lines(ContainerInstanceLog)
        case gone
        case unavailable(String)
    }

    func content(in cluster: Cluster) -> Content {
        guard let pod = cluster.store.get(Pod.self, pod, namespace: namespace), pod.metadata.uid == podUID else { return .gone }
        // The view follows the log, as `kubectl logs -f` would, through the node's kubelet.
        if let unreachable = cluster.kubeletLogAccessError(pod, LogRequest(container: container), follow: true) {
            return .unavailable(unreachable.message)
        }
        if let log = cluster.logs.newest(podUID: podUID, container: container) { return .lines(log) }
        // No instance has started: the kubelet's reason, in the API server's words.
        do throws(APIError) {
            _ = try ContainerLogs.containerID(for: LogRequest(container: container), in: pod)
            return .unavailable("no log yet: pod \(pod.name) is not on a node")
        } catch {
            return .unavailable(error.message)
        }
    }

    /// Moves by `delta` lines from where the last frame was (`shown`): back from the newest
    /// stops following; forward to the newest follows again.
    mutating func scroll(by delta: Int, lines: ArraySlice<LogLine>, shown: LogPage?) {
        guard let shown, !lines.isEmpty else { return }
        let followFirst = lines.firstIndex { $0.sequence >= shown.followFirst } ?? lines.startIndex
        // Following, the view starts where the newest lines need it to, whatever the last frame showed.
        let first = top.flatMap { top in lines.firstIndex { $0.sequence >= top } } ?? followFirst
        let target = max(lines.startIndex, first + delta)
        top = target >= followFirst ? nil : lines[target].sequence
    }

    /// The oldest kept line first.
    mutating func scrollToStart(lines: ArraySlice<LogLine>) { top = lines.first?.sequence }
}

/// Where the log view's last frame was: the first line it showed and the first it would show
/// following the newest (both by sequence number), and its rows, for the scrolling keys.
struct LogPage: Equatable {
    var first: Int
    var followFirst: Int
    var rows: Int
}
