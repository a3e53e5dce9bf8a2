import Foundation
import Yams

/// One document of a manifest file: its tree, or why it could not be parsed.
struct ManifestDocument {
    var source: ManifestSource
    var parsed: Result<ManifestValue, KubectlError>
}

/// Reads manifest files the way kubectl does: a `-f` path is a file or a folder of .yaml, .yml
/// and .json files; a file is split into documents at `---` lines, and each document is parsed on
/// its own (with Yams), so a YAML error names its line within the document, as kubectl's does.
enum ManifestReader {
    static let extensions: Set<String> = ["yaml", "yml", "json"]
    /// The most read from one file: five requests at the API server's 3 MiB body limit and some
    /// room. kubectl itself reads any size, but a file this large costs seconds and hundreds of
    /// megabytes to parse, and a device like /dev/zero would be read forever.
    static let maxFileBytes = 16 * 1024 * 1024

    /// The files a `-f` argument names, in the order kubectl visits them.
    static func files(for path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ManifestErrors.pathDoesNotExist(path)
        }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { extensions.contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }.sorted()
            .map { (path as NSString).appendingPathComponent($0) }
    }

    static func read(file: String) throws -> [ManifestDocument] {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(file, limit: maxFileBytes)
        } catch {
            throw ManifestErrors.unreadable(file, error, limit: maxFileBytes)
        }
        return documents(in: String(decoding: bytes, as: UTF8.self), file: file)
    }

    /// Splits and parses; documents holding nothing (only comments or blank lines) are skipped
    /// and not counted.
    static func documents(in text: String, file: String) -> [ManifestDocument] {
        var result: [ManifestDocument] = []
        for chunk in chunks(text.replacingOccurrences(of: "\r\n", with: "\n")) {
            let source = ManifestSource(file: file, document: result.count + 1)
            do {
                guard let node = try YAMLLimits.compose(chunk) else { continue }
                let value = try ManifestValue(node)
                if value.isNull { continue }
                result.append(ManifestDocument(source: source, parsed: .success(value)))
            } catch let error as YAMLLimitError {
                result.append(ManifestDocument(source: source, parsed: .failure(ManifestErrors.overLimit(source, error))))
            } catch {
                result.append(ManifestDocument(source: source, parsed: .failure(ManifestErrors.parsing(source, problem(error)))))
            }
        }
        return result
    }

    /// kubectl's YAMLReader: a line starting with `---`, followed by nothing but spaces or a
    /// comment, ends a document.
    static func chunks(_ text: String) -> [String] {
        var chunks: [String] = []
        var current = ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() } // the final newline ends a line, it does not start one
        for line in lines {
            if line.hasPrefix("---") {
                let rest = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                if rest.isEmpty || rest.hasPrefix("#") {
                    if !current.isEmpty { chunks.append(current) }
                    current = ""
                    continue
                }
            }
            current += line + "\n"
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    /// A Yams error as go-yaml v2 (sigs.k8s.io/yaml, which kubectl uses) words it: `line N: problem`.
    static func problem(_ error: any Error) -> String {
        guard let yamlError = error as? YamlError else { return "\(error)" }
        switch yamlError {
        case let .scanner(context, problem, mark, _):
            return located(problem, problemLine: mark.line - 1, contextLine: context.map { $0.mark.line - 1 }, scanner: true)
        case let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            return located(problem, problemLine: mark.line - 1, contextLine: context.map { $0.mark.line - 1 }, scanner: false)
        case let .reader(problem, _, _, _):
            return problem
        case let .duplicatedKeysInMapping(duplicates, context):
            // Stricter than kubectl, which silently keeps the last value: say which key repeats.
            return "unmarshal errors:\n  line \(context.mark.line): key \"\(duplicates.first ?? "")\" already set in map"
        default:
            return yamlError.description
        }
    }

    /// go-yaml's parser.fail: the problem's 0-based line (plus one for scanner errors, which
    /// have not counted the line yet), else the context's; no prefix when that is 0.
    private static func located(_ problem: String, problemLine: Int, contextLine: Int?, scanner: Bool) -> String {
        var line = 0
        if problemLine != 0 {
            line = problemLine + (scanner ? 1 : 0)
        } else if let contextLine, contextLine != 0 {
            line = contextLine
        }
        return line == 0 ? problem : "line \(line): \(problem)"
    }
}
