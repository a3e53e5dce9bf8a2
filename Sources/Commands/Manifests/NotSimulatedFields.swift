extension ObjectSchema {
    /// The paths of the fields in `value` that Kubernetes has, kubesim does not simulate, and
    /// that would change what happens (`spec.template.spec.affinity`), left out when empty
    /// (`affinity: {}` changes nothing). Manifests refuse them; the API drops them with a warning.
    func notSimulatedFields(in value: ManifestValue) -> [String] {
        var found: [String] = []
        Self.collect(value, .object(self), path: "", into: &found)
        return found
    }

    private static func collect(_ value: ManifestValue, _ type: FieldType, path: String, into found: inout [String]) {
        switch (type, value) {
        case (.object(let schema), .object(let pairs)):
            guard !schema.isOpen else { return }
            for (key, item) in pairs {
                guard let field = schema.field(key) else { continue }
                let child = path.isEmpty ? key : "\(path).\(key)"
                switch field.use {
                case .notSimulated: if !item.isEmptyValue { found.append(child) }
                case .ignored: continue
                case .read: collect(item, field.type, path: child, into: &found)
                }
            }
        case (.array(let element), .array(let items)):
            for (i, item) in items.enumerated() { collect(item, element, path: "\(path)[\(i)]", into: &found) }
        case (.map(let element), .object(let pairs)):
            for (key, item) in pairs { collect(item, element, path: "\(path).\(key)", into: &found) }
        default:
            return
        }
    }
}

extension ManifestValue {
    /// Null, `{}`, `[]` or `false`: a value that sets nothing (`publishNotReadyAddresses: false`
    /// is the default charts render).
    var isEmptyValue: Bool {
        switch self {
        case .null, .bool(false): true
        case .array(let items): items.isEmpty
        case .object(let pairs): pairs.isEmpty
        default: false
        }
    }
}
