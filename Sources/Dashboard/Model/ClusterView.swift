import Cluster

/// What the dashboard reads from the cluster, kept current from the watch stream so a frame
/// never sorts or scans the whole store: names of each kind in kubectl's (name) order, events
/// newest first, and when each object appeared or last changed (for glowing rows). Namespaced
/// kinds are those of the shown namespace only (`namespace`), as `kubectl get -n NS` lists them.
public final class ClusterView {
    public let cluster: Cluster
    /// The namespace the tables show; a namespace shown for the first time is listed afresh.
    public var namespace = "default" {
        didSet {
            guard namespace != oldValue else { return }
            // The listing of the namespace left is kept (its changes still noted), so coming
            // back does not list and sort 150,000 pods afresh.
            listings[oldValue] = listing
            listing = listings.removeValue(forKey: namespace) ?? Listing()
            eventLog = []
            liveEvents = LiveEntryIndex()
            eventLogStamp.removeAll()
            logExistingEvents()
            version += 1
        }
    }
    /// Names of each kind of one namespace in order, and what changed since they were read.
    struct Listing {
        var sorted: [Kind: [String]] = [:]
        /// Kinds never listed yet.
        var unlisted: Set<Kind> = Set(Kind.allCases)
        /// Names added or deleted since `sorted` was last brought up to date, merged in on the next
        /// read: a scale to 100,000 adds hundreds of pods a frame, and re-sorting (or listing) them
        /// all every frame would cost more than the frame.
        /// Kept only for kinds listed already (a kind never read, events, is listed afresh when first
        /// read); sharded, as a pane hidden during a scale-up lets them grow to 100,000 names.
        var pendingAdded: [Kind: ShardedSet<String>] = [:]
        var pendingRemoved: [Kind: ShardedSet<String>] = [:]
        /// What is kept of each pod for `/` and sorting, at its name's index in `sorted[.pod]`.
        var podRows: [KeptPodRow] = []
        /// Whether a pass has kept anything in `podRows` yet: until then a pod's change has
        /// nothing to drop, and is not looked up (a scale-up changes thousands a second).
        var podRowsUsed = false
        /// Where filling in kept rows while the dashboard waits for keys goes on (see keepPodRows),
        /// and how many rows in a row from there were found kept since the last change that could
        /// leave one missing: all of them means there is nothing left to fill in.
        var fillCursor = 0
        var keptRun = 0

        mutating func note(_ event: WatchEvent) {
            switch event.type {
            case .added:
                if !unlisted.contains(event.kind) && pendingRemoved[event.kind]?.remove(event.name) == nil {
                    pendingAdded[event.kind, default: []].insert(event.name)
                }
            case .modified:
                if event.kind == .pod { forgetKeptRow(of: event.name) }
            case .deleted:
                if !unlisted.contains(event.kind) && pendingAdded[event.kind]?.remove(event.name) == nil {
                    pendingRemoved[event.kind, default: []].insert(event.name)
                }
                // Dropped now, not when the name leaves the list: a pod made again under the
                // same name before then keeps its place in the list.
                if event.kind == .pod { forgetKeptRow(of: event.name) }
            }
        }

