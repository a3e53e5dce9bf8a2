import Cluster
import Commands

/// One page of a list: the objects at the version the list is read at, after the continue
/// token's key, at most `limit` of them, and the token for the rest (storage GetList).
struct ListPage {
    var objects: [any APIObject]
    var resourceVersion: Int64
    var next: ContinueToken?
    var remainingItemCount: Int?

    static let inconsistentContinue = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."

    static func read(_ request: ResourceRequest, filter: ObjectFilter, store: Store, history: WatchHistory) throws -> ListPage {
        let version = try ReadVersion(request, watch: false)
        let current = store.currentResourceVersion
        // No limit or a non-positive one lists everything; one that is not a number is refused.
        var limit = Int(clamping: try request.http.integerQuery("limit") ?? 0)
        let continueText = request.http.query("continue") ?? ""
        let token = continueText.isEmpty ? nil : try ContinueToken.decode(continueText)
        if token != nil, version.resourceVersion != nil {
            throw StatusError.badRequest("specifying resource version is not allowed when using continue")
        }
        let kind = request.resource.storedKind
        let all = { kind.map { store.objects(kind: $0) } ?? [] }

        var listVersion = current
        var objects: [any APIObject]
        if let token {
            listVersion = token.resourceVersion
            if token.resourceVersion == current {
                objects = all()
            } else if token.resourceVersion < current, let kind,
                      let old = history.snapshot(of: kind, at: token.resourceVersion, current: all()) {
                objects = old
            } else if kind == nil {
                objects = []
            } else {
                // Too old to read consistently: the 410 carries a token that continues at the latest version.
                throw InconsistentContinue(token: ContinueToken(resourceVersion: current, lastKey: token.lastKey))
            }
        } else if let rv = version.resourceVersion, rv > 0 {
            if rv > current { throw ReadVersion.tooLarge(rv, current: current) }
            if version.match == .exact {
                listVersion = rv
                if rv == current {
                    objects = all()
                } else if let kind {
                    guard let old = history.snapshot(of: kind, at: rv, current: all()) else {
                        throw ReadVersion.tooOld(rv, oldest: history.coveredFrom)
                    }
                    objects = old
                } else {
                    objects = []
                }
            } else {
                objects = all()
            }
        } else {
            objects = all()
            // resourceVersion=0 is served from the watch cache, which ignores limit.
            if version.resourceVersion == 0 { limit = 0 }
        }

        if !filter.selectsAll { objects = objects.filter(filter.matches) }
        if let after = token?.after { objects = objects.filter { after < $0.key } }
        var page = ListPage(objects: objects, resourceVersion: listVersion)
        if limit > 0, objects.count > limit {
            page.objects = Array(objects.prefix(limit))
            page.next = ContinueToken(resourceVersion: listVersion, after: page.objects[limit - 1].key)
            // Counted only when nothing is filtered out by a selector (the server cannot know otherwise).
            if filter.labels.requirements.isEmpty && filter.fields.isEmpty {
                page.remainingItemCount = objects.count - limit
            }
        }
        return page
    }
}

/// A continue token older than the history: 410 Expired whose Status metadata carries a token
/// that goes on at the latest version (an inconsistent but complete remainder).
struct InconsistentContinue: Error {
    var token: ContinueToken

    var response: APIResponse {
        guard case .object(var fields) = StatusError.expired(ListPage.inconsistentContinue).json else {
            return StatusError.expired(ListPage.inconsistentContinue).response
        }
        if let i = fields.firstIndex(where: { $0.0 == "metadata" }) { fields[i].1 = .object([("continue", .string(token.encoded))]) }
        return .json(.object(fields), status: 410)
    }
}
