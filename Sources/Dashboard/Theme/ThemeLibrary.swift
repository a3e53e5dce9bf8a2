import Commands
import Foundation

/// The folder of theme files (the shipped `Themes/`, or `$KUBESIM_THEMES`), and loading themes
/// by name or by path.
public struct ThemeLibrary: Sendable {
    /// Where the theme files are, or nil when none could be found.
    public let directory: URL?

    /// Shipped themes come first in this order; any others follow alphabetically. `t` cycles in
    /// this order, so from `default` it stays on dark themes and reaches `light` last.
    static let presentationOrder = ["default", "high-contrast", "solarized-dark", "mono", "light"]

    public init(directory: URL?) {
        self.directory = directory
    }

    /// Finds the `Themes` folder: `$KUBESIM_THEMES`, else the nearest `Themes/default.yaml` above
    /// the executable, else above the current directory. The executable is the running
    /// program's real file (`Bundle.main`), whatever started it: a bare name on PATH (whose
    /// argv[0] names no folder) or a symlink. `executable` stands in for it in tests.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: URL? = nil,
                              currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        -> ThemeLibrary {
        if let path = environment["KUBESIM_THEMES"], !path.isEmpty {
            return ThemeLibrary(directory: URL(fileURLWithPath: path, isDirectory: true))
        }
        let program = executable?.resolvingSymlinksInPath().deletingLastPathComponent()
            ?? Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() ?? Bundle.main.bundleURL
        for start in [program, currentDirectory.standardizedFileURL] {
            var folder = start
            while true {
                let candidate = folder.appendingPathComponent("Themes", isDirectory: true)
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.yaml").path) {
                    return ThemeLibrary(directory: candidate)
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return ThemeLibrary(directory: nil)
    }

    /// Why no theme can be loaded by name, and what the dashboard says when it falls back to mono.
    public static let missing = "no Themes folder was found above the kubesim binary or the current directory (set KUBESIM_THEMES to one)"

    /// The theme names in the library (file names without `.yaml`), in presentation order.
    public var names: [String] {
        guard let directory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        let found = Set(files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) })
        return Self.presentationOrder.filter(found.contains) + found.subtracting(Self.presentationOrder).sorted()
    }

    /// Loads a theme by library name (`light`) or by path (anything with `/` or a YAML extension).
    public func load(_ nameOrPath: String) throws -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") {
            return try Self.load(URL(fileURLWithPath: nameOrPath), shownAs: nameOrPath)
        }
        let available = names
        guard let directory, available.contains(nameOrPath) else {
            let list = available.isEmpty
                ? (directory.map { "no theme files (*.yaml) in \($0.path)" } ?? Self.missing)
                : "available themes are \(available.joined(separator: ", "))"
            throw ThemeError("unknown theme \(String(reflecting: nameOrPath)): \(list)")
        }
        // Errors name the file as `Themes/<name>.yaml`: short, and what the user would open.
        return try Self.load(directory.appendingPathComponent("\(nameOrPath).yaml"),
                             shownAs: "\(directory.lastPathComponent)/\(nameOrPath).yaml")
    }

    /// The theme after `name` in `names`, wrapping around (the first one if `name` is unknown).
    public func next(after name: String) -> String {
        let all = names
        guard let index = all.firstIndex(of: name) else { return all.first ?? name }
        return all[(index + 1) % all.count]
    }

    private static func load(_ url: URL, shownAs file: String) throws -> Theme {
        // A theme is one YAML document, which YAMLLimits caps at 3 MiB: no more is read.
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(url.path, limit: YAMLLimits.maxDocumentBytes)
        } catch {
            throw ThemeError(file: file, path: nil, expected: "a readable theme file", got: error.explanation(limit: YAMLLimits.maxDocumentBytes))
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw ThemeError(file: file, path: nil, expected: "a readable theme file", got: "a file that is not UTF-8 text")
        }
        return try ThemeParser.parse(text, file: file)
    }
}
