import Foundation
import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The shipped `Themes/` folder of this checkout.
private let themesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Themes", isDirectory: true)

private let library = ThemeLibrary(directory: themesFolder)

/// The description of the error that parsing `yaml` throws.
private func parseError(_ yaml: String, file: String = "Themes/x.yaml") -> String? {
    do {
        _ = try ThemeParser.parse(yaml, file: file)
        return nil
    } catch {
        return (error as? ThemeError)?.description
    }
}

private let header = "name: t\ndescription: d\n"

@Suite struct ShippedThemeTests {
    @Test func theShippedThemesComeInPresentationOrder() {
        // Dark themes first, so `t` from default never lands on light; light comes last.
        #expect(Array(library.names.prefix(5)) == ["default", "high-contrast", "solarized-dark", "mono", "light"])
    }

    @Test(arguments: ["default", "light", "high-contrast", "mono", "solarized-dark"])
    func everyShippedThemeLoadsAndDefinesEveryRole(name: String) throws {
        let theme = try library.load(name)
        #expect(theme.name == name)
        #expect(!theme.description.isEmpty)
        for role in ThemeRole.allCases {
            #expect(theme.styles[role] != nil, "\(name) leaves out \(role.rawValue)")
        }
    }

    @Test func monoHasNoColors() throws {
        let mono = try library.load("mono")
        for style in mono.styles.values {
            #expect(style.foreground == .terminalDefault)
            #expect(style.background == .terminalDefault)
        }
        #expect(mono[.selection].reverse)
    }

    @Test func defaultKeepsTheTerminalsBackground() throws {
        let theme = try library.load("default")
        #expect(theme[.text].background == .terminalDefault)
        for (role, style) in theme.styles where ![.selection, .new, .header, .caption].contains(role) {
            #expect(style.background == .terminalDefault, "\(role.rawValue) sets a background")
        }
    }

    @Test func builtInMonoIsAttributesOnly() {
        let mono = Theme.builtInMono
        #expect(mono[.selection].reverse)
        #expect(mono.paneTitle(focused: true).reverse && !mono.paneTitle(focused: false).reverse)
        #expect(!mono.styles.values.contains { $0.dim }, "faint text is too faint to read on a projector")
        #expect(mono[.error].bold)
        #expect(mono[.columnHeader].underline)
        #expect(mono[.running] == .plain)
        for style in mono.styles.values {
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
        }
    }
}

@Suite struct ThemeParserTests {
    @Test func parsesStylesAndFallsBackToText() throws {
        let theme = try ThemeParser.parse("""
            name: t
            description: d
            styles:
              text: {fg: white}
              running: {fg: green, bold: true}
              selection: {fg: black, bg: "#5fafff", reverse: true}
            """, file: "t.yaml")
        #expect(theme[.running] == Style(foreground: .ansi(2), bold: true))
        #expect(theme[.selection] == Style(foreground: .ansi(0), background: .rgb(0x5f, 0xaf, 0xff), reverse: true))
        #expect(theme[.error] == Style(foreground: .ansi(7)))
    }

    @Test func textDefaultsToPlain() throws {
        let theme = try ThemeParser.parse(header + "styles: {}", file: "t.yaml")
        #expect(theme[.text] == .plain)
        #expect(theme[.focus] == .plain)
    }

    @Test func parsesColors() {
        #expect(ThemeParser.color("default") == .terminalDefault)
        #expect(ThemeParser.color("black") == .ansi(0))
        #expect(ThemeParser.color("White") == .ansi(7))
        #expect(ThemeParser.color("bright-black") == .ansi(8))
        #expect(ThemeParser.color("gray") == .ansi(8))
        #expect(ThemeParser.color("GREY") == .ansi(8))
        #expect(ThemeParser.color("bright-blue") == .ansi(12))
        #expect(ThemeParser.color("bright-white") == .ansi(15))
        #expect(ThemeParser.color("#5fAF00") == .rgb(0x5f, 0xaf, 0x00))
        #expect(ThemeParser.color("#5faf0") == nil)
        #expect(ThemeParser.color("#5faf0g") == nil)
        #expect(ThemeParser.color("#+5faf0") == nil)
        #expect(ThemeParser.color("bright-default") == nil)
        #expect(ThemeParser.color("grean") == nil)
    }

    @Test func unknownColor() {
        #expect(parseError(header + "styles:\n  running: {fg: grean}", file: "Themes/broken.yaml")
            == #"Themes/broken.yaml: styles.running.fg: expected a color (a name like green or bright-blue, #rrggbb, or default), got "grean""#)
    }

