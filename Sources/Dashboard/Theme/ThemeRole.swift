/// Everything a theme gives a style to. Theme files name these keys under `styles:`.
public enum ThemeRole: String, CaseIterable, Sendable {
    /// Ordinary text.
    case text
    /// Box borders of panes that are not focused.
    case border
    /// The focused pane's border and title.
    case focus
    /// The selected row of the focused table.
    case selection
    /// The header line (time, speed, counts, theme).
    case header
    /// The large band showing a scenario's caption to the audience.
    case caption
    /// Table column headings.
    case columnHeader = "column-header"
    /// The key-hint bar.
    case hints
    /// Pod and node statuses; each also fills a pod's tile on the node map (reversed).
    case running, pending, creating, terminating, error, completed
    /// A pod that runs but is not ready yet.
    case notReady = "not-ready"
    /// A pod whose container keeps failing and waits to be tried again: a crash loop
    /// (CrashLoopBackOff) or an image that cannot be pulled (ErrImagePull, ImagePullBackOff).
    /// It colors those pods' tiles on the node map; their STATUS words keep the error style.
    case backOff = "back-off"
    /// A pod released from its ReplicaSet (its labels no longer match), which nothing will replace.
    case orphan
    /// Rows that just appeared (they glow for a few seconds) and rows that just changed.
    case new, changed
    /// The status line after a command: success and failure.
    case statusOK = "status-ok"
    case statusError = "status-error"
    /// Healing timeline steps: done, in progress, still to come.
    case stepDone = "step-done"
    case stepActive = "step-active"
    case stepPending = "step-pending"
    /// Overlays (describe, help, command output) and the command line.
    case overlay
    case prompt
}
