/// Turns frame differences into the bytes a terminal would receive (cursor moves, SGR colors,
/// UTF-8 text) — what a recording stores, independent of ncurses.
public struct AnsiEncoder: Sendable {
    public let palette: ColorPalette

    public init(palette: ColorPalette = .xterm256) { self.palette = palette }

    /// The output that turns `previous` into `frame` on screen (everything when `previous` is nil
    /// or of another size). Empty when nothing changed.
    public func encode(_ frame: Frame, since previous: Frame?) -> String {
        let changed = frame.changedIndices(since: previous)
        guard !changed.isEmpty else { return "" }
        var out = previous == nil || previous!.width != frame.width || previous!.height != frame.height ? "\u{1b}[0m\u{1b}[2J" : ""
        var cursor = -1
        var style: Style? = nil
        for index in changed {
            if index != cursor {
                out += "\u{1b}[\(index / frame.width + 1);\(index % frame.width + 1)H"
            }
            let cell = frame.cells[index]
            if cell.style != style {
                out += sgr(cell.style)
                style = cell.style
            }
            out.append(cell.character)
            cursor = index + 1
            // The terminal's cursor does not wrap to the next row by itself here.
            if cursor % frame.width == 0 { cursor = -1 }
        }
        return out + "\u{1b}[0m"
    }

    /// Select Graphic Rendition for a style: reset, attributes, then colors.
    func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        codes += colorCodes(style.foreground, base: 30)
        codes += colorCodes(style.background, base: 40)
        return "\u{1b}[" + codes.joined(separator: ";") + "m"
    }

    private func colorCodes(_ color: Color, base: Int) -> [String] {
        let index = palette.index(for: color)
        if index < 0 { return [] }
        if palette == .basic8 { return [String(base + index)] }
        return [String(base + 8), "5", String(index)]
    }
}
