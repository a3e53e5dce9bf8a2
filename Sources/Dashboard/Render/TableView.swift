import Cluster

/// Draws one table pane: a box titled with its number, kubectl's column headings, and the rows
/// around the selection, each styled by its status and by whether it just appeared or changed.
struct TableView {
    let dashboard: Dashboard
    let pane: Pane
    let rect: Rect
    var theme: Theme { dashboard.theme }

    /// How long a new row glows, and a changed one stays marked, in virtual time.
    static let glow = SimDuration.seconds(3)
    static let changedMark = SimDuration.seconds(1.5)

    func draw(into frame: inout Frame) -> Int {
        let focused = dashboard.focus == pane
        let names = dashboard.rowNames(pane)
        var title = "\(pane.rawValue) \(pane.title)"
        if let filter = dashboard.filters[pane] { title += " /\(filter) (\(names.count))" }
        frame.box(rect, title: title, style: theme[focused ? .focus : .border], titleStyle: theme.paneTitle(focused: focused))
        let body = rect.inner
        guard body.height >= 1 else { return 0 }
        let capacity = body.height - 1
        let selected = dashboard.selectedIndex(pane, in: names)
        let top = selected < capacity ? 0 : selected - capacity + 1
        let visible = Array(names.dropFirst(top).prefix(capacity))
        let traffic = pane == .pods && TrafficSummary.hasTraffic(dashboard.cluster)
        let rows = visible.compactMap { name in
            PaneTable.row(pane, name, cluster: dashboard.cluster, namespace: dashboard.namespace, traffic: traffic).map { (name, $0) }
        }
        var headers = PaneTable.headers(pane, traffic: traffic)
        // The sorted column's heading carries the direction, as k9s marks it.
        if let sort = dashboard.sorts[pane], let column = headers.firstIndex(of: sort.column.header) { headers[column] += sort.mark }
        // A row may carry a note past kubectl's columns (an orphan pod): give it an unnamed column.
        let noted = rows.contains { $0.1.cells.count > headers.count }
        if noted { headers.append("") }
        let widths = Self.columnWidths(headers: headers, rows: rows.map(\.1.cells), room: body.width - 1, lastIsFlexible: pane == .events)
        drawRow(headers, widths: widths, y: body.y, in: body, style: theme[.columnHeader], into: &frame)
        for (offset, (name, row)) in rows.enumerated() {
            let y = body.y + 1 + offset
            var state = Theme.RowState.plain
            if let appeared = dashboard.view.age(ofAppearance: row.uid), appeared < Self.glow {
                state = .new
            } else if let changed = dashboard.view.age(ofChange: row.uid), changed < Self.changedMark {
                state = .changed
            }
            if pane == .pods, row.role == .terminating { state = .terminating }
            let isSelected = focused && name == names[safe: selected]
            if isSelected { state = .selected }
            let style = theme.row(state)
            frame.fill(Rect(x: body.x, y: y, width: body.width, height: 1), with: Cell(" ", style))
            drawRow(row.cells, widths: widths, y: y, in: body, style: style, into: &frame)
            // The status column carries the status color (the theme decides how, on each kind of row).
            if let role = row.role, let column = statusColumn, column < widths.count {
                let x = body.x + 1 + widths.prefix(column).reduce(0, +)
                frame.put(row.cells[column], x: x, y: y, style: theme.status(role, on: state), clip: body)
            }
            // The note stands out like a Pending status: something the audience should look at.
            if noted, !isSelected, row.cells.count == headers.count, headers.count == widths.count {
                let x = body.x + 1 + widths.dropLast().reduce(0, +)
                frame.put(row.cells[headers.count - 1], x: x, y: y, style: style.overlaid(with: theme[.pending]), clip: body)
            }
        }
        if names.isEmpty {
            let filter = dashboard.filters[pane]
            if let filter, let refusal = RowFilter.selectorError(filter) {
                frame.put("-l \(refusal) (Esc clears it)", x: body.x + 1, y: body.y + 1, style: theme[.statusError], clip: body)
            } else {
                let message = filter == nil ? "No resources found" : "No rows match the filter (Esc clears it)"
                frame.put(message, x: body.x + 1, y: body.y + 1, style: theme[.hints], clip: body)
            }
        }
        return capacity
    }

    /// Column widths as kubectl's tabwriter makes them (widest cell + 3), over the rows on
    /// screen. When that is too wide, padding shrinks to 1, then columns are dropped from the
    /// right (a flexible last column, like MESSAGE, is cut instead). Returns one width per
    /// column shown.
    static func columnWidths(headers: [String], rows: [[String]], room: Int, lastIsFlexible: Bool) -> [Int] {
        let widest = PaneTable.widest(headers: headers, rows: rows)
        for padding in [3, 1] {
            let widths = widest.map { $0 + padding }
            let fixed = lastIsFlexible ? widths.dropLast().reduce(0, +) + 8 : widths.reduce(0, +) - padding
            if fixed <= room { return widths }
        }
        var widths = widest.map { $0 + 1 }
        while widths.count > 1 && widths.reduce(0, +) - 1 > room { widths.removeLast() }
        return widths
    }

    /// Which column holds the status word that takes the row's color.
    private var statusColumn: Int? {
        switch pane {
        case .pods: 2
        case .nodes: 1
        case .deployments, .replicaSets: 1 // READY / DESIRED
        case .events: 1 // TYPE
        }
    }

    private func drawRow(_ cells: [String], widths: [Int], y: Int, in body: Rect, style: Style, into frame: inout Frame) {
        var x = body.x + 1
        for (i, cell) in cells.prefix(widths.count).enumerated() {
            let last = i == widths.count - 1
            let room = body.maxX - x
            guard room > 0 else { break }
            let text = last && cell.count > room ? String(cell.prefix(max(0, room - 1))) + "…" : cell
            frame.put(text, x: x, y: y, style: style, clip: body)
            x += widths[safe: i] ?? cell.count + 3
        }
    }
}

extension RandomAccessCollection where Index == Int {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
