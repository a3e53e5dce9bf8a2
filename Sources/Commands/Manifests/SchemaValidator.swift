/// kubectl's client-side schema validation: every field must be known and of the right type,
/// and required fields present. Problems read `ValidationError(Deployment.spec): unknown field
/// "replica" in io.k8s.api.apps.v1.DeploymentSpec`. Null values count as absent, as in Kubernetes.
struct SchemaValidator {
    /// `--validate=false`: unknown fields are dropped instead of refused (types still matter,
    /// since the simulator has to read the values).
    var rejectUnknownFields = true

    /// `path` starts with the kind (`Deployment`), as kubectl's paths do.
    func problems(in value: ManifestValue, schema: ObjectSchema, path: String) -> [String] {
        var problems: [String] = []
        check(value, .object(schema), path: path, typePath: schema.name, into: &problems)
        return problems
    }

    private func check(_ value: ManifestValue, _ type: FieldType, path: String, typePath: String, into problems: inout [String]) {
        switch (type, value) {
        case (_, .null):
            return
        case (.string, .string), (.time, .string), (.integer, .int), (.boolean, .bool),
             (.intOrString, .int), (.intOrString, .string),
             (.quantity, .int), (.quantity, .number), (.quantity, .string):
            return
        case (.map(let element), .object(let pairs)):
            for (key, item) in pairs { check(item, element, path: "\(path).\(key)", typePath: typePath, into: &problems) }
        case (.array(let element), .array(let items)):
            for (i, item) in items.enumerated() { check(item, element, path: "\(path)[\(i)]", typePath: typePath, into: &problems) }
        case (.object(let schema), .object(let pairs)):
            if schema.isOpen { return }
            for (key, item) in pairs {
                guard let field = schema.field(key) else {
                    if rejectUnknownFields { problems.append("ValidationError(\(path)): unknown field \"\(key)\" in \(schema.name)") }
                    continue
                }
                switch field.use {
                case .ignored:
                    continue
                case .notSimulated:
                    if rejectUnknownFields && !item.isEmptyValue {
                        problems.append("ValidationError(\(path)): field \"\(key)\" in \(schema.name) is not simulated by kubesim")
                    }
                case .read:
                    check(item, field.type, path: "\(path).\(key)", typePath: "\(schema.name).\(key)", into: &problems)
                }
            }
            for key in schema.required where value[key] == nil {
                problems.append("ValidationError(\(path)): missing required field \"\(key)\" in \(schema.name)")
            }
        case (.object(let schema), _):
            problems.append("ValidationError(\(path)): invalid type for \(schema.name): got \"\(value.typeName)\", expected \"map\"")
        default:
            problems.append("ValidationError(\(path)): invalid type for \(typePath): got \"\(value.typeName)\", expected \"\(type.expected)\"")
        }
    }
}
