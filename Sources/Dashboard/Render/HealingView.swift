import Cluster

/// The timeline of the latest disruption (or scale): each step with the virtual time it
/// happened and who did it (the seed post's 13-step chain, live).
struct HealingView {
    let dashboard: Dashboard
    let rect: Rect
    var theme: Theme { dashboard.theme }

    func draw(into frame: inout Frame) {
        let timeline = dashboard.healing.timeline
        frame.box(rect, title: timeline?.heading ?? "Healing", style: theme[.border],
                  titleStyle: theme[.border].overlaid(with: Style(bold: true)))
        let body = rect.inner
        guard body.height > 0 else { return }
        guard let timeline else {
            frame.put(" Kill a pod (x on the Pods pane) or fail a node (f on Nodes) to watch the cluster heal.",
                      x: body.x, y: body.y, style: theme[.hints], clip: body)
            return
        }
        let shown = Self.shown(timeline.steps, rows: body.height)
        // The actor column is as wide as the longest actor shown, so the text keeps the rest.
        let actorColumn = body.maxX - min(28, (shown.map(\.actor.count).max() ?? 0) + 2)
        for (offset, step) in shown.enumerated() {
            let y = body.y + offset
            let (mark, role): (String, ThemeRole) = switch step.state {
            case .done: ("✓", .stepDone)
            case .active: ("…", .stepActive)
            case .pending: ("·", .stepPending)
            case .failed: ("✗", .error)
            }
            let time = step.time.map(Self.clock) ?? "       "
            var x = frame.put(" \(time)  ", x: body.x, y: y, style: theme[.hints], clip: body)
            x = frame.put("\(mark) ", x: x, y: y, style: theme[role], clip: body)
            // Two spaces at least before the actor, or a cut text reads as running into it.
            let textRoom = max(0, actorColumn - x - 2)
            var text = step.text.count > textRoom ? Self.shortened(step.text) : step.text
            if text.count > textRoom { text = String(text.prefix(max(0, textRoom - 1))) + "…" }
            frame.put(text, x: x, y: y, style: step.state == .pending ? theme[.stepPending] : step.state == .failed ? theme[.error] : theme[.text], clip: body)
            frame.put(step.actor, x: actorColumn, y: y, style: theme[.hints], clip: body)
        }
    }

    /// The steps that fit in `rows`: when not all do, the cause stays on top (what happened), and
    /// below it the latest steps, up to the one after the last done (what is happening now).
    static func shown(_ steps: [HealingStep], rows: Int) -> [HealingStep] {
        guard steps.count > rows else { return steps }
        guard rows > 1 else { return Array(steps.prefix(rows)) }
        let lastDone = steps.lastIndex { $0.state != .pending } ?? 0
        let end = min(steps.count, max(lastDone + 2, rows))
        return [steps[0]] + steps[(end - rows + 1)..<end]
    }

    /// `hello-kiamol-2-77fcdb95bd-vtnpj` → `…-vtnpj` (a hash is the decimal of a 32-bit value, so
    /// up to 10 characters), for a step that does not fit: the random
    /// suffix is what tells one pod of a ReplicaSet from another.
    static func shortened(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let parts = word.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count >= 3, parts[parts.count - 1].count == 5, (1...10).contains(parts[parts.count - 2].count) else { return String(word) }
            return "…-" + parts[parts.count - 1]
        }.joined(separator: " ")
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
