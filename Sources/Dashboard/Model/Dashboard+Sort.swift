/// k9s' column sort: Shift and a column's letter sorts the focused table by that column, the
/// same key again reverses it; `:sort COLUMN` does the same from the command line. The order
/// stays when the table is filtered, and the highlight stays on its object.
extension Dashboard {
    /// Handles `sort COLUMN` typed at the `:` prompt; false for any other line.
    func handleSortCommand(_ line: String) -> Bool {
        let words = line.split(separator: " ").map(String.init)
        guard words.first == "sort", words.count <= 2 else { return false }
        let columns = SortColumn.columns(of: focus)
        // A bare `sort` asks which columns there are.
        guard words.count == 2, let column = SortColumn(rawValue: words[1].lowercased()), columns.contains(column) else {
            let choices = columns.map(\.rawValue).joined(separator: ", ")
            status = StatusMessage(text: columns.isEmpty ? "\(focus.title) are listed newest first and do not sort"
                                       : "\(focus.title) sort by \(choices)", isError: words.count == 2 || columns.isEmpty, at: cluster.now)
            return true
        }
        sortFocusedTable(by: column)
        return true
    }

    /// Sorts the focused table by `column`, ascending; descending when it was sorted by it
    /// ascending already (name order counts as NAME ascending).
    func sortFocusedTable(by column: SortColumn) {
        let current = sorts[focus] ?? .byName
        let next = TableSort(column: column, descending: current.column == column && !current.descending)
        // Kept even when it is name order again, so the heading keeps its mark (NAME↑).
        sorts[focus] = next
        status = StatusMessage(text: "\(focus.title) by \(column.header) \(next.mark) (again reverses)", isError: false, at: cluster.now)
    }
}
