import Commands

/// What a scenario's printing steps (`kubectl get`, `describe`) printed for the part on screen,
/// shown to the audience in the lower panes' place so the node map stays in view. It follows
/// the part the player shows: walking back to a part shows its output again. Esc closes it
/// until the part changes or prints more.
struct ScenarioOutputPanel: Equatable {
    /// One line of the panel: a command as typed, or a line it printed.
    struct Line: Equatable {
        enum Kind: Equatable { case command, output, error }
        var text: String
        var kind: Kind
    }

    /// The part followed (the player's `shownPart`) and how many printing steps it had.
    private(set) var part: Int?
    private(set) var printedCount = 0
    var closed = false
    /// The first line shown; clamped when drawn.
    var scroll = 0
    /// Body rows in the last frame, so the scroll keys stop at the end.
    var visibleRows = 1

    /// Catches up with the player: a different part opens at its top; more output in the same
    /// part reopens the panel at the newest command, which is what the audience is waiting for.
    mutating func follow(_ player: ScenarioPlayer?) {
        let shown = player?.shownPart
        let printed = player?.shown?.printed ?? []
        if shown != part {
            part = shown
            closed = false
            scroll = 0
        } else if printed.count > printedCount {
            closed = false
            scroll = Self.lines(printed.dropLast()).count
        }
        printedCount = printed.count
    }

    /// The lines to draw, or nil when there is nothing to show or the presenter closed it.
    func lines(_ player: ScenarioPlayer?) -> [Line]? {
        guard !closed, let printed = player?.shown?.printed, !printed.isEmpty else { return nil }
        return Self.lines(printed[...])
    }

    mutating func scroll(by delta: Int, lineCount: Int) {
        scroll = max(0, min(scroll + delta, lineCount - visibleRows))
    }

    /// Each command as `$ line` (as the headless shell echoes it), then what it printed.
    static func lines(_ printed: ArraySlice<PrintedStep>) -> [Line] {
        var lines: [Line] = []
        for step in printed {
            lines.append(Line(text: "$ " + step.line, kind: .command))
            for chunk in step.output.chunks {
                var texts = chunk.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if texts.last == "" { texts.removeLast() }
                lines += texts.map { Line(text: $0, kind: chunk.stream == .err ? .error : .output) }
            }
        }
        return lines
    }
}
