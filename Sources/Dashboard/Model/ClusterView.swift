import Cluster

/// What the dashboard reads from the cluster, kept current from the watch stream so a frame
/// never sorts or scans the whole store: names of each kind in kubectl's (name) order, events
/// newest first, and when each object appeared or last changed (for glowing rows).
public final class ClusterView {
    public let cluster: Cluster
    private var sorted: [Kind: [String]] = [:]
    private var dirty: Set<Kind> = Set(Kind.allCases)
    /// Event names, oldest first (a repeat moves its event to the end).
    private(set) var eventOrder: [String] = []
    private var firstSeen: [String: SimTime] = [:]
    private var lastChanged: [String: SimTime] = [:]
    /// Bumped on every change, so the main loop knows when a redraw may be needed.
    public private(set) var version = 0

    public init(cluster: Cluster) {
        self.cluster = cluster
        eventOrder = cluster.store.list(Event.self).sorted { $0.lastTimestamp < $1.lastTimestamp }.map(\.name)
        cluster.store.watch { [unowned self] event in self.observe(event) }
    }

    private func observe(_ event: WatchEvent) {
        guard event.kind != .lease else { return }
        version += 1
        let uid = event.object.metadata.uid
        switch event.type {
        case .added:
            dirty.insert(event.kind)
            firstSeen[uid] = cluster.now
            if event.kind == .event { eventOrder.append(event.name) }
        case .modified:
            lastChanged[uid] = cluster.now
            if event.kind == .event {
                if let i = eventOrder.lastIndex(of: event.name) { eventOrder.remove(at: i) }
                eventOrder.append(event.name)
            }
        case .deleted:
            dirty.insert(event.kind)
            firstSeen[uid] = nil
            lastChanged[uid] = nil
            if event.kind == .event, let i = eventOrder.lastIndex(of: event.name) { eventOrder.remove(at: i) }
        }
    }

    /// Names of a kind in name order (nodes in natural order: node-2 before node-10).
    public func names(_ kind: Kind) -> [String] {
        if dirty.contains(kind) {
            let names = cluster.store.objects(kind: kind).map(\.name)
            sorted[kind] = kind == .node ? names.sorted(by: NaturalOrder.less) : names
            dirty.remove(kind)
        }
        return sorted[kind] ?? []
    }

    /// How long ago (virtual time) the object appeared, or nil if it was there from the start
    /// of the view.
    public func age(ofAppearance uid: String) -> SimDuration? { firstSeen[uid].map { cluster.now - $0 } }
    public func age(ofChange uid: String) -> SimDuration? { lastChanged[uid].map { cluster.now - $0 } }
}
