import Cluster
import Commands

/// Which objects a list or watch asks for: a namespace (nil: all), `labelSelector` and
/// `fieldSelector`, parsed with the API server's BadRequest wording.
struct ObjectFilter {
    var namespace: String?
    var labels: LabelSelector
    var fields: FieldSelector

    init(_ request: ResourceRequest) throws {
        namespace = request.namespace
        do {
            labels = try request.http.query("labelSelector").map(SelectorParser.parse) ?? LabelSelector()
        } catch let error as SelectorParser.ParseError {
            throw StatusError.badRequest(error.description)
        }
        do {
            // A resource without storage (CRDs here) has only metadata.name and metadata.namespace;
            // leases select on nothing more, so their rules stand in.
            fields = try FieldSelector.parse(request.http.query("fieldSelector"), kind: request.resource.storedKind ?? .lease,
                                             group: request.resource.group)
        } catch let refusal as FieldSelector.Refusal {
            throw StatusError.badRequest(refusal.description)
        }
    }

    /// No namespace and no selector: every object, so a list need not test (or copy) each.
    var selectsAll: Bool { namespace == nil && labels.requirements.isEmpty && fields.isEmpty }

    func matches(_ object: any APIObject) -> Bool {
        if let namespace, object.metadata.namespace != namespace { return false }
        return labels.matches(object.metadata.labels) && fields.matches(object)
    }
}