        /// The pod changed: what was kept of it no longer reads as it does. A pod not yet in
        /// the list (added since the last read) has nothing kept.
        private mutating func forgetKeptRow(of name: String) {
            guard podRowsUsed, let names = sorted[.pod] else { return }
            let i = ClusterView.position(of: name, in: names)
            if i < names.count && names[i] == name {
                podRows[i] = KeptPodRow()
                keptRun = 0
            }
        }
    }
    /// The shown namespace's listing.
    private var listing = Listing()
    /// Nodes and the other kinds outside namespaces, the same whichever namespace is shown.
    private var clusterListing = Listing()
    /// Listings of namespaces shown before.
    private var listings: [String: Listing] = [:]
    /// Event names, oldest first (a repeat moves its event to the end).
    var eventOrder: [String] { eventsNewestFirst.reversed() }
    /// Event names, newest first (as the Events pane lists them), read from the log where
    /// they lie: the pane reads the rows it shows, not every event (see RowNames).
    var eventsNewestFirst: RowNames {
        RowNames(count: liveEvents.liveCount) { [unowned self] row in
            // Read in the same step as asked; a later read gets the nearest row of the log as it is.
            let live = liveEvents.liveCount
            guard live > 0 else { return "" }
            return eventLog[liveEvents.position(ofLive: max(0, min(live - 1, live - 1 - row)))].name.value
        }
    }
    /// Every time an event appeared or repeated, in order; only its latest entry is live. A
    /// repeat marks the old entry dead instead of searching the list for it (thousands of
    /// FailedScheduling repeats a second during a big scale-up).
    /// Each entry carries its stamp (its place in the order of logging), so the log stays sorted
    /// by stamp and dropping dead entries moves none of the stamps.
    private var eventLog: [(name: PrehashedString, stamp: Int, live: Bool)] = []
    /// Which entries of `eventLog` are live, counted so the pane's row n is found by halves.
    private var liveEvents = LiveEntryIndex()
    /// Keys hash once: these tables hold an entry per pod or event (see PrehashedString); sharded,
    /// so they grow without stalling a step (see ShardedDictionary).
    private var eventLogStamp = ShardedDictionary<PrehashedString, Int>()
    private var nextStamp = 0
    private var firstSeen = ShardedDictionary<PrehashedString, SimTime>()
    private var lastChanged = ShardedDictionary<PrehashedString, SimTime>()
    /// Bumped on every change, so the main loop knows when a redraw may be needed.
    public private(set) var version = 0
    /// Bumped on every change to a pod of the shown namespace.
    private(set) var podVersion = 0
    /// Counts of nodes, pods and replicas for the header and the overview map.
    public let tally: ClusterTally

    public init(cluster: Cluster) {
        self.cluster = cluster
        tally = ClusterTally(store: cluster.store)
        logExistingEvents()
        cluster.store.watch { [unowned self] event in self.observe(event) }
    }

    private func logExistingEvents() {
        for event in cluster.store.list(Event.self, namespace: namespace).sorted(by: { ($0.lastSeen ?? .zero) < ($1.lastSeen ?? .zero) }) { logEvent(event.name) }
    }

    private func observe(_ event: WatchEvent) {
        guard event.kind != .lease else { return }
        version += 1
        tally.observe(event)
        if event.kind.isNamespaced && event.object.metadata.namespace != namespace {
            // Another namespace: noted in its listing if it was shown before (the node map reads pods from the store).
            listings[event.object.metadata.namespace]?.note(event)
            return
        }
        if event.kind == .pod { podVersion += 1 }
        if event.kind.isNamespaced { listing.note(event) } else { clusterListing.note(event) }
        let uid = PrehashedString(event.object.metadata.uid)
        switch event.type {
        case .added:
            firstSeen[uid] = cluster.now
            if event.kind == .event { logEvent(event.name) }
        case .modified:
            lastChanged[uid] = cluster.now
            // A repeat moves its event to the top; a client's label or patch leaves it where its
            // LAST SEEN puts it.
            if event.kind == .event, let new = event.event, let old = event.old as? Event,
               new.lastTimestamp != old.lastTimestamp || new.count != old.count {
                logEvent(event.name)
            }
        case .deleted:
            firstSeen[uid] = nil
            lastChanged[uid] = nil
            if event.kind == .event { forgetEvent(PrehashedString(event.name)) }
        }
    }

    /// The shown namespace's pods in name order, and what is kept of each at the same index,
    /// for passes over every pod (`/`, sorting) that fill in what is missing as they go.
    /// `body` must not read the view's listings.
    func withOrderedPods<Result>(_ body: (_ names: [String], _ kept: inout [KeptPodRow]) -> Result) -> Result {
        let names = self.names(.pod)
        listing.podRowsUsed = true
        return body(names, &listing.podRows)
    }

