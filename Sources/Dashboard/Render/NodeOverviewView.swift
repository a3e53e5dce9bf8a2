import Cluster

/// The node map of a cluster too large for cards (thousands of nodes): one cell per node, or
/// per group of neighbouring nodes when even that does not fit, showing the worst state among
/// its pods (a node that is down shows as failed). Read from the tally, so a frame costs a
/// look-up per node, not a look at every pod. `Z` zooms into the selected node's region.
struct NodeOverviewView {
    let dashboard: Dashboard
    let rect: Rect
    var theme: Theme { dashboard.theme }

    /// How a cell of the overview looks: the worst of its nodes.
    enum CellState: Equatable {
        case down
        case pods(PodTileState)
        case empty
    }

    /// Nodes each cell stands for, when `nodeCount` nodes share `cells` cells.
    static func nodesPerCell(nodeCount: Int, cells: Int) -> Int {
        max(1, (nodeCount + max(1, cells) - 1) / max(1, cells))
    }

    /// The state of each cell, for `names` (map order) in groups of `perCell`.
    static func cellStates(_ names: [String], perCell: Int, tally: ClusterTally) -> [CellState] {
        var cells: [CellState] = []
        cells.reserveCapacity(names.count / perCell + 1)
        var start = 0
        while start < names.count {
            let group = names[start..<min(names.count, start + perCell)]
            if group.contains(where: tally.notReadyNodes.contains) {
                cells.append(.down)
            } else {
                var states = ClusterTally.PodStates()
                for name in group { states.formUnion(tally.pods(onNode: name)) }
                cells.append(states.worst.map(CellState.pods) ?? .empty)
            }
            start += perCell
        }
        return cells
    }

    func draw(names: [String], selected: Int, title: String, into frame: inout Frame) {
        let focused = dashboard.focus == .nodes
        let body = rect.inner
        guard body.height >= 1, body.width >= 3 else { return }
        // A space each side, as cards keep.
        let area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        let perCell = Self.nodesPerCell(nodeCount: names.count, cells: area.width * area.height)
        let tally = dashboard.view.tally
        let cells = Self.cellStates(names, perCell: perCell, tally: tally)
        let selectedCell = selected / perCell
        for (i, cell) in cells.enumerated() {
            let (glyph, style) = look(cell)
            let x = area.x + i % area.width, y = area.y + i / area.width
            frame.put(String(glyph), x: x, y: y, style: focused && i == selectedCell ? theme[.selection] : style, clip: area)
        }
        // What the numbers are: pods by state (the tally's), and what a cell stands for.
        let unit = perCell == 1 ? "a cell per node" : "a cell per \(perCell) nodes"
        let note = " \(names.count) nodes, \(unit), worst pod state · Z zooms in "
        let noteX = rect.maxX - 2 - note.count
        frame.put(note, x: noteX, y: rect.maxY - 1, style: theme[.hints])
        drawLegend(tally.pods, before: noteX, into: &frame)
        // The selected node named in the top border, after the title.
        if let name = names[safe: selected] {
            let states = tally.pods(onNode: name)
            let total = PodTileState.allCases.reduce(0) { $0 + states[$1] }
            let down = tally.notReadyNodes.contains(name) ? ", NotReady" : ""
            let label = " \(name)\(down): \(total) pod\(total == 1 ? "" : "s") "
            let titleEnd = rect.x + 3 + title.count + 1
            if titleEnd + label.count < rect.maxX - 1 {
                frame.put(label, x: titleEnd, y: rect.y, style: focused ? theme[.focus] : theme[.border])
            }
        }
    }

    /// The glyph and style of a cell: the tile of its worst pod state, ✗ for a node that is down,
    /// · for nodes with no pods.
    private func look(_ cell: CellState) -> (Character, Style) {
        switch cell {
        case .down: ("✗", theme.status(.error, on: .plain))
        case .pods(let state): (state.glyph, theme.status(state.role, on: .plain))
        case .empty: ("·", theme[.hints])
        }
    }

    /// `■ 149800 ready ◐ 200 creating`: every pod of the cluster by state, in the bottom border.
    private func drawLegend(_ pods: ClusterTally.PodStates, before limit: Int, into frame: inout Frame) {
        var x = rect.x + 2
        for state in PodTileState.bySeverity.reversed() where pods[state] > 0 {
            let text = " \(pods[state]) \(state.label) "
            guard x + 1 + text.count < limit else { break }
            x = frame.put(String(state.glyph), x: x, y: rect.maxY - 1, style: theme.status(state.role, on: .plain))
            x = frame.put(text, x: x, y: rect.maxY - 1, style: theme[.hints])
        }
    }
}