    @Test func unquotedHashColorIsAComment() {
        #expect(parseError(header + "styles:\n  text:\n    bg: #5fafff")
            == "Themes/x.yaml: styles.text.bg: expected a color (a name like green or bright-blue, #rrggbb, or default), got nothing")
    }

    @Test func unknownRole() {
        let roles = ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")
        #expect(roles.hasPrefix("text, border, focus, "))
        #expect(parseError(header + "styles:\n  text: {}\n  bogus: {bold: true}")
            == #"Themes/x.yaml: styles.bogus: expected one of the roles \#(roles), got "bogus""#)
    }

    @Test func unknownStyleKey() {
        #expect(parseError(header + "styles:\n  text: {colour: red}")
            == #"Themes/x.yaml: styles.text.colour: expected one of fg, bg, bold, dim, underline, reverse, got "colour""#)
    }

    @Test func styleThatIsNotAMapping() {
        #expect(parseError(header + "styles:\n  text: red")
            == #"Themes/x.yaml: styles.text: expected a mapping with any of fg, bg, bold, dim, underline, reverse, got "red""#)
    }

    @Test func badBoolean() {
        #expect(parseError(header + "styles:\n  text: {bold: maybe}")
            == #"Themes/x.yaml: styles.text.bold: expected true or false, got "maybe""#)
        #expect(parseError(header + "styles:\n  text: {bold: yes}")
            == #"Themes/x.yaml: styles.text.bold: expected true or false, got "yes""#)
    }

    @Test func missingName() {
        #expect(parseError("description: d\nstyles: {}") == "Themes/x.yaml: name: expected a string, got nothing")
        #expect(parseError("name: t\nstyles: {}") == "Themes/x.yaml: description: expected a string, got nothing")
        #expect(parseError(header) == "Themes/x.yaml: styles: expected a mapping of roles to styles, got nothing")
        #expect(parseError("name:\ndescription: d\nstyles: {}") == "Themes/x.yaml: name: expected a string, got nothing")
        #expect(parseError("name: [a]\ndescription: d\nstyles: {}") == "Themes/x.yaml: name: expected a string, got a list")
    }

    @Test func brokenYAMLSyntax() {
        #expect(parseError("name: t\nstyles:\n  text: {fg: red\n")
            == "Themes/x.yaml: line 4, column 1: expected valid YAML, got did not find expected ',' or '}'")
        #expect(parseError("name: a\nname: b\n")
            == #"Themes/x.yaml: line 1, column 1: expected valid YAML, got the key "name" more than once"#)
    }

    @Test func topLevelThatIsNotAMapping() {
        let expected = "Themes/x.yaml: (top level): expected a mapping with name, description and styles, got"
        #expect(parseError("- a\n- b") == "\(expected) a list")
        #expect(parseError("just text") == "\(expected) \"just text\"")
        #expect(parseError("") == "\(expected) nothing")
    }

    @Test func unknownTopLevelKey() {
        #expect(parseError(header + "colour: red\nstyles: {}")
            == #"Themes/x.yaml: colour: expected one of name, description, styles, got "colour""#)
    }

    @Test func firstErrorInDocumentOrderWins() {
        #expect(parseError("colour: red\nstyles:\n  bogus: {}")
            == #"Themes/x.yaml: colour: expected one of name, description, styles, got "colour""#)
        #expect(parseError(header + "styles:\n  text: {fg: nope, bold: maybe}")?.contains("styles.text.fg") == true)
    }
}

@Suite struct ColorPaletteTests {
    @Test func pureRed() {
        #expect(ColorPalette.xterm256.index(for: .rgb(255, 0, 0)) == 196)
        #expect(ColorPalette.basic8.index(for: .rgb(255, 0, 0)) == 1)
    }

    @Test func grayRamp() {
        #expect(ColorPalette.xterm256.index(for: .rgb(0x80, 0x80, 0x80)) == 244)
        #expect(ColorPalette.xterm256.index(for: .rgb(0x30, 0x30, 0x30)) == 236)
        #expect(ColorPalette.xterm256.index(for: .rgb(0, 0, 0)) == 16)
        #expect(ColorPalette.xterm256.index(for: .rgb(255, 255, 255)) == 231)
    }

