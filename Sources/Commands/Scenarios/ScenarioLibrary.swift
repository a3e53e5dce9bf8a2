import Foundation

/// The scenarios that ship inside the package (`Library/*.yaml`, copied into the Commands
/// bundle), and the one way to load a scenario by built-in name or by path.
public enum ScenarioLibrary {
    /// The folder of built-in scenario files inside the resource bundle. SwiftPM's `Bundle.module`
    /// stops the program when the bundle is missing (a binary copied without it), so look first
    /// where it would and only then ask it; without the bundle there are no built-ins.
    public static var directory: URL? {
        let bundleName = "kubesim_Commands.resources"
        let candidates = [Bundle.main.bundleURL.appendingPathComponent(bundleName),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(bundleName)]
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            return Bundle(url: found)?.url(forResource: "Library", withExtension: nil)
        }
        return nil
    }

    /// Why there are no built-ins: the resource folder did not come along with the binary.
    public static let missingBuiltIns = "no built-in scenarios found: the kubesim_Commands.resources folder must sit beside the kubesim binary (or give the path of a .yaml file)"

    /// Built-in scenario names, sorted.
    public static var names: [String] {
        guard let directory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.map { ScenarioParser.baseName($0) }.sorted()
    }

    /// Every built-in scenario, sorted by name.
    public static func builtIns() throws -> [Scenario] {
        try names.map { try load(nameOrPath: $0) }
    }

    /// A built-in by name (`self-healing`), or a file when the text looks like a path (contains
    /// `/` or ends with `.yaml`/`.yml`).
    public static func load(nameOrPath: String) throws -> Scenario {
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml")
        if isPath {
            return try ScenarioParser.parse(try read(nameOrPath, shownAs: nameOrPath), file: nameOrPath)
        }
        guard !names.isEmpty else { throw ScenarioError(missingBuiltIns) }
        guard names.contains(nameOrPath), let directory else {
            throw ScenarioError("unknown scenario \(String(reflecting: nameOrPath)); built-in scenarios: "
                                + names.joined(separator: ", ") + " (or give the path of a .yaml file)")
        }
        let path = directory.appendingPathComponent(nameOrPath + ".yaml").path
        // Errors in a built-in name it the way its source does, not by its place in the bundle.
        let shownAs = "Library/\(nameOrPath).yaml"
        return try ScenarioParser.parse(try read(path, shownAs: shownAs), file: shownAs)
    }

    /// A scenario is one YAML document, which YAMLLimits caps at 3 MiB: no more is read.
    private static func read(_ path: String, shownAs: String) throws -> String {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path, limit: YAMLLimits.maxDocumentBytes)
        } catch {
            throw ScenarioError("cannot read scenario \(String(reflecting: shownAs)): \(error.explanation(limit: YAMLLimits.maxDocumentBytes))")
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw ScenarioError("cannot read scenario \(String(reflecting: shownAs)): it is not UTF-8 text")
        }
        return text
    }
}
