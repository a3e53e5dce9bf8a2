import Cluster

/// kubectl's `kubectl.kubernetes.io/last-applied-configuration`: the object as the file gave it,
/// kept on the live object so the next `apply` can tell which fields it set before (and so may
/// remove) from those others set (which it keeps).
enum LastAppliedConfiguration {
    static let key = "kubectl.kubernetes.io/last-applied-configuration"

    /// kubectl's GetModifiedConfiguration: the file's object with the namespace kubectl placed it
    /// in, its annotations without this one (always present, `{}` when empty), encoded as Go's
    /// json.Encoder writes a map: compact, keys sorted, HTML characters escaped, a final newline.
    static func json(of manifest: ManifestValue, namespace: String?) -> String {
        var metadata = manifest["metadata"]?.pairs ?? []
        var annotations = manifest["metadata"]?["annotations"]?.pairs ?? []
        annotations.removeAll { $0.0 == key }
        metadata.removeAll { $0.0 == "annotations" }
        metadata.append(("annotations", .object(annotations)))
        if let namespace {
            metadata.removeAll { $0.0 == "namespace" }
            metadata.append(("namespace", .string(namespace)))
        }
        var fields = manifest.pairs.filter { $0.0 != "metadata" }
        fields.append(("metadata", .object(metadata)))
        return compact(.object(fields)) + "\n"
    }

    /// The live object's last-applied configuration as a tree; nil when it has none (or it
    /// cannot be read, which kubectl also treats as no original).
    static func original(in annotations: [String: String]) -> ManifestValue? {
        guard let text = annotations[key],
              case .success(let value)? = ManifestReader.documents(in: text, file: key).first?.parsed else { return nil }
        return value
    }

    /// What kubectl prints before patching the annotation onto an object created without it.
    static func missingWarning(_ kind: Kind, _ name: String) -> String {
        "Warning: resource \(kind.resource)/\(name) is missing the \(key) annotation which is required by kubectl apply. "
            + "kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. "
            + "The missing annotation will be patched automatically.\n"
    }

    /// Numbers keep the text they were written with (a quantity `0.5` stays a number).
    private static func compact(_ value: ManifestValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .number(let text): text
        case .string(let s): JSONValue.quote(s)
        case .array(let items): "[" + items.map(compact).joined(separator: ",") + "]"
        case .object(let pairs):
            "{" + pairs.sorted { $0.0 < $1.0 }.map { JSONValue.quote($0.0) + ":" + compact($0.1) }.joined(separator: ",") + "}"
        }
    }
}
