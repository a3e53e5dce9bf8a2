import Cluster

/// The last changes to the store, oldest first, as the API server's watch cache keeps them: a
/// watch from a resourceVersion replays what came after it, and a list at an older version (a
/// later page, `resourceVersionMatch=Exact`) is the current state with those changes undone.
/// Bounded: a version older than what is kept is "too old" (410 Expired).
final class WatchHistory {
    struct Entry {
        var resourceVersion: Int64
        var event: WatchEvent
    }

    /// How many changes are kept.
    var limit: Int
    private var entries: [Entry] = []
    /// entries[start...] are the kept ones; the dropped prefix is cut off in batches.
    private var start = 0
    /// Every change with a resourceVersion above this is kept.
    private(set) var coveredFrom: Int64

    init(limit: Int, currentResourceVersion: Int64) {
        self.limit = limit
        coveredFrom = currentResourceVersion
    }

    var count: Int { entries.count - start }

    func record(_ event: WatchEvent) {
        guard let rv = Int64(event.object.metadata.resourceVersion) else { return }
        entries.append(Entry(resourceVersion: rv, event: event))
        while count > max(1, limit) {
            coveredFrom = entries[start].resourceVersion
            start += 1
        }
        if start > max(1024, limit) {
            entries.removeFirst(start)
            start = 0
        }
    }

    /// Whether every change after `rv` is still kept.
    func reaches(_ rv: Int64) -> Bool { rv >= coveredFrom }

    /// The kept changes after `rv`, oldest first.
    func changes(after rv: Int64) -> ArraySlice<Entry> {
        var low = start, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].resourceVersion <= rv { low = mid + 1 } else { high = mid }
        }
        return entries[low...]
    }

    /// The objects of `kind` as they were at `rv`, from the `current` ones; nil when the
    /// history no longer reaches back that far.
    func snapshot(of kind: Kind, at rv: Int64, current: [any APIObject]) -> [any APIObject]? {
        guard reaches(rv) else { return nil }
        var objects: [ObjectKey: any APIObject] = [:]
        for object in current { objects[object.key] = object }
        for entry in changes(after: rv).reversed() where entry.event.kind == kind {
            let key = entry.event.object.key
            switch entry.event.type {
            case .added: objects[key] = nil
            case .modified, .deleted: objects[key] = entry.event.old
            }
        }
        return objects.keys.sorted().compactMap { objects[$0] }
    }
}
