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

        /// A number for each state, to keep something per state in an array.
        var index: Int {
            switch self {
            case .down: 0
            case .empty: 1
            case .pods(let state): 2 + state.index
            }
        }

        static var count: Int { 2 + PodTileState.allCases.count }
    }

    /// Nodes each cell stands for, when `nodeCount` nodes share `cells` cells.
    static func nodesPerCell(nodeCount: Int, cells: Int) -> Int {
        max(1, (nodeCount + max(1, cells) - 1) / max(1, cells))
    }

    /// The state of each cell, for the nodes in `slots` (map order) in groups of `perCell`.
    static func cellStates(_ slots: [Int], perCell: Int, tally: ClusterTally) -> [CellState] {
        var cells: [CellState] = []
        cells.reserveCapacity(slots.count / perCell + 1)
        let down = tally.downBySlot, pods = tally.podsBySlot
        var start = 0
        while start < slots.count {
            let group = slots[start..<min(slots.count, start + perCell)]
            if group.contains(where: { down[$0] }) {
                cells.append(.down)
            } else {
                var states = ClusterTally.PodStates()
                for slot in group { states.formUnion(pods[slot]) }
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
        let cells = Self.cellStates(tally.slots(of: names), perCell: perCell, tally: tally)
        let selectedCell = selected / perCell
        // A dozen looks for thousands of cells: each looked up in the theme once a frame.
        var looks = [Cell?](repeating: nil, count: CellState.count)
        for (i, state) in cells.enumerated() {
            let x = area.x + i % area.width, y = area.y + i / area.width
            guard y < area.maxY else { break }
            let cell = looks[state.index] ?? look(state)
            looks[state.index] = cell
            frame[x, y] = focused && i == selectedCell ? Cell(cell.character, theme[.selection]) : cell
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
            let down = tally.isDown(name) ? ", NotReady" : ""
            let label = " \(name)\(down): \(total) pod\(total == 1 ? "" : "s") "
            let titleEnd = rect.x + 3 + title.count + 1
            if titleEnd + label.count < rect.maxX - 1 {
                frame.put(label, x: titleEnd, y: rect.y, style: focused ? theme[.focus] : theme[.border])
            }
        }
    }

    /// The glyph and style of a cell: the tile of its worst pod state, ✗ for a node that is down,
    /// · for nodes with no pods.
    private func look(_ cell: CellState) -> Cell {
        let (glyph, style): (Character, Style) = switch cell {
        case .down: ("✗", theme.status(.error, on: .plain))
        case .pods(let state): (state.glyph, theme.status(state.role, on: .plain))
        case .empty: ("·", theme[.hints])
        }
        // As `Frame.put` draws: a glyph wider than a column would shift the row.
        return Cell(Frame.isSingleWidth(glyph) ? glyph : "?", style)
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