    /// Fills in what `/` and sorting keep of the shown namespace's listed pods (see KeptPodRow),
    /// a row at a time while `budgetLeft` says so, going on next time where it stopped: the
    /// dashboard calls this while it waits for keys, so the first filter or sort over 150,000
    /// pods reads kept rows instead of making each (a quarter of a second). True when every
    /// listed pod's row is kept. Changes only what the view keeps, never what a frame shows.
    public func keepPodRows(while budgetLeft: () -> Bool) -> Bool {
        guard !listing.unlisted.contains(.pod), let names = listing.sorted[.pod], listing.podRows.count == names.count else { return true }
        let namespace = self.namespace, store = cluster.store
        while listing.keptRun < names.count {
            guard budgetLeft() else { return false }
            let row = listing.fillCursor < names.count ? listing.fillCursor : 0
            if !listing.podRows[row].isComplete, let pod = store.pod(names[row], namespace: namespace) {
                listing.podRows[row].fill(from: pod)
                listing.podRowsUsed = true
            }
            listing.fillCursor = row + 1
            listing.keptRun += 1
        }
        return true
    }

    /// The event appeared or repeated: it moves to the end.
    private func logEvent(_ name: String) {
        let name = PrehashedString(name)
        forgetEvent(name)
        eventLogStamp[name] = nextStamp
        eventLog.append((name, nextStamp, true))
        liveEvents.append(live: true)
        nextStamp += 1
    }

    private func forgetEvent(_ name: PrehashedString) {
        guard let stamp = eventLogStamp.removeValue(forKey: name) else { return }
        let position = Self.position(of: stamp, in: eventLog)
        eventLog[position].live = false
        liveEvents.retire(position)
        // Drop dead entries once they outnumber the live ones (amortised constant time).
        let dead = eventLog.count - liveEvents.liveCount
        if dead > 1024 && dead * 2 > eventLog.count {
            eventLog.removeAll { !$0.live }
            liveEvents = LiveEntryIndex(eventLog.lazy.map(\.live))
        }
    }

