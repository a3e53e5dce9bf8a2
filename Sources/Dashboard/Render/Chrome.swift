import Cluster

/// The frame around the panes: the header in the top border, the status (or input) line, the
/// key hints in the bottom border, and the overlays.
struct Chrome {
    let dashboard: Dashboard
    var theme: Theme { dashboard.theme }

    /// `kubesim ─ default ─ t=00:02:41 ─ 1× ▶ ─ nodes 3/3 Ready ─ pods 3/3 Ready +1 orphan … theme: default`
    func drawHeader(width: Int, into frame: inout Frame) {
        let cluster = dashboard.cluster
        let nodes = cluster.store.list(Node.self)
        let ready = nodes.filter(\.isReady).count
        let seconds = cluster.now.milliseconds / 1000
        let time = "\(String(seconds / 3600).leftPadded(2)):\(String(seconds / 60 % 60).leftPadded(2)):\(String(seconds % 60).leftPadded(2))"
        let play = dashboard.paused ? "‖ paused" : "▶"
        var left = " kubesim ─ default ─ t=\(time) ─ \(dashboard.speed.label) \(play) ─ nodes \(ready)/\(nodes.count) Ready ─ \(HeaderCounts.pods(dashboard.view)) "
        // On a narrow screen the counts matter more than the namespace.
        for less in [" ─ default", " kubesim ─"] where left.count > width - 4 { left = left.replacingOccurrences(of: less, with: "") }
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
            if let status = dashboard.status {
                let text = (status.isError ? " ✗ " : " ✓ ") + status.text
                frame.put(text, x: area.x, y: row, style: theme[status.isError ? .statusError : .statusOK], clip: area)
            } else if let command = dashboard.running.last {
                frame.put(" … \(command.line)", x: area.x, y: row, style: theme[.hints], clip: area)
            }
        }
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

    /// Key hints for the focused pane, in the bottom border.
    func drawHints(width: Int, height: Int, into frame: inout Frame) {
        let hints: [(String, String)]
        switch dashboard.mode {
        case .overlay: hints = [("↑↓", "scroll"), ("PgUp PgDn", "page"), ("Esc", "close")]
        case .command where !dashboard.completions.isEmpty:
            hints = dashboard.completions.map { ($0, "") }
        case .command: hints = [("Enter", "run"), ("Tab", "complete"), ("↑↓", "history"), ("Esc", "cancel")]
        case .filter, .prompt: hints = [("Enter", "run"), ("Esc", "cancel")]
        case .normal:
            let scenario: [(String, String)] = dashboard.player == nil ? [] : [("PgDn →", "next"), ("PgUp ←", "back")]
            hints = scenario + dashboard.focus.actionHints + [("Enter", "describe"), ("/", "filter"), (":", "command"), ("Tab", "pane"),
                                                   ("space", dashboard.paused ? "resume" : "pause"), ("< >", "speed"),
                                                   ("t", "theme"), ("?", "help"), ("q", "quit")]
        }
        var x = 2
        let clip = Rect(x: 1, y: height - 1, width: width - 2, height: 1)
        for (key, action) in hints {
            let piece = " \(key) \(action) "
            guard x + piece.count <= width - 2 else { break }
            x = frame.put(" \(key)", x: x, y: height - 1, style: theme[.hints].overlaid(with: Style(bold: true)), clip: clip)
            x = frame.put(" \(action) ", x: x, y: height - 1, style: theme[.hints], clip: clip)
        }
    }

    /// A centered box over the panes with scrollable text.
    func drawOverlay(_ overlay: Overlay, width: Int, height: Int, into frame: inout Frame) {
        let rect = Rect(x: 3, y: 2, width: width - 6, height: height - 4)
        frame.fill(rect, with: Cell(" ", theme[.overlay]))
        frame.box(rect, title: overlay.title, style: theme[.focus], titleStyle: theme[.focus].overlaid(with: Style(bold: true)))
        let body = rect.inner
        let style = overlay.isError ? theme[.statusError] : theme[.overlay]
        for (offset, line) in overlay.lines.dropFirst(overlay.scroll).prefix(body.height).enumerated() {
            frame.put(" " + line, x: body.x, y: body.y + offset, style: style, clip: body)
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
        let x = max(0, (width - message.count) / 2)
        frame.put(message, x: x, y: max(0, height / 2 - 1), style: theme[.statusError])
        frame.put(now, x: max(0, (width - now.count) / 2), y: max(0, height / 2), style: theme[.hints])
        return frame
    }
}
