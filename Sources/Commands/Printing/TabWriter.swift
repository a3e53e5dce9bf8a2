/// Go's text/tabwriter, which kubectl uses for every table and every describe: cells end at a
/// tab; a column's width is set per *block* of consecutive lines that have a cell in that column;
/// text after a line's last tab is not a cell and is never padded.
public struct TabWriter: Sendable {
    public var minWidth: Int
    public var padding: Int

    /// `kubectl get` tables: minwidth 6, padding 3.
    public static let table = TabWriter(minWidth: 6, padding: 3)
    /// `kubectl describe`: minwidth 0, padding 2.
    public static let describe = TabWriter(minWidth: 0, padding: 2)

    public init(minWidth: Int, padding: Int) {
        self.minWidth = minWidth
        self.padding = padding
    }

    /// Rows of cells, aligned (each row becomes one line).
    public static func format(_ rows: [[String]]) -> String {
        TabWriter.table.format(rows.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n")
    }

    /// Aligns tab-separated `text` exactly as tabwriter.Flush would.
    public func format(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        let endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { lines.removeLast() }
        var out = ""
        var widths: [Int] = []
        formatBlock(lines, 0, lines.count, &widths, &out)
        if !endsWithNewline, out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    private func formatBlock(_ lines: [[String]], _ start: Int, _ end: Int, _ widths: inout [Int], _ out: inout String) {
        var line0 = start
        let column = widths.count
        var this = start
        while this < end {
            if column >= lines[this].count - 1 { this += 1; continue }
            writeLines(lines, line0, this, widths, &out)
            line0 = this
            var width = minWidth
            while this < end, column < lines[this].count - 1 {
                width = max(width, lines[this][column].count + padding)
                this += 1
            }
            widths.append(width)
            formatBlock(lines, line0, this, &widths, &out)
            widths.removeLast()
            line0 = this
        }
        writeLines(lines, line0, end, widths, &out)
    }

    private func writeLines(_ lines: [[String]], _ from: Int, _ to: Int, _ widths: [Int], _ out: inout String) {
        guard from < to else { return }
        for i in from..<to {
            for (j, cell) in lines[i].enumerated() {
                out += cell
                if j < widths.count && j < lines[i].count - 1 {
                    out += String(repeating: " ", count: max(0, widths[j] - cell.count))
                }
            }
            out += "\n"
        }
    }
}
