import Cluster

/// The objects a collection request (`deletecollection`) selects with `labelSelector` and
/// `fieldSelector`, read with the selectors `kubectl get -l … --field-selector …` uses.
public enum APISelection {
    /// Sorted by namespace and name. A selector that cannot be read is the API server's
    /// BadRequest, in its words.
    public static func objects(kind: Kind, namespace: String?, labelSelector: String?, fieldSelector: String?,
                               in store: Store) throws -> [any APIObject] {
        let labels: LabelSelector
        do {
            labels = try SelectorParser.parse(labelSelector ?? "")
        } catch let error as SelectorParser.ParseError {
            throw APIError(.badRequest, "unable to parse requirement: \(error.description)")
        }
        let fields: FieldSelector
        do {
            fields = try FieldSelector.parse(fieldSelector, kind: kind, labelSelector: labelSelector)
        } catch let error as KubectlError {
            throw APIError(.badRequest, error.message.replacingOccurrences(of: "Error from server (BadRequest): ", with: ""))
        }
        return store.objects(kind: kind, selector: labels, namespace: namespace).filter(fields.matches)
    }
}
