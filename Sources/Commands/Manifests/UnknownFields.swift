extension ObjectSchema {
    /// The paths of the fields in `value` that this type does not know
    /// (`spec.template.spec.containers[0].imagePolicy`), as the API server's strict decoder names
    /// them for `fieldValidation=Strict`. Fields kubesim ignores are still known, and checked
    /// inside as far as their types are modelled; open types accept anything.
    package func unknownFields(in value: JSONValue) -> [String] {
        var found: [String] = []
        walkFields(in: ManifestValue(json: value)) { path, field, _ in
            if field == nil { found.append(path) }
            return true
        }
        return found
    }
}
