import Testing
@testable import Cluster
@testable import Dashboard

/// WCAG 2.x contrast, measured on every style a theme can put on screen.
@Suite struct ContrastTests {
    /// 4.5:1 is WCAG's AA level for text; `high-contrast` promises AAA (7:1) for projectors.
    static func required(_ theme: Theme) -> Double {
        theme.name == "high-contrast" ? 7 : 4.5
    }

    @Test func contrastRatioFollowsWCAG() {
        let black = RGB(0, 0, 0), white = RGB(255, 255, 255)
        #expect(RGB.contrast(black, white) == 21)
        #expect(RGB.contrast(white, black) == 21)
        #expect(RGB.contrast(RGB(0x77, 0x77, 0x77), RGB(0x77, 0x77, 0x77)) == 1)
        // WCAG's own examples: #767676 is the lightest gray that passes 4.5:1 on white, #777777 fails.
        #expect(RGB.contrast(RGB(0x76, 0x76, 0x76), white) >= 4.5)
        #expect(RGB.contrast(RGB(0x77, 0x77, 0x77), white) < 4.5)
        #expect(abs(RGB(255, 0, 0).relativeLuminance - 0.2126) < 1e-9)
    }

    @Test func shownColorsResolveDefaultReverseDimAndBold() {
        let dark = TerminalColors.dark
        let plain = Style().shownColors(on: dark)
        #expect(plain.allSatisfy { $0.foreground == RGB(0xe5, 0xe5, 0xe5) && $0.background == RGB(0, 0, 0) })
        let reversed = Style(foreground: .ansi(2), reverse: true).shownColors(on: dark)
        #expect(reversed.allSatisfy { $0.foreground == RGB(0, 0, 0) && $0.background == RGB(0, 205, 0) })
        // Bold black may be drawn as bright black (gray): both are measured.
        let boldBlack = Style(foreground: .ansi(0), background: .ansi(2), bold: true).worstContrast(on: dark)
        #expect(boldBlack.foreground == RGB(127, 127, 127))
        // A #rrggbb color is also measured as the nearest of 256 colors the terminal is sent.
        let solarized = Style(foreground: .rgb(0x85, 0x99, 0x00), background: .rgb(0x00, 0x2b, 0x36)).shownColors(on: dark)
        #expect(solarized.map(\.background).contains(RGB(0x1c, 0x1c, 0x1c)))
        let faint = Style(dim: true).worstContrast(on: dark)
        #expect(faint.foreground == RGB(0x72, 0x72, 0x72))
    }

    @Test(arguments: themeLibrary.names)
    func everyPaintOfEveryThemeReads(name: String) throws {
        let theme = try themeLibrary.load(name)
        let minimum = Self.required(theme)
        for terminal in theme.terminalsToReadOn {
            for paint in theme.paints {
                let worst = paint.style.worstContrast(on: terminal)
                #expect(worst.ratio >= minimum, """
                    \(name) on \(terminal): \(paint.name) is \(worst.foreground) on \(worst.background), \
                    \((worst.ratio * 100).rounded() / 100):1 (needs \(minimum):1)
                    """)
            }
        }
    }

    /// A theme that paints its own background must paint it in every role, or a role would show
    /// the terminal's colors through it.
    @Test(arguments: themeLibrary.names)
    func aThemeWithItsOwnBackgroundNeverUsesTheTerminals(name: String) throws {
        let theme = try themeLibrary.load(name)
        guard theme.paintsItsOwnBackground else { return }
        for role in ThemeRole.allCases {
            let style = try #require(theme.styles[role], "\(name) leaves out \(role.rawValue)")
            #expect(style.foreground != .terminalDefault && style.background != .terminalDefault,
                    "\(name): \(role.rawValue) uses the terminal's color")
        }
    }

    @Test func lightReadsOnAnyTerminal() throws {
        let light = try themeLibrary.load("light")
        #expect(light.paintsItsOwnBackground)
        #expect(light.terminalsToReadOn.count == 2)
    }

    @Test(arguments: themeLibrary.names)
    func aNewRowIsVisibleAndKeepsItsStatusColor(name: String) throws {
        let theme = try themeLibrary.load(name)
        let glow = theme.row(.new), plain = theme.row(.plain)
        #expect(shown(glow) != shown(plain) || glow.underline != plain.underline, "\(name): a new row looks like any other")
        for role in Theme.statusRoles {
            // The status shows as a tile of its own color, not the glow's.
            #expect(theme.status(role, on: .new) == theme.tile(role))
        }
        if theme.styles.values.contains(where: { $0.foreground != .terminalDefault }) {
            let tiles = Theme.statusRoles.map { shown(theme.tile($0)) }
            #expect(Set(tiles.map { $0.background }).count == tiles.count, "\(name): two statuses share a tile color")
        }
    }

    @Test(arguments: themeLibrary.names)
    func theFocusedPaneStandsOut(name: String) throws {
        let theme = try themeLibrary.load(name)
        #expect(shown(theme.paneTitle(focused: true)) != shown(theme.paneTitle(focused: false)), "\(name)")
        #expect(shown(theme[.focus]) != shown(theme[.border]), "\(name)")
    }

    /// The colors a style shows on a dark terminal, exactly (reverse applied).
    private func shown(_ style: Style) -> RGBPair {
        let pair = style.shownColors(on: .dark)[0]
        return RGBPair(foreground: pair.foreground, background: pair.background)
    }
}

struct RGBPair: Hashable {
    let foreground, background: RGB
}
