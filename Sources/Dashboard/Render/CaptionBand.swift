/// A scenario's caption in a band across the screen: bold, centered, padded by a blank line
/// above and below so it reads from the back of a room. Long captions wrap onto a second line.
enum CaptionBand {
    static let maximumLines = 2

    /// The caption broken into at most two centered lines of at most `width` characters.
    static func lines(_ caption: String, width: Int) -> [String] {
        guard !caption.isEmpty, width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in caption.split(separator: " ") {
            if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= width { current += " " + word } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        if lines.count > maximumLines {
            lines = Array(lines.prefix(maximumLines))
            lines[maximumLines - 1] = String(lines[maximumLines - 1].prefix(width - 1)) + "…"
        }
        return lines.map { String($0.prefix(width)) }
    }

    static func draw(_ lines: [String], in rect: Rect, style: Style, into frame: inout Frame) {
        guard !lines.isEmpty, !rect.isEmpty else { return }
        frame.fill(rect, with: Cell(" ", style))
        for (i, line) in lines.enumerated() {
            frame.put(line, x: rect.x + (rect.width - line.count) / 2, y: rect.y + 1 + i, style: style, clip: rect)
        }
    }
}
