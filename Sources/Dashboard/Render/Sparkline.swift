/// One character per second, its height a level out of eight (`▁▂▃▄▅▆▇█`), for the Traffic
/// pane's strips of the last minute. A second with nothing to show is a dot, so the strip still
/// reads as time passing.
enum Sparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let nothing: Character = "·"

    /// `value` of `maximum` as a level: the lowest for anything above zero up to an eighth.
    static func glyph(_ value: Double, of maximum: Double) -> Character {
        guard value > 0, maximum > 0 else { return levels[0] }
        let level = Int((min(1, value / maximum) * Double(levels.count)).rounded(.up)) - 1
        return levels[max(0, min(levels.count - 1, level))]
    }
}
