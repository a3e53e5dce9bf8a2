/// Maps theme colors onto what a terminal offers: the xterm 256-color palette, or the 8 basic
/// colors, or none (NO_COLOR / a monochrome terminal).
public enum ColorPalette: Sendable, Equatable {
    case none, basic8, xterm256

    /// The palette for a terminal reporting `colors` colors, honouring NO_COLOR.
    public static func forTerminal(colors: Int, noColor: Bool) -> ColorPalette {
        if noColor || colors < 8 { return .none }
        return colors >= 256 ? .xterm256 : .basic8
    }

    /// The terminal color index for `color`, or -1 for the terminal's default.
    public func index(for color: Color) -> Int {
        switch (self, color) {
        case (.none, _), (_, .terminalDefault): return -1
        case (.basic8, .ansi(let n)): return Int(n % 8)
        case (.xterm256, .ansi(let n)): return Int(n)
        case let (.basic8, .rgb(r, g, b)): return Self.nearest(r, g, b, among: Self.basic8RGB)
        case let (.xterm256, .rgb(r, g, b)): return Self.nearest256(r, g, b)
        }
    }

    /// The RGB values of the 16 ANSI colors, as xterm draws them.
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let basic8RGB = Array(ansiRGB.prefix(8))

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr * 3 + dg * dg * 4 + db * db * 2
    }

    private static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, among palette: [(Int, Int, Int)]) -> Int {
        let target = (Int(r), Int(g), Int(b))
        var best = 0
        for i in palette.indices where distance(palette[i], target) < distance(palette[best], target) { best = i }
        return best
    }

    /// The nearest of xterm's 6×6×6 color cube (16–231) and gray ramp (232–255).
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func cubeStep(_ v: UInt8) -> Int { levels.indices.min { abs(levels[$0] - Int(v)) < abs(levels[$1] - Int(v)) }! }
        let (ri, gi, bi) = (cubeStep(r), cubeStep(g), cubeStep(b))
        let cube = (levels[ri], levels[gi], levels[bi])
        let cubeIndex = 16 + 36 * ri + 6 * gi + bi
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let grayStep = min(23, max(0, (average - 8 + 5) / 10))
        let grayValue = 8 + 10 * grayStep
        let target = (Int(r), Int(g), Int(b))
        return distance((grayValue, grayValue, grayValue), target) < distance(cube, target) ? 232 + grayStep : cubeIndex
    }
}
