import Cluster

/// The healing timeline for the latest disruption: each step of the repair with the virtual
/// time it happened and who did it (the seed post's 13-step chain, live).
struct HealingView {
    let dashboard: Dashboard
    let rect: Rect
    var theme: Theme { dashboard.theme }

    func draw(into frame: inout Frame) {
        let timeline = dashboard.healing.timeline
        frame.box(rect, title: timeline.map { "Healing: \($0.title)" } ?? "Healing", style: theme[.border],
                  titleStyle: theme[.border].overlaid(with: Style(bold: true)))
        let body = rect.inner
        guard body.height > 0 else { return }
        guard let timeline else {
            frame.put(" Kill a pod (x on the Pods pane) or fail a node (f on Nodes) to watch the cluster heal.",
                      x: body.x, y: body.y, style: theme[.hints], clip: body)
            return
        }
        // When not every step fits, keep the latest ones (the step in progress matters most).
        let lastDone = timeline.steps.lastIndex { $0.state != .pending } ?? 0
        let first = max(0, min(lastDone - body.height + 2, timeline.steps.count - body.height))
        let actorColumn = max(body.width - 28, body.width * 2 / 3)
        for (offset, step) in timeline.steps.dropFirst(first).prefix(body.height).enumerated() {
            let y = body.y + offset
            let (mark, role): (String, ThemeRole) = switch step.state {
            case .done: ("✓", .stepDone)
            case .active: ("…", .stepActive)
            case .pending: ("·", .stepPending)
            }
            let time = step.time.map(Self.clock) ?? "       "
            var x = frame.put(" \(time)  ", x: body.x, y: y, style: theme[.hints], clip: body)
            x = frame.put("\(mark) ", x: x, y: y, style: theme[role], clip: body)
            let textRoom = max(0, actorColumn - x - 1)
            let text = step.text.count > textRoom ? String(step.text.prefix(max(0, textRoom - 1))) + "…" : step.text
            frame.put(text, x: x, y: y, style: step.state == .pending ? theme[.stepPending] : theme[.text], clip: body)
            frame.put(step.actor, x: actorColumn, y: y, style: theme[.hints], clip: body)
        }
    }

    /// `02:38.0`: minutes, seconds and tenths of virtual time.
    static func clock(_ t: SimTime) -> String {
        let tenths = t.milliseconds / 100
        let minutes = tenths / 600, seconds = (tenths / 10) % 60
        return "\(String(minutes).leftPadded(2)):\(String(seconds).leftPadded(2)).\(tenths % 10)"
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
