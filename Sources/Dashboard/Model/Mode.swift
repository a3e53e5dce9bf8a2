/// What the keyboard is talking to right now.
public enum Mode: Equatable, Sendable {
    /// Keys act on the focused pane.
    case normal
    /// `:` — a headless-shell command line.
    case command(TextInput)
    /// `/` — filter text (or `-l selector`) for the focused table.
    case filter(TextInput)
    /// A question whose answer becomes a command (`l` relabel, `s` scale to).
    case prompt(Prompt, TextInput)
    /// A scrollable text overlay (describe, help, multi-line command output).
    case overlay(Overlay)
    /// `L` — a pod's log, following new lines (Esc returns).
    case logs(LogView)
}

/// A question the dashboard asks before issuing a command.
public struct Prompt: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        /// New labels for a pod, as `k=v` words; the old ones to diff against.
        case relabel(pod: String, old: [String: String])
        /// A replica count for a deployment or replicaset.
        case scale(resource: String, name: String)
        /// A new image for a deployment's container (`i`): `IMAGE` for `container`, or
        /// `CONTAINER=IMAGE` words as `kubectl set image` takes them.
        case setImage(deployment: String, container: String)
    }
    public var purpose: Purpose
    public var label: String
}

/// Text shown over the panes, scrolled with the arrow keys.
public struct Overlay: Equatable, Sendable {
    public var title: String
    public var lines: [String]
    public var scroll = 0
    /// The first column shown, for lines wider than the panel.
    public var column = 0
    public var isError = false

    /// The longest line's length.
    public var widest: Int { lines.reduce(0) { max($0, $1.count) } }

    public init(title: String, text: String, isError: Bool = false) {
        self.title = title
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
        self.isError = isError
    }
}
