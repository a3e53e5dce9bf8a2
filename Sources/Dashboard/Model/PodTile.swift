import Cluster
import Commands

/// How a pod looks on the node map: its state (each with a color and a glyph that still tells
/// them apart in `mono`) and a short name the back row can read.
enum PodTileState: Int, CaseIterable {
    case pending, creating, notReady, ready, terminating, crashLooping, imagePullFailing, failed, orphan

    /// The pod's state on the map, read as kubectl's STATUS and READY columns read it; an orphan
    /// (released by its ReplicaSet) is marked as such whatever it is doing.
    init(_ pod: Pod) {
        let status = PodStatusFormatter.status(pod)
        if pod.isTerminating || status == "Terminating" { self = .terminating; return }
        // A container that keeps failing and will be tried again has its own tile, so the back
        // row tells a crash loop or a bad image from a pod that is simply gone wrong.
        if pod.status.phase != "Failed" && pod.status.phase != "Succeeded" {
            let reason = Self.withoutInitPrefix(status)
            if Self.imagePullReasons.contains(reason) { self = .imagePullFailing; return }
            if Self.crashReasons.contains(reason) { self = .crashLooping; return }
        }
        if status == "Unknown" || pod.status.phase == "Failed" || PaneTable.role(forPodStatus: status) == .error {
            self = .failed
            return
        }
        if ClusterView.isOrphan(pod) { self = .orphan; return }
        switch pod.status.phase {
        case "Running": self = pod.isReady ? .ready : .notReady
        case "Pending": self = pod.isScheduled ? .creating : .pending
        default: self = .failed
        }
    }

    var role: ThemeRole {
        switch self {
        case .pending: .pending
        case .creating: .creating
        case .notReady: .notReady
        case .ready: .running
        case .terminating: .terminating
        case .crashLooping, .imagePullFailing: .backOff
        case .failed: .error
        case .orphan: .orphan
        }
    }

    /// Waiting reasons of an image the kubelet cannot pull (kubelet images/types.go).
    static let imagePullReasons: Set<String> = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull"]
    /// A container that crashed and will be restarted: backing off, or just exited (`Error`,
    /// `OOMKilled`) with its restart still to come.
    static let crashReasons: Set<String> = ["CrashLoopBackOff", "Error", "OOMKilled"]

    /// `Init:CrashLoopBackOff` → `CrashLoopBackOff`: an init container fails the same way.
    static func withoutInitPrefix(_ status: String) -> String {
        status.hasPrefix("Init:") ? String(status.dropFirst(5)) : status
    }

    /// Filled when ready, hollow when running but not ready, half while starting; the terminal
    /// draws ASCII stand-ins where it cannot show these.
    var glyph: Character {
        switch self {
        case .pending: "◌"
        case .creating: "◐"
        case .notReady: "□"
        case .ready: "■"
        case .terminating: "▒"
        case .crashLooping: "↻"
        case .imagePullFailing: "⇣"
        case .failed: "✗"
        case .orphan: "◇"
        }
    }

    var label: String {
        switch self {
        case .pending: "pending"
        case .creating: "creating"
        case .notReady: "not ready"
        case .ready: "ready"
        case .terminating: "terminating"
        case .crashLooping: "crash loop"
        case .imagePullFailing: "image pull"
        case .failed: "failed"
        case .orphan: "orphan"
        }
    }

    /// The part of a pod's name that tells it from its siblings: the random suffix the
    /// ReplicaSet gave it (`x6zjw`), or the start of a name without one.
    static func shortName(_ name: String, width: Int = 5) -> String {
        if let dash = name.lastIndex(of: "-") {
            let suffix = name[name.index(after: dash)...]
            if !suffix.isEmpty && suffix.count <= width { return String(suffix) }
        }
        return String(name.prefix(width))
    }
}

/// How big the node map draws each node: many small cards, or fewer large ones (`z`).
public enum MapZoom: Int, CaseIterable, Sendable {
    /// One glyph per pod: the most nodes on screen.
    case blocks
    /// A glyph and the pod's suffix per pod.
    case tiles
    /// A line per pod with its status word, and bars for CPU and memory.
    case large

    var cardWidth: Int {
        switch self {
        case .blocks: 20
        case .tiles: 25
        case .large: 38
        }
    }

    /// Rows a card takes, its gap included.
    var cardHeight: Int {
        switch self {
        case .blocks: 3
        case .tiles: 4
        case .large: 7
        }
    }

    public var next: MapZoom { MapZoom(rawValue: (rawValue + 1) % MapZoom.allCases.count)! }

    public var name: String {
        switch self {
        case .blocks: "small"
        case .tiles: "medium"
        case .large: "large"
        }
    }
}
