import Cluster

/// The frame around the panes: the header in the top border, the status (or input) line, the
/// key hints in the bottom border, and the overlays.
struct Chrome {
    let dashboard: Dashboard
    var theme: Theme { dashboard.theme }

    /// `kubesim ─ NAMESPACE ─ t=00:02:41 ─ 1× ▶ ─ nodes 3/3 Ready ─ pods 3/3 Ready +1 orphan … theme: default`
    func drawHeader(width: Int, into frame: inout Frame) {
        let cluster = dashboard.cluster
        let tally = dashboard.view.tally
        let seconds = cluster.now.milliseconds / 1000
        let time = "\(String(seconds / 3600).leftPadded(2)):\(String(seconds / 60 % 60).leftPadded(2)):\(String(seconds % 60).leftPadded(2))"
        // While the cluster is busier than real time allows, virtual time falls behind: say so.
        let lag = dashboard.simulationLag.milliseconds / 1000
        let play = dashboard.paused ? "‖ paused" : lag >= 1 ? "▶ \(lag)s behind" : "▶"
        let namespace = dashboard.namespace
        var left = " kubesim ─ \(namespace) ─ t=\(time) ─ \(dashboard.speed.label) \(play) ─ nodes \(tally.readyNodeCount)/\(tally.nodeCount) Ready ─ \(HeaderCounts.pods(dashboard.view)) "
        // On a narrow screen the counts matter more than the namespace.
        for less in [" ─ \(namespace)", " kubesim ─"] where left.count > width - 4 { left = left.replacingOccurrences(of: less, with: "") }
        let right = " theme: \(theme.name) "
        frame.put(left, x: 2, y: 0, style: theme[.header], clip: Rect(x: 1, y: 0, width: width - 2, height: 1))
        if 2 + left.count + right.count + 2 <= width {
            frame.put(right, x: width - 2 - right.count, y: 0, style: theme[.header])
        }
    }

    /// The status line, or the input line while typing a command, a filter or a prompt answer.
    func drawStatus(row: Int, width: Int, into frame: inout Frame) {
        let area = Rect(x: 1, y: row, width: width - 2, height: 1)
        frame.fill(area, with: Cell(" ", theme[.text]))
        switch dashboard.mode {
        case .command(let input): drawInput(":", input, row: row, area: area, into: &frame)
        case .filter(let input): drawInput("/", input, row: row, area: area, into: &frame)
        case .prompt(let prompt, let input): drawInput("\(prompt.label): ", input, row: row, area: area, into: &frame)
        default:
            // A command still running shows a spinner and its line until it ends, with the
            // latest thing it printed — unless a later command's result is newer news.
            let command = dashboard.running.last { !$0.line.hasPrefix("scenario ") }
            if let command, dashboard.status.map({ $0.byRunningCommand || $0.at < command.startedAt }) ?? true {
                var x = frame.put(Self.fitted(" \(Self.spinner(at: dashboard.cluster.now)) \(command.line)", room: area.width),
                                  x: area.x, y: row, style: theme[.prompt], clip: area)
                if let status = dashboard.status, status.at >= command.startedAt, area.maxX - x > 3 {
                    x = frame.put("  ", x: x, y: row, style: theme[.text], clip: area)
                    frame.put(Self.fitted(status.text, room: area.maxX - x), x: x, y: row,
                              style: theme[status.isError ? .statusError : .statusOK], clip: area)
                }
            } else if let status = dashboard.status {
                let more = status.moreLines > 0 ? "  (+\(status.moreLines) more line\(status.moreLines == 1 ? "" : "s"): o shows all)" : ""
                let busy = command.map { " \(Self.spinner(at: dashboard.cluster.now)) \($0.line)" } ?? ""
                let room = area.width - more.count
                var text = (status.isError ? " ✗ " : " ✓ ") + status.text
                text = Self.fitted(text, room: room)
                var x = frame.put(text, x: area.x, y: row, style: theme[status.isError ? .statusError : .statusOK], clip: area)
                x = frame.put(more, x: x, y: row, style: theme[.hints], clip: area)
                if x + 2 + busy.count <= area.maxX { frame.put(busy, x: area.maxX - busy.count, y: row, style: theme[.hints], clip: area) }
            }
        }
    }

    /// `text` cut to `room` columns with `…` where it was cut, so a cut line says so.
    static func fitted(_ text: String, room: Int) -> String {
        text.count > room ? String(text.prefix(max(0, room - 1))) + "…" : text
    }

    /// A spinner that turns with virtual time (four steps a second).
    static func spinner(at now: SimTime) -> String {
        let frames = ["◴", "◷", "◶", "◵"]
        return frames[Int((now.milliseconds / 250) % Int64(frames.count))]
    }

    private func drawInput(_ label: String, _ input: TextInput, row: Int, area: Rect, into frame: inout Frame) {
        let x = frame.put(" " + label, x: area.x, y: row, style: theme[.prompt], clip: area)
        let room = area.maxX - x - 1
        let chars = Array(input.text)
        let start = max(0, input.cursor - room)
        frame.put(String(chars[start..<min(chars.count, start + room)]), x: x, y: row, style: theme[.text], clip: area)
        let cursorX = x + input.cursor - start
        let under = input.cursor < chars.count ? chars[input.cursor] : " "
        frame.put(String(under), x: cursorX, y: row, style: theme[.text].overlaid(with: Style(reverse: true)), clip: area)
    }

