/// Draws what a scenario's printing steps printed, in a box the audience reads like a terminal:
/// each command as typed, then its output; errors in the error colour.
struct ScenarioOutputView {
    let lines: [ScenarioOutputPanel.Line]
    let theme: Theme

    /// Draws into `rect` from line `scroll` (clamped so the box stays full); returns the body's
    /// height, for the scroll keys.
    @discardableResult
    func draw(in rect: Rect, scroll: Int, into frame: inout Frame) -> Int {
        frame.fill(rect, with: Cell(" ", theme[.text]))
        frame.box(rect, title: "Output", style: theme[.focus], titleStyle: theme[.focus].overlaid(with: Style(bold: true)))
        let body = rect.inner
        guard body.height > 0 else { return 0 }
        let first = max(0, min(scroll, lines.count - body.height))
        for (offset, line) in lines.dropFirst(first).prefix(body.height).enumerated() {
            let style = switch line.kind {
            case .command: theme[.prompt].overlaid(with: Style(bold: true))
            case .output: theme[.text]
            case .error: theme[.statusError]
            }
            frame.put(" " + line.text, x: body.x, y: body.y + offset, style: style, clip: body)
        }
        // Where the audience is in a long output, and how the presenter moves or closes it.
        let position = lines.count > body.height ? "\(first + 1)-\(min(first + body.height, lines.count))/\(lines.count) ↑↓ " : ""
        let note = " \(position)Esc close "
        if note.count + 4 <= rect.width {
            frame.put(note, x: rect.maxX - 2 - note.count, y: rect.maxY - 1, style: theme[.focus])
        }
        return body.height
    }
}