    @Test func ansiAndDefault() {
        #expect(ColorPalette.xterm256.index(for: .ansi(9)) == 9)
        #expect(ColorPalette.basic8.index(for: .ansi(9)) == 1)
        #expect(ColorPalette.xterm256.index(for: .terminalDefault) == -1)
        #expect(ColorPalette.basic8.index(for: .terminalDefault) == -1)
    }

    @Test func noneIsAlwaysTheDefault() {
        for color in [Color.ansi(2), .rgb(255, 0, 0), .terminalDefault] {
            #expect(ColorPalette.none.index(for: color) == -1)
        }
    }

    @Test func paletteForTerminal() {
        #expect(ColorPalette.forTerminal(colors: 256, noColor: false) == .xterm256)
        #expect(ColorPalette.forTerminal(colors: 8, noColor: false) == .basic8)
        #expect(ColorPalette.forTerminal(colors: 256, noColor: true) == .none)
        #expect(ColorPalette.forTerminal(colors: 2, noColor: false) == .none)
    }
}

@Suite struct ThemeLibraryTests {
    @Test func nextCyclesAndWraps() {
        let names = library.names
        #expect(library.next(after: "default") == "high-contrast")
        #expect(library.next(after: "high-contrast") == "solarized-dark")
        #expect(library.next(after: "mono") == "light")
        #expect(library.next(after: names.last!) == "default")
        #expect(library.next(after: "no-such-theme") == "default")
    }

    @Test func loadsByNameAndByPath() throws {
        let byName = try library.load("light")
        let byPath = try library.load(themesFolder.appendingPathComponent("light.yaml").path)
        #expect(byName == byPath)
        #expect(byName.name == "light")
    }

    @Test func errorsNameTheFileAsGiven() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.yml")
        try (header + "styles:\n  running: {fg: grean}").write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ThemeError(file: file.path, path: "styles.running.fg", expected: ThemeParser.colorExpectation, got: #""grean""#)) {
            try library.load(file.path)
        }
        #expect(throws: ThemeError("missing.yaml: expected a readable theme file, got no such file")) {
            try library.load("missing.yaml")
        }
    }

    @Test func unknownName() {
        let available = library.names.joined(separator: ", ")
        #expect(available.hasPrefix("default, high-contrast, solarized-dark, mono, light"))
        #expect(throws: ThemeError(#"unknown theme "neon": available themes are \#(available)"#)) {
            try library.load("neon")
        }
    }

    /// `$KUBESIM_THEMES` first; else the nearest `Themes/` above the program (its real file,
    /// through a symlink) or the current directory; else none, and `t` and a theme asked for by
    /// name say why.
    @Test func locatesThemesFromEnvironmentExecutableOrCurrentDirectory() throws {
        let nowhere = URL(fileURLWithPath: "/")
        let fromEnvironment = ThemeLibrary.locate(environment: ["KUBESIM_THEMES": "/tmp/mythemes"],
                                                  executable: nowhere, currentDirectory: nowhere)
        #expect(fromEnvironment.directory?.path == "/tmp/mythemes")

        let binary = themesFolder.deletingLastPathComponent().appendingPathComponent(".build/debug/kubesim")
        let fromExecutable = ThemeLibrary.locate(environment: [:], executable: binary, currentDirectory: nowhere)
        #expect(fromExecutable.directory?.standardizedFileURL.path == themesFolder.standardizedFileURL.path)

        let source = themesFolder.deletingLastPathComponent().appendingPathComponent("Sources/Dashboard")
        let fromDirectory = ThemeLibrary.locate(environment: [:], executable: nowhere, currentDirectory: source)
        #expect(fromDirectory.directory?.standardizedFileURL.path == themesFolder.standardizedFileURL.path)

        // Without a stand-in, the running program's own file is where the search starts, however
        // it was started (a bare name on PATH gives no usable argv[0]): the test runner, built
        // inside this checkout, finds its Themes/ from anywhere.
        #expect(ThemeLibrary.locate(environment: [:], currentDirectory: nowhere).directory?.standardizedFileURL.path
                == themesFolder.standardizedFileURL.path)

        let none = ThemeLibrary.locate(environment: [:], executable: nowhere, currentDirectory: nowhere)
        #expect(none.directory == nil)
        #expect(throws: ThemeError(#"unknown theme "high-contrast": "# + ThemeLibrary.missing)) { try none.load("high-contrast") }
        let dashboard = Dashboard(session: Session(cluster: Cluster(seed: 1)), theme: Theme.builtInMono, themes: nil)
        dashboard.press(.character("t"))
        #expect(dashboard.status?.text == ThemeLibrary.missing)
    }
}
