import Cluster

/// The rollout of the selected deployment (Enter on Deployments), over the workload and pod
/// panes: the strategy, revision and the surge/unavailable limits in force, bars for updated,
/// ready and available of desired, whether it is paused, stalled or done, and the old and new
/// ReplicaSets side by side with a tile per pod, as the node map draws them.
struct RolloutView {
    let dashboard: Dashboard
    let summary: RolloutSummary
    let rect: Rect
    var theme: Theme { dashboard.theme }

    func draw(into frame: inout Frame) {
        frame.fill(rect, with: Cell(" ", theme[.text]))
        frame.box(rect, title: "Rollout: deployment/\(summary.deployment.name)", style: theme[.focus], titleStyle: theme.paneTitle(focused: true))
        let body = rect.inner
        guard body.height >= 1 else { return }
        var y = body.y
        let limits = limitsLine(compact: false)
        frame.put(" " + (limits.count < body.width ? limits : limitsLine(compact: true)), x: body.x, y: y, style: theme[.text], clip: body)
        y += 1
        if y < body.maxY { drawBars(y: y, in: body, into: &frame); y += 1 }
        if y < body.maxY { drawPhase(y: y, in: body, into: &frame); y += 1 }
        guard y + 1 < body.maxY else { return }
        let half = body.width / 2
        let left = Rect(x: body.x, y: y, width: half - 1, height: body.maxY - y)
        let right = Rect(x: body.x + half + 1, y: y, width: body.width - half - 1, height: body.maxY - y)
        for row in y..<body.maxY { frame.put("│", x: body.x + half, y: row, style: theme[.border]) }
        var top = left.y
        if summary.old.isEmpty {
            frame.put(" old: none", x: left.x, y: top, style: theme[.hints], clip: left)
        }
        for side in summary.old where top < left.maxY {
            top = drawSide(side, label: "old", in: Rect(x: left.x, y: top, width: left.width, height: left.maxY - top), into: &frame)
        }
        if let new = summary.new {
            _ = drawSide(new, label: "new", in: right, into: &frame)
        } else {
            frame.put(" new: not created yet", x: right.x, y: right.y, style: theme[.hints], clip: right)
        }
    }

    /// `RollingUpdate  revision 2  maxSurge 1 (25%)  maxUnavailable 0 (25%)  → at most 4 pods,
    /// at least 3 available`; compact for narrow screens (`RollingUpdate  maxSurge 1  maxUnavailable 0  → 4 pods max, 3 available min`).
    func limitsLine(compact: Bool) -> String {
        let d = summary.deployment
        let revision = summary.revision.isEmpty ? "" : "  revision \(summary.revision)"
        switch d.spec.strategy.type {
        case .recreate:
            return "Recreate\(revision)  every old pod goes before a new one starts"
        case .rollingUpdate:
            let surge = RolloutSummary.limit("maxSurge", summary.maxSurge, written: d.spec.strategy.maxSurge)
            let unavailable = RolloutSummary.limit("maxUnavailable", summary.maxUnavailable, written: d.spec.strategy.maxUnavailable)
            let most = summary.desired + summary.maxSurge
            let least = max(0, summary.desired - summary.maxUnavailable)
            if compact {
                // The revision shows on the ReplicaSets' lines; the percentages give way to the numbers.
                return "RollingUpdate  maxSurge \(summary.maxSurge)  maxUnavailable \(summary.maxUnavailable)  → \(most) pods max, \(least) available min"
            }
            return "RollingUpdate\(revision)  \(surge)  \(unavailable)  → at most \(most) pods, at least \(least) available"
        }
    }

    /// `updated ▮▮▯▯ 1/3   ready ▮▮▮▮ 3/3   available ▮▮▮▮ 3/3`.
    private func drawBars(y: Int, in body: Rect, into frame: inout Frame) {
        let desired = summary.desired
        let counts = [("updated", summary.updated), ("ready", summary.ready), ("available", summary.available)]
        let digits = String(max(desired, summary.updated, summary.ready)).count
        // Each part: label, bar, `n/desired`; the bars share what the labels leave.
        let fixed = counts.reduce(0) { $0 + $1.0.count + 2 * digits + 6 }
        let barWidth = max(3, min(20, (body.width - 1 - fixed) / 3))
        var x = body.x + 1
        for (label, count) in counts {
            x = frame.put(label + " ", x: x, y: y, style: theme[.hints], clip: body)
            let role: ThemeRole = count >= desired ? .running : .pending
            x = frame.put(NodeMapView.bar(Int64(count), of: Int64(max(desired, 1)), width: barWidth), x: x, y: y, style: theme[role], clip: body)
            x = frame.put(" \(count)/\(desired)   ", x: x, y: y, style: theme[.text], clip: body)
        }
    }

