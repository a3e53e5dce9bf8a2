import Cluster
import Commands

/// `POST pods/NAME/binding` (v1 Binding `{target: {kind: Node, name}}`): assigns a pending pod
/// to a node, as a scheduler's bind does. 201 with a Success Status.
enum BindingSubresource {
    static func create(_ context: WriteContext) throws -> APIResponse {
        let body = try RequestBody.object(context.http, resource: context.resource, kind: "Binding")
        let name = context.request.name ?? ""
        let target = body["target"]
        let targetKind: String = if case .string(let k)? = target?["kind"] { k } else { "" }
        let node: String = if case .string(let n)? = target?["name"] { n } else { "" }
        var causes: [String] = []
        if !targetKind.isEmpty && targetKind != "Node" { causes.append("target.kind: Invalid value: \"\(targetKind)\": must be empty or 'Node'") }
        if node.isEmpty { causes.append("target.name: Required value") }
        if !causes.isEmpty { throw StatusError.invalid(kind: "Binding", group: "", name: name, causes: causes) }
        _ = try context.live()
        if !context.dryRun {
            try context.cluster.store.bind(pod: name, namespace: context.request.namespace ?? "default", toNode: node)
        }
        return .json(.object([("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object([])),
                              ("status", .string("Success")), ("code", .int(201))]), status: 201)
    }
}