    /// Where the entry stamped `stamp` is in `log` (sorted by stamp), found by halves.
    private static func position(of stamp: Int, in log: [(name: PrehashedString, stamp: Int, live: Bool)]) -> Int {
        var low = 0, high = log.count
        while low < high {
            let middle = (low + high) / 2
            if log[middle].stamp < stamp { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Names of a kind in name order (nodes in natural order: node-2 before node-10).
    public func names(_ kind: Kind) -> [String] {
        kind.isNamespaced ? names(kind, from: &listing) : names(kind, from: &clusterListing)
    }

    private func names(_ kind: Kind, from listing: inout Listing) -> [String] {
        if listing.unlisted.contains(kind) {
            let names = cluster.store.names(kind: kind, namespace: namespace)
            listing.sorted[kind] = kind == .node ? names.sorted(by: Self.order(of: kind)) : names
            if kind == .pod {
                listing.podRows = Array(repeating: KeptPodRow(), count: names.count)
                listing.keptRun = 0
            }
            listing.unlisted.remove(kind)
            listing.pendingAdded[kind] = nil
            listing.pendingRemoved[kind] = nil
        }
        let removed = listing.pendingRemoved.removeValue(forKey: kind) ?? []
        let order = Self.order(of: kind)
        let added = (listing.pendingAdded.removeValue(forKey: kind) ?? []).sorted(by: order)
        guard !removed.isEmpty || !added.isEmpty else { return listing.sorted[kind] ?? [] }
        // Changed in place (taken out of the dictionary so it is not shared, hence not copied).
        var names = listing.sorted.removeValue(forKey: kind) ?? []
        // The pods' kept rows move with their names (taken out too, for the same reason).
        var kept: [KeptPodRow] = []
        if kind == .pod { swap(&kept, &listing.podRows) }
        if !removed.isEmpty { Self.remove(removed, from: &names, alongside: &kept) }
        Self.insert(added, into: &names, alongside: &kept, by: order)
        if kind == .pod {
            swap(&kept, &listing.podRows)
            if !added.isEmpty { listing.keptRun = 0 }
        }
        listing.sorted[kind] = names
        return names
    }

    /// Removes `removed` from `names`, and from `kept` the rows at the same places when it
    /// holds one per name (the pods').
    static func remove(_ removed: ShardedSet<String>, from names: inout [String], alongside kept: inout [KeptPodRow]) {
        let carries = kept.count == names.count
        var next = 0
        for i in names.indices where !removed.contains(names[i]) {
            if i != next {
                names.swapAt(i, next)
                if carries { kept.swapAt(i, next) }
            }
            next += 1
        }
        names.removeLast(names.count - next)
        if carries { kept.removeLast(kept.count - next) }
    }

    /// Inserts `added` (ordered by `order`) into `names` (ordered too), in place: each new name's
    /// place is found by halves and the names after it are swapped up, from the back, into
    /// room made at the end. A frame of a scale-up inserts a few hundred names among 100,000:
    /// this moves them without the copy (and the retain and release of every name) of a merge.
    /// When `kept` holds a row per name (the pods'), its rows move with their names and each
    /// new name gets an empty one.
    static func insert(_ added: [String], into names: inout [String], alongside kept: inout [KeptPodRow], by order: (String, String) -> Bool) {
        guard !added.isEmpty else { return }
        let carries = kept.count == names.count
        var last = names.count - 1 // the last name not yet moved to its final place
        names.append(contentsOf: repeatElement("", count: added.count))
        if carries { kept.append(contentsOf: repeatElement(KeptPodRow(), count: added.count)) }
        names.withUnsafeMutableBufferPointer { buffer in
            kept.withUnsafeMutableBufferPointer { keptBuffer in
                for j in added.indices.reversed() {
                    // The first place among names[0...last] whose name comes after added[j].
                    var low = 0, high = last + 1
                    while low < high {
                        let mid = (low + high) / 2
                        if order(added[j], buffer[mid]) { high = mid } else { low = mid + 1 }
                    }
                    // names[low...last] move up by j + 1, into empty places.
                    var t = last
                    while t >= low {
                        buffer.swapAt(t, t + j + 1)
                        if carries { keptBuffer.swapAt(t, t + j + 1) }
                        t -= 1
                    }
                    buffer[low + j] = added[j]
                    last = low - 1
                }
            }
        }
    }

    /// Where `name` is, or would go, among `names` (in name order), found by halves.
    static func position(of name: String, in names: [String]) -> Int {
        var low = 0, high = names.count
        while low < high {
            let middle = (low + high) / 2
            if names[middle] < name { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// How a kind's names are ordered: nodes as people count them, the rest as the API server lists.
    static func order(of kind: Kind) -> (String, String) -> Bool {
        if kind == .node { return NaturalOrder.less }
        return { $0 < $1 }
    }

    /// Two lists ordered by `order` as one.
    static func merge(_ a: [String], _ b: [String], by order: (String, String) -> Bool) -> [String] {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        var merged: [String] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if order(b[j], a[i]) { merged.append(b[j]); j += 1 } else { merged.append(a[i]); i += 1 }
        }
        merged.append(contentsOf: a[i...])
        merged.append(contentsOf: b[j...])
        return merged
    }

    /// How long ago (virtual time) the object appeared, or nil if it was there from the start
    /// of the view.
    public func age(ofAppearance uid: String) -> SimDuration? { firstSeen[PrehashedString(uid)].map { cluster.now - $0 } }
    public func age(ofChange uid: String) -> SimDuration? { lastChanged[PrehashedString(uid)].map { cluster.now - $0 } }
}