    /// Key hints for the focused pane, in the bottom border. `? help` and `q quit` are always
    /// there, at the right end; the others fill the room left of them, in order.
    func drawHints(width: Int, height: Int, into frame: inout Frame) {
        let hints: [(String, String)]
        var always: [(String, String)] = [("?", "help"), ("q", "quit")]
        switch dashboard.mode {
        case .overlay(let overlay):
            var keys: [(String, String)] = [("↑↓", "scroll"), ("PgUp PgDn", "page")]
            if overlay.widest > width - 10 { keys.append(("← →", "sideways")) }
            hints = keys
            always = [("Esc", "close")]
        case .command where !dashboard.completions.isEmpty:
            hints = dashboard.completions.map { ($0, "") }
            always = []
        case .command: hints = [("Enter", "run"), ("Tab", "complete"), ("↑↓", "history")]; always = [("Esc", "cancel")]
        case .filter, .prompt: hints = [("Enter", "run")]; always = [("Esc", "cancel")]
        case .logs(let logs):
            hints = [("↑↓", "scroll"), ("PgUp PgDn", "page"), logs.isFollowing ? ("g", "oldest") : ("G", "follow")]
                + (logs.containers.count > 1 ? [("c", "container")] : []) + [("space", dashboard.paused ? "resume time" : "pause time")]
            always = [("Esc", "back")]
        case .normal where dashboard.rolloutShown:
            let paused = dashboard.rolloutSummary?.deployment.spec.paused ?? false
            hints = [("i", "set image"), ("u", "undo"), ("p", paused ? "resume" : "pause"), ("R", "restart"), ("j k", "deployment"),
                     ("d", "describe"), ("space", dashboard.paused ? "resume time" : "pause time"), ("< >", "speed")]
            always = [("Esc", "close"), ("?", "help")]
        case .normal:
            let scenario: [(String, String)] = dashboard.player == nil ? [] : [("PgDn →", "next"), ("PgUp ←", "back")]
            let enter = dashboard.focus == .deployments ? ("Enter", "rollout") : ("Enter", "describe")
            hints = scenario + dashboard.focus.actionHints + [enter, ("/", "filter"), (":", "command"), ("Tab", "pane"),
                                                   ("space", dashboard.paused ? "resume" : "pause"), ("< >", "speed"),
                                                   ("z", "zoom"), ("o", "output"), ("t", "theme")]
        }
        func span(_ pieces: [(String, String)]) -> Int { pieces.reduce(0) { $0 + $1.0.count + $1.1.count + 3 } }
        let clip = Rect(x: 1, y: height - 1, width: width - 2, height: 1)
        let alwaysX = width - 3 - span(always)
        var x = 2
        for (key, action) in hints {
            guard x + key.count + action.count + 3 <= alwaysX else { break }
            x = put(key, action, x: x, y: height - 1, clip: clip, into: &frame)
        }
        x = max(x, alwaysX)
        for (key, action) in always { x = put(key, action, x: x, y: height - 1, clip: clip, into: &frame) }
    }

    private func put(_ key: String, _ action: String, x: Int, y: Int, clip: Rect, into frame: inout Frame) -> Int {
        let after = frame.put(" \(key)", x: x, y: y, style: theme[.hints].overlaid(with: Style(bold: true)), clip: clip)
        return frame.put(" \(action) ", x: after, y: y, style: theme[.hints], clip: clip)
    }

    /// A centered box over the panes with scrollable text.
    func drawOverlay(_ overlay: Overlay, width: Int, height: Int, into frame: inout Frame) {
        // Over the panes up to their borders: a pane's last column left showing beside it would show
        // through (the `…` of a cut Events row).
        let rect = Rect(x: 2, y: 2, width: width - 4, height: height - 4)
        frame.fill(rect, with: Cell(" ", theme[.overlay]))
        frame.box(rect, title: overlay.title, style: theme[.focus], titleStyle: theme[.focus].overlaid(with: Style(bold: true)))
        let body = rect.inner
        let style = overlay.isError ? theme[.statusError] : theme[.overlay]
        // Lines cut at either side say so with `…`.
        let room = body.width - 1
        for (offset, line) in overlay.lines.dropFirst(overlay.scroll).prefix(body.height).enumerated() {
            var shown = String(line.dropFirst(overlay.column).prefix(room))
            if overlay.column > 0 && !line.isEmpty { shown = "…" + shown.dropFirst() }
            if line.count - overlay.column > room { shown = shown.dropLast() + "…" }
            frame.put(" " + shown, x: body.x, y: body.y + offset, style: style, clip: body)
        }
        if overlay.lines.count > body.height {
            let position = " \(min(overlay.scroll + body.height, overlay.lines.count))/\(overlay.lines.count) "
            frame.put(position, x: rect.maxX - position.count - 2, y: rect.maxY - 1, style: theme[.focus])
        }
    }

    /// Shown instead of the panes when the terminal is below 80×24.
    static func tooSmall(width: Int, height: Int, theme: Theme) -> Frame {
        var frame = Frame(width: width, height: height, fill: Cell(" ", theme[.text]))
        let message = "terminal too small (need \(Layout.minimumWidth)×\(Layout.minimumHeight))"
        let now = "this one is \(width)×\(height)"
        let keys = "keys wait until it is larger · q quits"
        let x = max(0, (width - message.count) / 2)
        frame.put(message, x: x, y: max(0, height / 2 - 1), style: theme[.statusError])
        frame.put(now, x: max(0, (width - now.count) / 2), y: max(0, height / 2), style: theme[.hints])
        frame.put(keys, x: max(0, (width - keys.count) / 2), y: max(0, height / 2 + 1), style: theme[.hints])
        return frame
    }
}
