import Cluster
import Commands

/// get and list.
enum ReadHandlers {
    static func get(_ request: ResourceRequest, cluster: Cluster) throws -> APIResponse {
        let resource = request.resource
        guard resource.verbs.contains("get") else { throw StatusError.methodNotAllowed() }
        let shape = try ResponseShape(request.http)
        guard let name = request.name, let kind = resource.storedKind,
              let object = cluster.store.object(kind: kind, name: name, namespace: request.namespace ?? "") else {
            throw StatusError.notFound(resource, request.name ?? "")
        }
        switch shape {
        case .object:
            return .json(ServedObjectJSON.encode(object, as: resource))
        case .table(let version, let include):
            let table = TableBuilder.table([object], resource: resource, now: cluster.now, version: version, include: include,
                                           metadata: [("resourceVersion", .string(object.metadata.resourceVersion))])
            return .json(table, contentType: shape.contentType)
        }
    }

    static func list(_ request: ResourceRequest, cluster: Cluster, history: WatchHistory) throws -> APIResponse {
        let resource = request.resource
        guard resource.verbs.contains("list") else { throw StatusError.methodNotAllowed() }
        let shape = try ResponseShape(request.http)
        let filter = try ObjectFilter(request)
        let page: ListPage
        do {
            page = try ListPage.read(request, filter: filter, store: cluster.store, history: history)
        } catch let expired as InconsistentContinue {
            return expired.response
        }
        var metadata: [(String, JSONValue)] = [("resourceVersion", .string(String(page.resourceVersion)))]
        if let next = page.next { metadata.append(("continue", .string(next.encoded))) }
        if let remaining = page.remainingItemCount { metadata.append(("remainingItemCount", .int(Int64(remaining)))) }
        // Streamed: the body is encoded as the connection takes it, off this thread.
        switch shape {
        case .object:
            return .streamed(StreamedList.json(page.objects, resource: resource, metadata: metadata))
        case .table(let version, let include):
            let table = TableBuilder.streamedTable(page.objects, resource: resource, now: cluster.now, version: version,
                                                   include: include, metadata: metadata)
            return .streamed(table, contentType: shape.contentType)
        }
    }
}
