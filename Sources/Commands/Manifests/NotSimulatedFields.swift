extension ObjectSchema {
    /// The paths of the fields in `value` that Kubernetes has, kubesim does not simulate, and
    /// that would change what happens (`spec.template.spec.affinity`), left out when empty
    /// (`affinity: {}` changes nothing). Manifests refuse them; the API drops them with a warning.
    func notSimulatedFields(in value: ManifestValue) -> [String] {
        var found: [String] = []
        walkFields(in: value) { path, field, item in
            guard let field else { return false }
            switch field.use {
            case .notSimulated:
                if !item.isEmptyValue { found.append(path) }
                return false
            case .ignored: return false
            case .read: return true
            }
        }
        return found
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
