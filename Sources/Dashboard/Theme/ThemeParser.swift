import Yams
import Commands

/// Why a theme could not be loaded, phrased as `<file>: <key path>: expected <what>, got <what>`
/// so a person editing a theme file can find and fix the problem.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// `path` is the dotted key path, or nil when the problem has no place in the document.
    public init(file: String, path: String?, expected: String, got found: String) {
        let place = path.map { "\(file): \($0)" } ?? file
        self.init("\(place): expected \(expected), got \(found)")
    }
}

/// Reads a theme file (YAML). Works on Yams' node tree rather than decoding, so every error can
/// name the key path and the offending value, and the first problem in document order wins.
public enum ThemeParser {
    static let topLevelKeys = ["name", "description", "styles"]
    static let styleKeys = ["fg", "bg", "bold", "dim", "underline", "reverse"]
    static let colorExpectation = "a color (a name like green or bright-blue, #rrggbb, or default)"

    /// The 16 ANSI color names, in index order.
    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    public static func parse(_ yaml: String, file: String) throws -> Theme {
        let root: Node?
        do {
            root = try YAMLLimits.compose(yaml) // capped: an alias bomb is an error, not an abort
        } catch {
            throw syntaxError(error, file: file)
        }
        guard let root, case .mapping(let top) = root else {
            throw ThemeError(file: file, path: "(top level)",
                             expected: "a mapping with name, description and styles", got: found(root))
        }
        var name: String?, description: String?, styles: [ThemeRole: Style]?
        for (keyNode, value) in top {
            switch try key(keyNode, among: topLevelKeys, parent: nil, file: file) {
            case "name": name = try string(value, path: "name", file: file)
            case "description": description = try string(value, path: "description", file: file)
            default: styles = try styleMap(value, file: file)
            }
        }
        guard let name else { throw ThemeError(file: file, path: "name", expected: "a string", got: "nothing") }
        guard let description else {
            throw ThemeError(file: file, path: "description", expected: "a string", got: "nothing")
        }
        guard let styles else {
            throw ThemeError(file: file, path: "styles", expected: "a mapping of roles to styles", got: "nothing")
        }
        return Theme(name: name, description: description, styles: styles)
    }

    /// A color as theme files write it: `default`, an ANSI name (any case), or `#rrggbb`.
    public static func color(_ text: String) -> Color? {
        let name = text.lowercased()
        if name == "default" { return .terminalDefault }
        if name == "gray" || name == "grey" { return .ansi(8) }
        if let index = ansiNames.firstIndex(of: name) { return .ansi(UInt8(index)) }
        if name.hasPrefix("bright-"), let index = ansiNames.firstIndex(of: String(name.dropFirst(7))) {
            return .ansi(UInt8(index + 8))
        }
        let hex = name.dropFirst()
        guard name.hasPrefix("#"), hex.count == 6, hex.allSatisfy({ $0.isASCII && $0.isHexDigit }),
              let value = UInt32(hex, radix: 16) else { return nil }
        return .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xff), UInt8(value & 0xff))
    }

    // MARK: - Pieces of the document

    private static func styleMap(_ node: Node, file: String) throws -> [ThemeRole: Style] {
        let roles = ThemeRole.allCases.map(\.rawValue)
        guard case .mapping(let mapping) = node else {
            throw ThemeError(file: file, path: "styles", expected: "a mapping of roles to styles", got: found(node))
        }
        var styles: [ThemeRole: Style] = [:]
        for (keyNode, value) in mapping {
            let role = try key(keyNode, among: roles, parent: "styles", file: file, noun: "the roles ")
            styles[ThemeRole(rawValue: role)!] = try style(value, path: "styles.\(role)", file: file)
        }
        return styles
    }

    private static func style(_ node: Node, path: String, file: String) throws -> Style {
        guard case .mapping(let mapping) = node else {
            throw ThemeError(file: file, path: path,
                             expected: "a mapping with any of \(styleKeys.joined(separator: ", "))", got: found(node))
        }
        var style = Style.plain
        for (keyNode, value) in mapping {
            let name = try key(keyNode, among: styleKeys, parent: path, file: file)
            let valuePath = "\(path).\(name)"
            switch name {
            case "fg": style.foreground = try color(value, path: valuePath, file: file)
            case "bg": style.background = try color(value, path: valuePath, file: file)
            case "bold": style.bold = try bool(value, path: valuePath, file: file)
            case "dim": style.dim = try bool(value, path: valuePath, file: file)
            case "underline": style.underline = try bool(value, path: valuePath, file: file)
            default: style.reverse = try bool(value, path: valuePath, file: file)
            }
        }
        return style
    }

    /// A mapping key, which must be one of `allowed`.
    private static func key(_ node: Node, among allowed: [String], parent: String?, file: String,
                            noun: String = "") throws -> String {
        if case .scalar(let scalar) = node, allowed.contains(scalar.string) { return scalar.string }
        let path: String
        if case .scalar(let scalar) = node {
            path = parent.map { "\($0).\(scalar.string)" } ?? scalar.string
        } else {
            path = parent ?? "(top level)"
        }
        throw ThemeError(file: file, path: path,
                         expected: "one of \(noun)\(allowed.joined(separator: ", "))", got: found(node))
    }

    private static func string(_ node: Node, path: String, file: String) throws -> String {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            throw ThemeError(file: file, path: path, expected: "a string", got: found(node))
        }
        return scalar.string
    }

    private static func color(_ node: Node, path: String, file: String) throws -> Color {
        guard case .scalar(let scalar) = node, !isNull(node), let color = color(scalar.string) else {
            throw ThemeError(file: file, path: path, expected: colorExpectation, got: found(node))
        }
        return color
    }

    /// Only `true`/`false`: YAML 1.1's yes/no/on/off are refused so the files stay unambiguous.
    private static func bool(_ node: Node, path: String, file: String) throws -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            switch scalar.string.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        throw ThemeError(file: file, path: path, expected: "true or false", got: found(node))
    }

    // MARK: - Describing what was found

    private static func isNull(_ node: Node) -> Bool {
        node.null != nil
    }

    /// How an error message shows a value: quoted text, or what kind of thing it was.
    static func found(_ node: Node?) -> String {
        guard let node else { return "nothing" }
        switch node {
        case .scalar(let scalar): return isNull(node) ? "nothing" : String(reflecting: scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private static func syntaxError(_ error: Error, file: String) -> ThemeError {
        let expected = "valid YAML"
        guard let yamlError = error as? YamlError else {
            return ThemeError(file: file, path: nil, expected: expected, got: "\(error)")
        }
        switch yamlError {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ThemeError(file: file, path: "line \(mark.line), column \(mark.column)", expected: expected, got: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { String(reflecting: $0) }.joined(separator: ", ")
            return ThemeError(file: file, path: "line \(context.mark.line), column \(context.mark.column)",
                              expected: expected, got: "the key \(keys) more than once")
        case let .reader(problem, _, _, _):
            return ThemeError(file: file, path: nil, expected: expected, got: problem)
        default:
            return ThemeError(file: file, path: nil, expected: expected, got: "\(yamlError)")
        }
    }
}
