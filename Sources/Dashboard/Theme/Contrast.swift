import Foundation

/// A color as the screen shows it, in 8-bit sRGB.
public struct RGB: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var red, green, blue: Int

    public init(_ red: Int, _ green: Int, _ blue: Int) {
        (self.red, self.green, self.blue) = (red, green, blue)
    }

    public var description: String { String(format: "#%02x%02x%02x", red, green, blue) }

    /// WCAG 2.x relative luminance: linearised sRGB channels weighted by how bright each looks.
    public var relativeLuminance: Double {
        func linear(_ channel: Int) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG 2.x contrast ratio, from 1 (none) to 21 (black on white).
    public static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (la, lb) = (a.relativeLuminance, b.relativeLuminance)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// Half-way to `other`: how a terminal draws faint (dim) text over its background.
    func halfWay(to other: RGB) -> RGB {
        RGB((red + other.red) / 2, (green + other.green) / 2, (blue + other.blue) / 2)
    }
}

/// The terminal's own colors, which a theme's `default` stands for.
public struct TerminalColors: Sendable, CustomStringConvertible {
    public var foreground: RGB
    public var background: RGB
    public var description: String

    /// A dark terminal as most are set up: ANSI white (xterm's #e5e5e5) on black. Themes that
    /// leave the background to the terminal are made for this; black is the common dark
    /// background and the one xterm's own palette names.
    public static let dark = TerminalColors(foreground: RGB(0xe5, 0xe5, 0xe5), background: RGB(0, 0, 0), description: "a dark terminal")
    /// A light terminal (black on white), which a theme that paints its own background must not care about.
    public static let light = TerminalColors(foreground: RGB(0, 0, 0), background: RGB(0xff, 0xff, 0xff), description: "a light terminal")
}

extension ColorPalette {
    /// The RGB a 256-color terminal shows for palette `index` (xterm's defaults).
    static func xtermRGB(_ index: Int) -> RGB {
        if index < 16 {
            let c = ansiRGB[index]
            return RGB(c.0, c.1, c.2)
        }
        if index >= 232 {
            let v = 8 + 10 * (index - 232)
            return RGB(v, v, v)
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let n = index - 16
        return RGB(levels[n / 36], levels[n / 6 % 6], levels[n % 6])
    }
}

extension Style {
    /// The foreground/background pairs this style may show on `terminal`: `default` is the
    /// terminal's color; `#rrggbb` colors both exact and as the nearest of xterm's 256 colors
    /// (what the dashboard sends a 256-color terminal); reverse swaps; dim is drawn half-way to
    /// the background; and bold ANSI colors 0–7 may be shown bright (xterm's boldColors).
    public func shownColors(on terminal: TerminalColors) -> [(foreground: RGB, background: RGB)] {
        var pairs: [(foreground: RGB, background: RGB)] = []
        for nearest256 in [false, true] {
            func shown(_ color: Color, default fallback: RGB) -> RGB {
                switch color {
                case .terminalDefault: fallback
                case .ansi(let n): ColorPalette.xtermRGB(Int(n))
                case let .rgb(r, g, b):
                    nearest256 ? ColorPalette.xtermRGB(ColorPalette.nearest256(r, g, b)) : RGB(Int(r), Int(g), Int(b))
                }
            }
            var foregrounds = [shown(foreground, default: terminal.foreground)]
            if bold, case .ansi(let n) = foreground, n < 8 { foregrounds.append(ColorPalette.xtermRGB(Int(n) + 8)) }
            let back = shown(background, default: terminal.background)
            for fore in foregrounds {
                var (f, b) = reverse ? (back, fore) : (fore, back)
                if dim { f = f.halfWay(to: b) }
                pairs.append((f, b))
            }
        }
        return pairs
    }

    /// The lowest contrast ratio among `shownColors(on:)`, with the pair that has it.
    public func worstContrast(on terminal: TerminalColors) -> (ratio: Double, foreground: RGB, background: RGB) {
        shownColors(on: terminal).map { (RGB.contrast($0.foreground, $0.background), $0.foreground, $0.background) }
            .min { $0.0 < $1.0 }!
    }
}
