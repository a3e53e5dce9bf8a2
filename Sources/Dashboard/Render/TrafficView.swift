import Cluster

/// The Traffic pane: each pod's requests per second as a bar of its share of the total, the
/// total and the share that failed, and the last minute second by second (errors, and on
/// roomy screens the request rate). It takes one of the lower places while requests flow
/// (see `Dashboard.trafficPlace`).
struct TrafficView {
    let summary: TrafficSummary
    let rect: Rect
    let theme: Theme

    /// Rows the pane needs before its strips get rows of their own.
    static let roomyRows = 4
    /// Labels before the strips.
    static let stripLabelWidth = 10

    func draw(into frame: inout Frame) {
        frame.fill(rect, with: Cell(" ", theme[.text]))
        frame.box(rect, title: "Traffic", style: theme[.border], titleStyle: theme[.border].overlaid(with: Style(bold: true)))
        let body = rect.inner
        guard body.height >= 1, body.width >= 20 else { return }
        var x = frame.put(" total ", x: body.x, y: body.y, style: theme[.hints], clip: body)
        x = frame.put("\(TrafficSummary.format(summary.total)) req/s", x: x, y: body.y, style: theme.emphasized(.text), clip: body)
        x = frame.put("   errors ", x: x, y: body.y, style: theme[.hints], clip: body)
        x = frame.put(TrafficSummary.percent(summary.errorRatio), x: x, y: body.y, style: theme[summary.errorRatio > 0 ? .error : .running], clip: body)
        let roomy = body.height >= Self.roomyRows
        var stripRows = 0
        if roomy {
            // The strips sit at the bottom: errors last, the request rate above it when there is room.
            drawErrorStrip(y: body.maxY - 1, x: body.x, in: body, into: &frame)
            stripRows = 1
            if body.height >= 7 {
                drawRequestStrip(y: body.maxY - 2, x: body.x, in: body, into: &frame)
                stripRows = 2
            }
        } else {
            // Short: the error strip follows the totals on their line.
            drawErrorStrip(y: body.y, x: x + 2, in: body, into: &frame, label: " ")
        }
        let podArea = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1 - stripRows - (stripRows > 0 && body.height >= 6 ? 1 : 0))
        drawPods(in: podArea, into: &frame)
    }

    /// One bar per pod, in columns when they need them; `+N more` when they do not all fit.
    private func drawPods(in area: Rect, into frame: inout Frame) {
        guard area.height > 0 else { return }
        let pods = summary.pods
        guard !pods.isEmpty else {
            let text = summary.total > 0 ? " no pod answered: the requests found no ready endpoint" : " no requests in the last few seconds"
            frame.put(text, x: area.x, y: area.y, style: theme[summary.total > 0 ? .error : .hints], clip: area)
            return
        }
        // As many columns as the pods need, as far as the width allows.
        let columns = max(1, min(area.width / Self.narrowestEntry, (pods.count + area.height - 1) / area.height))
        let slots = area.height * columns
        let shown = pods.count > slots ? Array(pods.prefix(slots - 1)) : pods
        let entryWidth = area.width / columns
        let sum = pods.reduce(0) { $0 + $1.rate }
        let names = Self.names(shown, width: entryWidth)
        let nameWidth = names.map(\.count).max() ?? 0
        let barWidth = max(4, min(40, entryWidth - nameWidth - Self.fixedWidth))
        for (i, pod) in shown.enumerated() {
            let x = area.x + (i / area.height) * entryWidth
            let y = area.y + i % area.height
            let clip = Rect(x: x, y: y, width: entryWidth, height: 1)
            var at = frame.put(" " + names[i].padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  ", x: x, y: y, style: theme[.text], clip: clip)
            let bar = NodeMapView.bar(Int64((pod.rate * 100).rounded()), of: Int64((sum * 100).rounded()), width: barWidth)
            at = frame.put(bar, x: at, y: y, style: theme[pod.rate > 0 ? .running : .hints], clip: clip)
            let share = sum > 0 ? TrafficSummary.percent(pod.rate / sum) : "0%"
            at = frame.put(" " + (TrafficSummary.format(pod.rate) + "/s").leftPadded(7, with: " "), x: at, y: y, style: theme.emphasized(.text), clip: clip)
            frame.put(" " + share.leftPadded(5, with: " "), x: at, y: y, style: theme[.hints], clip: clip)
        }
        if shown.count < pods.count {
            let i = shown.count
            frame.put(" +\(pods.count - i) more pods", x: area.x + (i / area.height) * entryWidth, y: area.y + i % area.height, style: theme[.hints], clip: area)
        }
    }

    /// Room an entry needs besides its name and bar: spaces, `16.6/s`, ` 33.3%`.
    static let fixedWidth = 1 + 2 + 8 + 6 + 1
    /// An entry narrower than this gets one column.
    static let narrowestEntry = 34

    /// Pod names as wide as the entries allow: whole, or `…-77lfl` (the random suffix tells
    /// pods of one ReplicaSet apart), with `NAMESPACE/` for pods outside the shown namespace.
    static func names(_ pods: [TrafficSummary.PodRate], width: Int) -> [String] {
        let whole = pods.map { $0.name }
        let widest = whole.map(\.count).max() ?? 0
        let names = widest + fixedWidth + 10 <= width ? whole : whole.map(HealingView.shortened)
        return zip(pods, names).map { pod, name in pod.namespace == pods.first?.namespace ? name : "\(pod.namespace)/\(name)" }
    }

    /// `errors ▁▁▁▃▁▁ 60s`: each second's share of failed requests; a dot where none came.
    private func drawErrorStrip(y: Int, x: Int, in body: Rect, into frame: inout Frame, label: String = " errors") {
        let width = stripWidth(from: x, label: label, in: body)
        guard width > 0 else { return }
        var at = frame.put(label.padding(toLength: label == " " ? 1 : Self.stripLabelWidth, withPad: " ", startingAt: 0), x: x, y: y, style: theme[.hints], clip: body)
        for second in summary.seconds.suffix(width) {
            let (glyph, role): (Character, ThemeRole) = second.requests == 0 ? (Sparkline.nothing, .hints)
                : second.errors == 0 ? (Sparkline.levels[0], .running)
                : (max(Sparkline.levels[1], Sparkline.glyph(Double(second.errors), of: Double(second.requests))), .error)
            at = frame.put(String(glyph), x: at, y: y, style: theme[role], clip: body)
        }
        frame.put(" errors, last \(width)s", x: at, y: y, style: theme[.hints], clip: body)
    }

    /// `requests ▃▅▇█▇▆ 60s`: each second's requests against the busiest second of the minute.
    private func drawRequestStrip(y: Int, x: Int, in body: Rect, into frame: inout Frame) {
        let width = stripWidth(from: x, label: " requests", in: body)
        guard width > 0 else { return }
        let seconds = summary.seconds.suffix(width)
        let busiest = seconds.map(\.requests).max() ?? 0
        var at = frame.put(" requests".padding(toLength: Self.stripLabelWidth, withPad: " ", startingAt: 0), x: x, y: y, style: theme[.hints], clip: body)
        for second in seconds {
            let glyph = second.requests == 0 ? Sparkline.nothing : Sparkline.glyph(Double(second.requests), of: Double(busiest))
            at = frame.put(String(glyph), x: at, y: y, style: theme[second.requests == 0 ? .hints : .text], clip: body)
        }
        frame.put(" req/s, top \(busiest)", x: at, y: y, style: theme[.hints], clip: body)
    }

    /// Seconds a strip shows: the last minute, or as much of it as fits beside its labels.
    private func stripWidth(from x: Int, label: String, in body: Rect) -> Int {
        let labels = (label == " " ? 1 : Self.stripLabelWidth) + " errors, last 60s".count + 1
        return max(0, min(TrafficLedger.window, body.maxX - x - labels))
    }
}
