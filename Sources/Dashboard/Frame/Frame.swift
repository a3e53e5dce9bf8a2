/// One cell of the screen: a single-column character and its style.
public struct Cell: Equatable, Hashable, Sendable {
    public var character: Character
    public var style: Style

    public init(_ character: Character = " ", _ style: Style = .plain) {
        self.character = character
        self.style = style
    }
}

/// A rectangle on the screen, in cells.
public struct Rect: Equatable, Hashable, Sendable {
    public var x, y, width, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The inside of a box drawn on this rectangle's edge.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
}

/// The whole screen as a grid of cells, drawn in memory. Rendering fills a Frame; the terminal
/// backend draws only the cells that differ from the previous Frame.
public struct Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` from (x, y), clipped to `clip` (default: the whole frame). Returns the x
    /// after the last character written. Characters wider than one column are replaced by `?`
    /// so the grid stays aligned; a tab moves to the next stop of eight columns.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let area = clip ?? bounds
        guard y >= area.y, y < area.maxY, y >= 0, y < height else { return x }
        var column = x
        for ch in text {
            // A tab (kubectl indents its suggestions with one) moves to the next stop of eight
            // columns from where the text began, as a terminal would.
            let end = ch == "\t" ? x + ((column - x) / 8 + 1) * 8 : column + 1
            let shown: Character = ch == "\t" ? " " : Frame.isSingleWidth(ch) ? ch : "?"
            while column < end {
                if column >= area.maxX || column >= width { return column }
                if column >= area.x && column >= 0 { cells[y * width + column] = Cell(shown, style) }
                column += 1
            }
        }
        return column
    }

    /// Sets the style of cells in `rect` without changing their characters.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        for y in max(rect.y, 0)..<min(rect.maxY, height) where rect.width > 0 {
            for x in max(rect.x, 0)..<min(rect.maxX, width) {
                cells[y * width + x].style = transform(cells[y * width + x].style)
            }
        }
    }

    public mutating func fill(_ rect: Rect, with cell: Cell) {
        for y in max(rect.y, 0)..<min(rect.maxY, height) where rect.width > 0 {
            for x in max(rect.x, 0)..<min(rect.maxX, width) { cells[y * width + x] = cell }
        }
    }

    /// A box on `rect`'s edge with an optional title in the top border (`┌ title ───┐`).
    public mutating func box(_ rect: Rect, title: String = "", style: Style, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.x...right {
            self[x, rect.y] = Cell("─", style)
            self[x, bottom] = Cell("─", style)
        }
        for y in rect.y...bottom {
            self[rect.x, y] = Cell("│", style)
            self[right, y] = Cell("│", style)
        }
        self[rect.x, rect.y] = Cell("┌", style)
        self[right, rect.y] = Cell("┐", style)
        self[rect.x, bottom] = Cell("└", style)
        self[right, bottom] = Cell("┘", style)
        if !title.isEmpty && rect.width > 4 {
            put(" \(title) ", x: rect.x + 1, y: rect.y, style: titleStyle ?? style,
                clip: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1))
        }
    }

    /// Positions (as indices into `cells`) whose cell differs from `previous`; every position
    /// when there is no previous frame of the same size. Only these reach the terminal.
    public func changedIndices(since previous: Frame?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(cells.indices) }
        var changed: [Int] = []
        for i in cells.indices where cells[i] != previous.cells[i] { changed.append(i) }
        return changed
    }

    /// The frame as text, one line per row (trailing spaces kept), for snapshots.
    public var text: String {
        (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.character)) }.joined(separator: "\n")
    }

    /// Characters that take one terminal column: ASCII, Latin, box drawing, blocks, arrows and
    /// the few symbols the dashboard uses. Anything else is not drawn, so columns never shift.
    public static func isSingleWidth(_ ch: Character) -> Bool {
        guard ch.unicodeScalars.count == 1, let v = ch.unicodeScalars.first?.value else { return false }
        if v >= 0x20 && v < 0x7F { return true }
        if v >= 0xA0 && v < 0x0300 { return true }
        if v >= 0x2010 && v <= 0x2027 { return true }   // dashes, quotes, bullet, ellipsis
        if v >= 0x2190 && v <= 0x21FF { return true }   // arrows
        if v >= 0x2500 && v <= 0x25FF { return true }   // box drawing, blocks, geometric shapes
        if v == 0x2713 || v == 0x2717 || v == 0x00D7 { return true } // ✓ ✗ ×
        return false
    }
}
