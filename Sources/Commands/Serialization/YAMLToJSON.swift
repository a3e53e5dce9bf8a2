import Foundation
import Yams

/// A YAML document read as JSON, the way sigs.k8s.io/yaml turns YAML into JSON before Kubernetes
/// decodes it: the API server's `application/apply-patch+yaml` bodies go through this.
public enum YAMLToJSON {
    /// The document's tree; nil for an empty document. Throws a message in go-yaml's words.
    public static func parse(_ text: String) throws(YAMLToJSONError) -> JSONValue? {
        do {
            guard let node = try YAMLLimits.compose(text) else { return nil }
            return json(try ManifestValue(node))
        } catch let error as YAMLLimitError {
            throw YAMLToJSONError(message: error.description)
        } catch {
            throw YAMLToJSONError(message: "yaml: " + ManifestReader.problem(error))
        }
    }

    static func json(_ value: ManifestValue) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .number(let text): jsonNumber(text)
        case .string(let s): .string(s)
        case .array(let items): .array(items.map(json))
        case .object(let pairs): .object(pairs.map { ($0.0, json($0.1)) })
        }
    }

    /// YAML floats may be written as JSON cannot (`.5`, `1.`, `+1e3`): re-spelled as Go prints them.
    private static func jsonNumber(_ text: String) -> JSONValue {
        if text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil {
            return .number(text)
        }
        guard let d = Double(text.replacingOccurrences(of: "_", with: "")), d.isFinite else { return .string(text) }
        return d == d.rounded() && abs(d) < 1e15 ? .int(Int64(d)) : .number(String(d))
    }
}

public struct YAMLToJSONError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
