import Cluster

/// A `-l` selector as the list request carries it: the API server parses it, and kubectl's
/// resource builder puts its refusal in context (`Unable to find "/v1, Resource=pods" that match
/// label selector …`), so a malformed selector reads exactly as it does against a real cluster.
enum ListSelector {
    static func parse(_ text: String?, kind: Kind) throws -> LabelSelector {
        guard let text else { return LabelSelector() }
        do {
            return try SelectorParser.parse(text)
        } catch let error as SelectorParser.ParseError {
            // schema.GroupVersionResource's String(): "group/version, Resource=resource".
            let version = kind.apiVersion.split(separator: "/").last.map(String.init) ?? "v1"
            let resource = "\(kind.group)/\(version), Resource=\(kind.resource)"
            throw KubectlError("Error from server (BadRequest): Unable to find \"\(resource)\" that match label selector \"\(text)\", field selector \"\": \(error.description)")
        }
    }
}
