/// Stand-ins for the dashboard's non-ASCII characters, for terminals whose locale is not UTF-8
/// (`LANG=C`): there the box drawing, blocks and arrows would come out as nothing or as bytes
/// that shift the screen, so each is drawn as the nearest ASCII character instead.
public enum AsciiGlyphs {
    public static func fallback(_ character: Character) -> Character {
        if character.isASCII { return character }
        switch character {
        case "─", "━", "═": return "-"
        case "│", "┃", "║": return "|"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼": return "+"
        case "■", "▮", "█", "▇": return "#"
        // The Traffic pane's strips: low to high.
        case "▁", "▂": return "_"
        case "▃", "▄": return "-"
        case "▅", "▆": return "="
        case "▯", "□": return "o"
        case "◐": return "~"
        case "◌", "·": return "."
        case "▒", "░": return "%"
        case "◇", "◆": return "@"
        case "✗", "×": return "x"
        case "↻": return "!"
        case "⇣": return "?"
        case "✓": return "+"
        case "…": return "~"
        case "▶", "→", "►": return ">"
        case "←", "◄": return "<"
        case "↑": return "^"
        case "↓": return "v"
        case "‖": return "="
        case "¼": return "/"
        case "◴": return "|"
        case "◷": return "/"
        case "◶": return "-"
        case "◵": return "\\"
        default: return "?"
        }
    }
}

extension Frame {
    /// This frame with every character ASCII (see `AsciiGlyphs`).
    public var ascii: Frame {
        var copy = self
        for y in 0..<height {
            for x in 0..<width where !self[x, y].character.isASCII {
                copy[x, y].character = AsciiGlyphs.fallback(self[x, y].character)
            }
        }
        return copy
    }
}
