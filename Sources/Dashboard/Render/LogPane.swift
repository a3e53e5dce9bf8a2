import Cluster

/// Draws the log view (`L`): a box naming the pod and container, the log's lines wrapped to
/// the width (long access lines stay whole), the newest at the bottom while following, and
/// where the view is in the bottom border.
struct LogPane {
    let view: LogView
    let cluster: Cluster
    let rect: Rect
    let theme: Theme

    /// Draws the view; returns where it is, for the scrolling keys (nil with no lines).
    func draw(into frame: inout Frame) -> LogPage? {
        frame.fill(rect, with: Cell(" ", theme[.text]))
        var title = "Logs: pod/\(view.pod) ─ container \(view.container)"
        if view.containers.count > 1, let i = view.containers.firstIndex(of: view.container) {
            title += " (\(i + 1) of \(view.containers.count), c: next)"
        }
        let content = view.content(in: cluster)
        if case .lines(let log) = content, log.restartCount > 0 { title += " ─ restart \(log.restartCount)" }
        frame.box(rect, title: title, style: theme[.focus], titleStyle: theme.paneTitle(focused: true))
        let body = rect.inner
        guard body.height >= 1, body.width >= 4 else { return nil }
        let lines: ArraySlice<LogLine>
        switch content {
        case .gone:
            frame.put(" pod/\(view.pod) is gone: its log went with it (Esc returns)", x: body.x, y: body.y, style: theme[.statusError], clip: body)
            return nil
        case .unavailable(let reason):
            // Wrapped as log lines are: the API server's dial error names a long URL.
            for (offset, row) in Self.wrap(reason, width: body.width - 2).prefix(body.height).enumerated() {
                frame.put(" " + row, x: body.x, y: body.y + offset, style: theme[.hints], clip: body)
            }
            return nil
        case .lines(let log):
            lines = log.lines
        }
        guard !lines.isEmpty else {
            frame.put(" (no lines yet)", x: body.x, y: body.y, style: theme[.hints], clip: body)
            return nil
        }
        let width = body.width - 2 // a space either side
        let followFirst = Self.followFirst(lines, width: width, rows: body.height)
        let first = view.top.flatMap { top in lines.firstIndex { $0.sequence >= top } } ?? followFirst
        var rows: [String] = []
        var index = first
        while index < lines.endIndex && rows.count < body.height || (view.isFollowing && index < lines.endIndex) {
            rows += Self.wrap(lines[index].text, width: width)
            index += 1
        }
        // Following, the newest row is at the bottom (the oldest line shown may lose its top).
        let shown = view.isFollowing ? Array(rows.suffix(body.height)) : Array(rows.prefix(body.height))
        for (offset, row) in shown.enumerated() {
            frame.put(" " + row, x: body.x, y: body.y + offset, style: theme[.overlay], clip: body)
        }
        let number = first - lines.startIndex + 1
        let position = view.isFollowing ? " following · \(lines.count) lines " : " line \(number) of \(lines.count) · G follows "
        frame.put(position, x: max(rect.x + 1, rect.maxX - position.count - 2), y: rect.maxY - 1, style: theme[.focus])
        return LogPage(first: lines[first].sequence, followFirst: lines[followFirst].sequence, rows: body.height)
    }

    /// The first line shown when the newest lines fill `rows` rows.
    static func followFirst(_ lines: ArraySlice<LogLine>, width: Int, rows: Int) -> Int {
        var used = 0
        var index = lines.endIndex
        while index > lines.startIndex && used < rows {
            index -= 1
            used += wrap(lines[index].text, width: width).count
        }
        return index
    }

    /// `text` cut into rows of `width` characters, the rows after the first indented so each
    /// line's start stands out (an empty line is one empty row).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > continuationIndent.count, text.count > width else { return [text] }
        var rows = [String(text.prefix(width))]
        var rest = Substring(text).dropFirst(width)
        let room = width - continuationIndent.count
        while !rest.isEmpty {
            rows.append(continuationIndent + rest.prefix(room))
            rest = rest.dropFirst(room)
        }
        return rows
    }

    static let continuationIndent = "  "
}
