import Cluster

/// `-o` formats kubectl supports here.
public enum OutputFormat: Equatable, Sendable {
    case table, wide, name, yaml, json
    case jsonpath(String)
    /// `-o custom-columns=HEADER:PATH,...`
    case customColumns(String)

    static func parse(_ text: String?) throws -> OutputFormat {
        guard let text, !text.isEmpty else { return .table }
        switch text {
        case "wide": return .wide
        case "name": return .name
        case "yaml": return .yaml
        case "json": return .json
        default:
            if text.hasPrefix("custom-columns=") {
                return .customColumns(String(text.dropFirst("custom-columns=".count)))
            }
            for prefix in ["jsonpath=", "jsonpath-as-json="] where text.hasPrefix(prefix) {
                return .jsonpath(String(text.dropFirst(prefix.count)))
            }
            throw KubectlError("error: unable to match a printer suitable for the output format \"\(text)\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml")
        }
    }
}

extension GoDuration {
    /// A `--NAME=DURATION` flag as pflag reads it; nil when absent or 0 (kubectl's "no limit").
    static func flag(_ text: String?, name: String, command: String) throws -> SimDuration? {
        guard let text else { return nil }
        guard let d = parse(text) else {
            let reason = if case .failure(let error) = parseNanoseconds(text) { error.description } else { "time: invalid duration \"\(text)\"" }
            throw KubectlError("error: invalid argument \(text.goQuoted) for \"--\(name)\" flag: \(reason)\nSee 'kubectl \(command) --help' for usage.")
        }
        return d == .zero ? nil : d
    }
}