    private func drawPhase(y: Int, in body: Rect, into frame: inout Frame) {
        let name = summary.deployment.name
        switch summary.phase {
        case .complete:
            frame.put(" ✓ rollout complete: \(summary.updated) of \(summary.desired) updated and available", x: body.x, y: y, style: theme[.stepDone], clip: body)
        case .paused:
            frame.put(" ‖ PAUSED: nothing rolls out until `kubectl rollout resume deployment/\(name)` (p)", x: body.x, y: y,
                      style: theme.emphasized(.pending), clip: body)
        case .stalled(let message):
            frame.put(" ✗ ProgressDeadlineExceeded: \(message)", x: body.x, y: y, style: theme[.error], clip: body)
        case .progressing:
            let condition = summary.deployment.status.condition("Progressing")
            let text = "Waiting for deployment \"\(name)\" rollout to finish: \(summary.updated) out of \(summary.desired) new replicas have been updated..."
            var line = " … " + (condition?.reason == "NewReplicaSetAvailable" || summary.updated >= summary.desired ? waitingText : text)
            // Narrow: what kubectl says after the deployment's name.
            if line.count > body.width { line = " … rollout to finish: " + line.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) }
            frame.put(line, x: body.x, y: y, style: theme[.stepActive], clip: body)
        }
    }

    /// What `rollout status` waits for once every replica is updated (its later messages).
    private var waitingText: String {
        let name = summary.deployment.name
        let status = summary.deployment.status
        if status.replicas > status.updatedReplicas {
            return "Waiting for deployment \"\(name)\" rollout to finish: \(status.replicas - status.updatedReplicas) old replicas are pending termination..."
        }
        return "Waiting for deployment \"\(name)\" rollout to finish: \(status.availableReplicas) of \(status.updatedReplicas) updated replicas are available..."
    }

    /// A ReplicaSet's heading, image and pod tiles; returns the row after them.
    private func drawSide(_ side: RolloutSummary.Side, label: String, in area: Rect, into frame: inout Frame) -> Int {
        guard !area.isEmpty else { return area.maxY }
        let rs = side.replicaSet
        var x = frame.put(" \(label) ", x: area.x, y: area.y, style: theme.emphasized(label == "new" ? .running : .terminating), clip: area)
        x = frame.put("rev \(side.revision)  \(rs.name)", x: x, y: area.y, style: theme.emphasized(.text), clip: area)
        frame.put("  ready \(rs.status.readyReplicas)/\(rs.spec.replicas)", x: x, y: area.y, style: theme[.hints], clip: area)
        var y = area.y + 1
        guard y < area.maxY else { return y }
        frame.put(" " + side.image, x: area.x, y: y, style: theme[.hints], clip: area)
        y += 1
        let perRow = max(1, (area.width - 1) / Self.tileWidth)
        let rows = (side.pods.count + perRow - 1) / perRow
        let room = area.maxY - y
        for (i, pod) in side.pods.enumerated() {
            let row = i / perRow
            guard row < room else { break }
            // The last place of a full area counts the pods left out.
            if row == room - 1, i % perRow == perRow - 1, rows > room {
                frame.put("+\(side.pods.count - i)", x: area.x + 1 + (i % perRow) * Self.tileWidth, y: y + row, style: theme[.hints], clip: area)
                break
            }
            let state = PodTileState(pod)
            let style = theme.status(state.role, on: .plain)
            let tile = String(state.glyph) + PodTileState.shortName(pod.name)
            frame.put(tile, x: area.x + 1 + (i % perRow) * Self.tileWidth, y: y + row, style: style, clip: area)
        }
        if side.pods.isEmpty { frame.put(" no pods", x: area.x, y: y, style: theme[.hints], clip: area) }
        return y + max(1, min(rows, room))
    }

    static let tileWidth = 7
}
