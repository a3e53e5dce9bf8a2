/// A color as a theme names it. The terminal backend maps it to what the terminal can show
/// (the nearest of 256 or 8 colors).
public enum Color: Equatable, Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 16 ANSI colors (0 black … 7 white, 8–15 their bright forms).
    case ansi(UInt8)
    /// A 24-bit color (`#rrggbb`).
    case rgb(UInt8, UInt8, UInt8)
}

/// How a cell is drawn.
public struct Style: Equatable, Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault,
                bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = Style()

    /// This style with `other`'s colors and attributes laid on top (other's non-default colors win).
    public func overlaid(with other: Style) -> Style {
        Style(foreground: other.foreground == .terminalDefault ? foreground : other.foreground,
              background: other.background == .terminalDefault ? background : other.background,
              bold: bold || other.bold, dim: dim || other.dim, underline: underline || other.underline,
              reverse: reverse || other.reverse)
    }
}
