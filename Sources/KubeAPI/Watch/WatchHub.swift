import Cluster
import Commands

/// Watch history and the live watch streams. Registered with the store, it records every change
/// (the bounded history lists and watches read older versions from) and hands each one to the
/// open watches.
public final class WatchHub {
    let history: WatchHistory
    private unowned let store: Store
    private var watchers: [Watcher] = []
    private var nextID = 0
    /// Store changes since the last round of bookmarks.
    private var changesSinceBookmark = 0

    /// How many store changes the history keeps (10,000 by default). A watch or list from a
    /// version older than that is answered 410 Expired.
    public var historyLimit: Int {
        get { history.limit }
        set { history.limit = newValue }
    }

    /// Bookmarks go to watches that allow them every this many store changes. The API server
    /// sends them about once a minute of wall time; counting changes keeps a quiet watch's
    /// resourceVersion inside the history however fast the simulation runs (it is a tenth of
    /// the history), and keeps tests free of timers. The owner may also call `sendBookmarks()`.
    public var bookmarkInterval = 1000

    init(store: Store) {
        self.store = store
        history = WatchHistory(limit: 10_000, currentResourceVersion: store.currentResourceVersion)
        store.watch { [weak self] event in self?.observe(event) }
    }

    /// The number of open watches.
    public var watchCount: Int { watchers.count }

    private func observe(_ event: WatchEvent) {
        history.record(event)
        let now = store.now
        let shared = EncodedEventLines()
        for watcher in watchers { watcher.deliver(event, now: now, shared: shared) }
        watchers.removeAll { !$0.open }
        changesSinceBookmark += 1
        if changesSinceBookmark >= bookmarkInterval { sendBookmarks() }
    }

    /// A BOOKMARK at the store's current version to every watch that allows bookmarks.
    public func sendBookmarks() {
        changesSinceBookmark = 0
        let rv = store.currentResourceVersion
        for watcher in watchers where watcher.bookmarks { watcher.sendBookmark(resourceVersion: rv) }
        watchers.removeAll { !$0.open }
    }

    func watch(_ request: ResourceRequest, cluster: Cluster) throws -> APIReply {
        let resource = request.resource
        guard resource.verbs.contains("watch") else { throw StatusError.methodNotAllowed() }
        // Refusals that come before the stream starts are plain responses.
        let shape = try ResponseShape(request.http)
        let filter = try ObjectFilter(request)
        let version = try ReadVersion(request, watch: true)
        let initialEvents = request.http.boolQuery("sendInitialEvents") == true
        let bookmarks = request.http.boolQuery("allowWatchBookmarks") == true
        let timeout = try request.http.integerQuery("timeoutSeconds").map(Double.init)
        let id = nextID
        nextID += 1
        let head = APIResponse(status: 200, headers: [("Content-Type", shape.contentType)])
        return .stream(StreamingReply(head: head, timeoutSeconds: timeout, start: { [weak self] sink in
            let watcher = Watcher(id: id, resource: resource, filter: filter, shape: shape, bookmarks: bookmarks, sink: sink)
            self?.start(watcher, from: version.resourceVersion, initialEvents: initialEvents)
        }, stop: { [weak self] in
            self?.watchers.removeAll { $0.id == id }
        }))
    }

    /// Sends what comes before the live changes — the current objects, or the changes since
    /// the version asked for — then registers the watch for the rest.
    private func start(_ watcher: Watcher, from rv: Int64?, initialEvents: Bool) {
        let current = store.currentResourceVersion
        let now = store.now
        if let rv, rv > current {
            watcher.fail(ReadVersion.tooLarge(rv, current: current))
            return
        }
        if initialEvents || rv == nil || rv == 0 {
            // The current state as ADDED events (a watch from "" or "0", or a watch-list).
            let objects = watcher.resource.storedKind.map { store.objects(kind: $0) } ?? []
            for object in objects where watcher.filter.matches(object) { watcher.send("ADDED", object, now: now) }
            if initialEvents {
                watcher.sendBookmark(resourceVersion: current, initialEventsEnd: true)
            } else if watcher.bookmarks {
                watcher.sendBookmark(resourceVersion: current)
            }
        } else if let rv {
            guard history.reaches(rv) else {
                watcher.fail(ReadVersion.tooOld(rv, oldest: history.coveredFrom))
                return
            }
            for entry in history.changes(after: rv) { watcher.deliver(entry.event, now: now) }
            if watcher.bookmarks { watcher.sendBookmark(resourceVersion: current) }
        }
        if watcher.open { watchers.append(watcher) }
    }
}
