extension ObjectSchema {
    /// The paths of the fields in `value` that this type does not know
    /// (`spec.template.spec.containers[0].imagePolicy`), as the API server's strict decoder names
    /// them for `fieldValidation=Strict`. Fields kubesim ignores are still known, and checked
    /// inside as far as their types are modelled; open types accept anything.
    package func unknownFields(in value: JSONValue) -> [String] {
        var found: [String] = []
        Self.collectUnknown(value, .object(self), path: "", into: &found)
        return found
    }

    private static func collectUnknown(_ value: JSONValue, _ type: FieldType, path: String, into found: inout [String]) {
        switch (type, value) {
        case (.object(let schema), .object(let pairs)):
            guard !schema.isOpen else { return }
            for (key, item) in pairs {
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let field = schema.field(key) else { found.append(child); continue }
                collectUnknown(item, field.type, path: child, into: &found)
            }
        case (.array(let element), .array(let items)):
            for (i, item) in items.enumerated() { collectUnknown(item, element, path: "\(path)[\(i)]", into: &found) }
        case (.map(let element), .object(let pairs)):
            for (key, item) in pairs { collectUnknown(item, element, path: "\(path).\(key)", into: &found) }
        default:
            return
        }
    }
}
