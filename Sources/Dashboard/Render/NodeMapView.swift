import Cluster
import Commands

/// The Nodes pane as a map in the spirit of kube-ops-view: a card per node with its status,
/// requested CPU and memory, and one colored block per pod, so a pod leaving one node and
/// appearing on another is visible from the back of the room.
struct NodeMapView {
    let dashboard: Dashboard
    let rect: Rect
    var theme: Theme { dashboard.theme }

    func draw(into frame: inout Frame) {
        let focused = dashboard.focus == .nodes
        let names = dashboard.rowNames(.nodes)
        var title = "1 Nodes"
        if let filter = dashboard.filters[.nodes] { title += " /\(filter) (\(names.count))" }
        frame.box(rect, title: title, style: theme[focused ? .focus : .border], titleStyle: theme[focused ? .focus : .border].overlaid(with: Style(bold: true)))
        let body = rect.inner
        guard body.height >= 3 else { return }
        let columns = Layout.nodeColumns(width: body.width, nodeCount: names.count)
        let cardWidth = body.width / columns
        let rowsVisible = body.height / 3
        let selected = dashboard.selectedIndex(.nodes, in: names)
        let firstRow = max(0, selected / columns - rowsVisible + 1)
        for (offset, name) in names.dropFirst(firstRow * columns).prefix(rowsVisible * columns).enumerated() {
            guard let node = dashboard.cluster.store.get(Node.self, name) else { continue }
            let card = Rect(x: body.x + (offset % columns) * cardWidth, y: body.y + (offset / columns) * 3, width: cardWidth - 1, height: 3)
            drawCard(node, in: card, selected: focused && name == names[safe: selected], into: &frame)
        }
        if names.count > rowsVisible * columns {
            let note = " \(names.count) nodes, ↑↓ to scroll "
            // Right-aligned in the bottom border, keeping its corner.
            frame.put(note, x: rect.maxX - 2 - note.count, y: rect.maxY - 1, style: theme[.hints])
        }
    }

    private func drawCard(_ node: Node, in card: Rect, selected: Bool, into frame: inout Frame) {
        let status = ResourceTables.nodeStatus(node)
        let nameStyle = selected ? theme[.selection] : theme[.text].overlaid(with: Style(bold: true))
        let x = frame.put(" \(node.name) ", x: card.x, y: card.y, style: nameStyle, clip: card)
        // A narrow card gives STATUS a line of its own rather than cutting it.
        let statusFits = x + 1 + status.count <= card.maxX
        frame.put(" " + status, x: statusFits ? x : card.x, y: statusFits ? card.y : card.y + 1,
                  style: theme[PaneTable.role(forNode: node)], clip: card)

        let pods = dashboard.cluster.store.pods(onNode: node.name)
        let requested = pods.filter { !$0.isTerminating }.reduce(ResourceAmounts()) { $0 + $1.spec.requests }
        let alloc = node.status.allocatable
        let cpu = "\(Self.cores(requested.cpuMillis))/\(Self.cores(alloc.cpuMillis))"
        let mem = "\(Self.gibibytes(requested.memoryBytes))/\(Self.gibibytes(alloc.memoryBytes))Gi"
        let wide = card.width >= 36
        var line = ""
        if wide {
            line = " cpu \(Self.bar(requested.cpuMillis, of: alloc.cpuMillis, width: 6)) \(cpu)  mem \(Self.bar(requested.memoryBytes, of: alloc.memoryBytes, width: 4)) \(mem)"
        } else {
            line = " cpu \(cpu) mem \(mem)"
        }
        if statusFits { frame.put(line, x: card.x, y: card.y + 1, style: theme[.hints], clip: card) }

        // One block per pod, colored by its status; those that do not fit are counted.
        var bx = card.x + 1
        let spacing = pods.count * 2 <= card.width - 2 ? 2 : 1
        for (i, pod) in pods.enumerated() {
            if bx + spacing > card.maxX - 1 && i < pods.count {
                frame.put("+\(pods.count - i)", x: max(card.x + 1, bx - 1), y: card.y + 2, style: theme[.hints], clip: card)
                break
            }
            let role = PaneTable.role(forPodStatus: PodStatusFormatter.status(pod))
            var style = theme[role]
            if let appeared = dashboard.view.age(ofAppearance: pod.metadata.uid), appeared < TableView.glow {
                style = style.overlaid(with: Style(bold: true))
            }
            frame.put("■", x: bx, y: card.y + 2, style: style, clip: card)
            bx += spacing
        }
        if pods.isEmpty { frame.put(" no pods", x: card.x, y: card.y + 2, style: theme[.hints], clip: card) }
    }

    /// `0.2`, `4`: cores with one decimal when needed.
    static func cores(_ millis: Int64) -> String {
        millis % 1000 == 0 ? "\(millis / 1000)" : String(format: "%.1f", Double(millis) / 1000)
    }

    static func gibibytes(_ bytes: Int64) -> String {
        bytes % (1 << 30) == 0 ? "\(bytes >> 30)" : String(format: "%.1f", Double(bytes) / Double(1 << 30))
    }

    /// `▮▮▯▯▯▯` — how much of `total` is used.
    static func bar(_ used: Int64, of total: Int64, width: Int) -> String {
        let filled = total <= 0 ? 0 : Int(max(0, min(Double(width), (Double(used) / Double(total) * Double(width)).rounded(.up)))) // clamped before Int(): a pod bound by nodeName may request 8Ei of a 1Mi node
        return String(repeating: "▮", count: filled) + String(repeating: "▯", count: width - filled)
    }
}

import Foundation
