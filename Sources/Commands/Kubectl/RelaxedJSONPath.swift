/// A field path as `--sort-by` and `-o custom-columns` take it: `.a.b`, `a.b`, `{.a.b}` all
/// mean `{.a.b}` (kubectl's get.RelaxedJSONPathExpression).
struct RelaxedJSONPath {
    /// The braced form kubectl quotes in its messages, e.g. `{.metadata.name}`.
    let expression: String
    private let steps: [JSONPath.Step]

    init(_ text: String) throws {
        let trimmed = text.trimmingSpaces()
        var inner: String
        if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") && trimmed.count >= 2 {
            inner = String(trimmed.dropFirst().dropLast())
        } else {
            inner = trimmed
        }
        guard !inner.isEmpty else {
            throw KubectlError("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
        }
        if !inner.hasPrefix(".") { inner = "." + inner }
        expression = "{\(inner)}"
        do { steps = try JSONPath.parsePath(inner) } catch { throw KubectlError("error: error parsing jsonpath \(expression), \(error)") }
    }

    /// The values the path finds in `object` (none when a key is missing).
    func values(in object: JSONValue) -> [JSONValue] {
        (try? JSONPath.evaluate(steps, object)) ?? []
    }
}
