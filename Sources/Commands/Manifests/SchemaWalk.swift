extension ObjectSchema {
    /// Walks `value` along this schema: `visit` is told each object field met (its path such as
    /// `spec.template.spec.containers[0].image`, its schema field, nil when the type does not
    /// know it, and its value) and answers whether to go inside it. Open types are not entered.
    /// The one traversal behind the questions asked of a body (unknown fields, fields not simulated).
    func walkFields(in value: ManifestValue, _ visit: (_ path: String, _ field: Field?, _ item: ManifestValue) -> Bool) {
        Self.walk(value, .object(self), path: "", visit)
    }

    private static func walk(_ value: ManifestValue, _ type: FieldType, path: String,
                             _ visit: (String, Field?, ManifestValue) -> Bool) {
        switch (type, value) {
        case (.object(let schema), .object(let pairs)):
            guard !schema.isOpen else { return }
            for (key, item) in pairs {
                let child = path.isEmpty ? key : "\(path).\(key)"
                let field = schema.field(key)
                if visit(child, field, item), let field { walk(item, field.type, path: child, visit) }
            }
        case (.array(let element), .array(let items)):
            for (i, item) in items.enumerated() { walk(item, element, path: "\(path)[\(i)]", visit) }
        case (.map(let element), .object(let pairs)):
            for (key, item) in pairs { walk(item, element, path: "\(path).\(key)", visit) }
        default:
            return
        }
    }
}
