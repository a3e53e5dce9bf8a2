import Dashboard
import Foundation

/// `theme`: a theme file as `--theme FILE` and `t` read it (ThemeParser). Any text either loads
/// or is refused with the parser's own error, which names the file and says what it expected;
/// never a trap, never another kind of error.
final class ThemeFuzzTarget: FuzzTarget {
    let name = "theme"
    let summary = "a theme file (YAML): roles, colors, attributes"
    static let file = "fuzz-theme.yaml"

    /// The shipped themes (the Themes folder found as the dashboard finds it), and YAML's troubles.
    var seeds: [[UInt8]] {
        let library = ThemeLibrary.locate()
        let shipped = library.names.compactMap { name in
            library.directory.flatMap { FileManager.default.contents(atPath: $0.appendingPathComponent("\(name).yaml").path) }.map(Array.init)
        }
        let minimal = "name: tiny\ndescription: one role\nstyles:\n  focus: {fg: bright-blue, bg: \"#1e1e2e\", bold: true}\n"
        return shipped + [minimal, ManifestSeeds.aliasBomb, ManifestSeeds.deepNesting, ManifestSeeds.duplicatesAndWrongTypes].map { Array($0.utf8) }
    }

    var dictionary: [[UInt8]] {
        (["name: ", "description: ", "styles:\n", "  ", "fg: ", "bg: ", "bold: ", "dim: ", "underline: ", "reverse: ",
          "true", "false", "yes", "default", "gray", "grey", "bright-", "#", "#ffffff", "#00000", "#gggggg", "{", "}", "[", "]",
          ": ", ", ", "&a ", "*a", "<<: *a", "!!str ", "~", "null", "\"", "'", "\t", "\n"] + ThemeRole.allCases.map { "  \($0.rawValue): " })
            .map { Array($0.utf8) }
    }

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        do {
            let theme = try ThemeParser.parse(String(decoding: input, as: UTF8.self), file: Self.file)
            return FuzzBehaviour("loaded with \(theme.styles.count) roles")
        } catch let error as ThemeError {
            return try FuzzChecks.fileRefusal(error.description, file: Self.file, what: "theme")
        } catch {
            throw FuzzFinding("a theme refused with \(type(of: error)), not ThemeError: \(String(describing: error).prefix(120))")
        }
    }
}
