import Cluster
import Commands

/// The Nodes pane as a map in the spirit of kube-ops-view: a card per node with its status,
/// requested CPU and memory, and a tile per pod that carries the pod's identity (its name
/// suffix) and state, so the back row can tell which pod died and which one replaced it.
struct NodeMapView {
    let dashboard: Dashboard
    let rect: Rect
    var theme: Theme { dashboard.theme }
    var zoom: MapZoom { dashboard.mapZoom }

    func draw(into frame: inout Frame) {
        let focused = dashboard.focus == .nodes
        let rows = dashboard.rowNames(.nodes), names = rows.array
        var title = "1 Nodes"
        if let filter = dashboard.filters[.nodes] { title += " /\(filter) (\(names.count))" }
        frame.box(rect, title: title, style: theme[focused ? .focus : .border], titleStyle: theme[focused ? .focus : .border].overlaid(with: Style(bold: true)))
        let body = rect.inner
        guard body.height >= 1 else { return }
        let columns = Layout.nodeColumns(width: body.width, nodeCount: names.count, zoom: zoom)
        let cardWidth = body.width / columns
        let rowsVisible = max(1, body.height / zoom.cardHeight)
        let selected = dashboard.selectedIndex(.nodes, in: rows)
        dashboard.nodeMapAggregates = Self.aggregates(nodeCount: names.count, cardPlaces: rowsVisible * columns)
        if dashboard.nodeMapAggregates && !dashboard.nodeMapZoomedIn {
            NodeOverviewView(dashboard: dashboard, rect: rect).draw(names: names, selected: selected, title: title, into: &frame)
            return
        }
        let firstRow = max(0, selected / columns - rowsVisible + 1)
        var states: Set<PodTileState> = []
        for (offset, name) in names.dropFirst(firstRow * columns).prefix(rowsVisible * columns).enumerated() {
            guard let node = dashboard.cluster.store.get(Node.self, name) else { continue }
            let card = Rect(x: body.x + (offset % columns) * cardWidth, y: body.y + (offset / columns) * zoom.cardHeight,
                            width: cardWidth - 1, height: min(zoom.cardHeight, body.maxY - body.y - (offset / columns) * zoom.cardHeight))
            states.formUnion(drawCard(node, in: card, selected: focused && name == names[safe: selected], into: &frame))
        }
        var noteX = rect.maxX - 1
        if names.count > rowsVisible * columns {
            let note = " \(names.count) nodes, ↑↓ to scroll "
            // Right-aligned in the bottom border, keeping its corner.
            noteX = rect.maxX - 2 - note.count
            frame.put(note, x: noteX, y: rect.maxY - 1, style: theme[.hints])
        }
        drawLegend(states, before: noteX, into: &frame)
    }

    /// Screens of cards beyond which the map shows the whole cluster as an overview instead
    /// (`Z` zooms into the cards of the selected node's region).
    static let cardScreensBeforeOverview = 8

    /// Whether `nodeCount` nodes are too many for cards, with `cardPlaces` cards on a screen.
    static func aggregates(nodeCount: Int, cardPlaces: Int) -> Bool {
        nodeCount > max(1, cardPlaces) * cardScreensBeforeOverview
    }

    /// What each tile means, for the states on screen, in the bottom border.
    private func drawLegend(_ states: Set<PodTileState>, before limit: Int, into frame: inout Frame) {
        let shown = PodTileState.allCases.filter(states.contains)
        guard !shown.isEmpty else { return }
        let width = shown.reduce(1) { $0 + $1.label.count + 3 }
        guard rect.x + 2 + width < limit else { return }
        var x = frame.put(" ", x: rect.x + 2, y: rect.maxY - 1, style: theme[.hints])
        for state in shown {
            x = frame.put(String(state.glyph), x: x, y: rect.maxY - 1, style: theme.status(state.role, on: .plain))
            x = frame.put(" \(state.label) ", x: x, y: rect.maxY - 1, style: theme[.hints])
        }
    }

    /// Draws one node's card; returns the tile states it showed.
    private func drawCard(_ node: Node, in card: Rect, selected: Bool, into frame: inout Frame) -> Set<PodTileState> {
        let status = ResourceTables.nodeStatus(node)
        let nameStyle = selected ? theme[.selection] : theme[.text].overlaid(with: Style(bold: true))
        let x = frame.put(" \(node.name) ", x: card.x, y: card.y, style: nameStyle, clip: card)
        // A narrow card gives STATUS a line of its own rather than cutting it
        // (`Ready,SchedulingDisabled`), and the lines below move down one when the card has a
        // row to spare, so a cordoned node still shows what its pods request.
        let statusFits = x + 1 + status.count <= card.maxX
        // On its own line it keeps the lines' one-space indent while that leaves room for all of it.
        let indented = statusFits || 1 + status.count <= card.width ? " " + status : status
        frame.put(indented, x: statusFits ? x : card.x, y: statusFits ? card.y : card.y + 1,
                  style: theme[PaneTable.role(forNode: node)], clip: card)
        let figureLines = zoom == .large ? 2 : 1
        let shift = !statusFits && card.maxY - (card.y + 2 + figureLines) >= 1 ? 1 : 0
        let showsFigures = statusFits || shift == 1

        let store = dashboard.cluster.store
        // What the card has room for, then one pass over the node's pod keys: the first that fit
        // in name order — the demo's own first, system pods after, so an overflowing card keeps
        // the demo's in view. No sorting or copying of every pod: a node of 30,000 pods costs a
        // look at each key, and only the pods shown are read.
        let keys = store.podKeys(onNode: node.name)
        let total = keys.count
        let tilesTop = card.y + 1 + figureLines + shift
        let room = Rect(x: card.x + 1, y: tilesTop, width: card.width - 1, height: card.maxY - tilesTop)
        let limit = max(1, Self.tileCapacity(count: total, in: room, zoom: zoom))
        var demo: [ObjectKey] = [], system: [ObjectKey] = []
        for key in keys {
            if key.namespace == SystemComponents.namespace {
                Self.keepFirst(key, in: &system, limit: limit)
            } else {
                Self.keepFirst(key, in: &demo, limit: limit)
            }
        }
        let pods = (demo + system).prefix(limit).compactMap { store.get(Pod.self, key: $0) }
        let requested = store.activeRequests(onNode: node.name)
        let alloc = node.status.allocatable
        let cpu = "\(Self.cores(requested.cpuMillis))/\(Self.cores(alloc.cpuMillis))"
        let mem = "\(Self.gibibytes(requested.memoryBytes))/\(Self.gibibytes(alloc.memoryBytes))Gi"
        let figuresY = card.y + 1 + shift
        if zoom == .large {
            let barWidth = max(4, min(16, card.width - 16))
            if showsFigures {
                frame.put(" cpu \(Self.bar(requested.cpuMillis, of: alloc.cpuMillis, width: barWidth)) \(cpu)", x: card.x, y: figuresY, style: theme[.hints], clip: card)
            }
            frame.put(" mem \(Self.bar(requested.memoryBytes, of: alloc.memoryBytes, width: barWidth)) \(mem)", x: card.x, y: figuresY + 1, style: theme[.hints], clip: card)
        } else if showsFigures {
            let line = card.width >= 36
                ? " cpu \(Self.bar(requested.cpuMillis, of: alloc.cpuMillis, width: 6)) \(cpu)  mem \(Self.bar(requested.memoryBytes, of: alloc.memoryBytes, width: 4)) \(mem)"
                : " cpu \(cpu) mem \(mem)"
            frame.put(line, x: card.x, y: figuresY, style: theme[.hints], clip: card)
        }
        let area = Rect(x: card.x + 1, y: tilesTop, width: card.width - 1, height: card.maxY - tilesTop)
        if pods.isEmpty {
            frame.put("no pods", x: area.x, y: area.y, style: theme[.hints], clip: card)
            return []
        }
        return drawTiles(pods, total: total, in: area, into: &frame)
    }

    /// Keeps `keys` the `limit` first by namespace and name, inserting `key` where it belongs.
    static func keepFirst(_ key: ObjectKey, in keys: inout [ObjectKey], limit: Int) {
        if keys.count >= limit, let last = keys.last, !(key < last) { return }
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        keys.insert(key, at: low)
        if keys.count > limit { keys.removeLast() }
    }

    /// How many tiles fit in `area` for `count` pods at `zoom`.
    static func tileCapacity(count: Int, in area: Rect, zoom: MapZoom) -> Int {
        guard !area.isEmpty else { return 0 }
        return max(1, area.width / tileWidth(count: count, areaWidth: area.width, zoom: zoom)) * area.height
    }

    static func tileWidth(count: Int, areaWidth: Int, zoom: MapZoom) -> Int {
        switch zoom {
        case .blocks: count * 2 <= areaWidth ? 2 : 1
        case .tiles: 7
        case .large: 20
        }
    }

    /// Lays the pods' tiles out in rows; those that do not fit are counted (`+12`).
    /// `pods` are the first of the node's `total` pods in display order.
    private func drawTiles(_ pods: [Pod], total: Int, in area: Rect, into frame: inout Frame) -> Set<PodTileState> {
        guard !area.isEmpty else { return [] }
        let tileWidth = Self.tileWidth(count: total, areaWidth: area.width, zoom: zoom)
        let perRow = max(1, area.width / tileWidth)
        let capacity = perRow * area.height
        var states: Set<PodTileState> = []
        for (i, pod) in pods.enumerated() {
            // Keep the last place for the count of the rest.
            if i == capacity - 1 && total > capacity {
                let x = area.x + (i % perRow) * tileWidth
                frame.put("+\(total - i)", x: x, y: area.y + i / perRow, style: theme[.hints], clip: area)
                break
            }
            let state = PodTileState(pod)
            states.insert(state)
            drawTile(pod, state: state, x: area.x + (i % perRow) * tileWidth, y: area.y + i / perRow,
                     width: tileWidth - 1, clip: area, into: &frame)
        }
        return states
    }

    /// `■x6zjw`: the glyph in the state's color (on the glow while the pod is new), then the
    /// name suffix; a terminating tile fades as its grace period runs out.
    private func drawTile(_ pod: Pod, state: PodTileState, x: Int, y: Int, width: Int, clip: Rect, into frame: inout Frame) {
        let system = Self.isSystemPod(pod)
        let style = system ? theme.systemPod(state.role) : theme.status(state.role, on: .plain)
        var glyph = state.glyph
        // System pods never glow: they are the background the demo plays on.
        let isNew = !system && (dashboard.view.age(ofAppearance: pod.metadata.uid) ?? .seconds(3600)) < TableView.glow
        // Past half its grace period a terminating tile thins out (▒ → ░): it is on its way out.
        if state == .terminating, let deadline = pod.metadata.deletionTimestamp, let grace = pod.metadata.deletionGracePeriodSeconds,
           grace > 0, (deadline - dashboard.cluster.now) < .seconds(Double(grace) / 2) {
            glyph = "░"
        }
        let after = frame.put(String(glyph), x: x, y: y, style: isNew ? theme.row(.new) : style, clip: clip)
        guard width > 1 else { return }
        var text = PodTileState.shortName(pod.name)
        if zoom == .large { text += " " + PodStatusFormatter.status(pod) }
        frame.put(String(text.prefix(width - 1)), x: after, y: y, style: isNew ? theme.emphasized(state.role) : style, clip: clip)
    }

    /// A pod of the cluster itself (kube-proxy, coredns), drawn muted.
    static func isSystemPod(_ pod: Pod) -> Bool { pod.metadata.namespace == SystemComponents.namespace }

    /// `0.2`, `4`: cores with one decimal when needed.
    static func cores(_ millis: Int64) -> String {
        millis % 1000 == 0 ? "\(millis / 1000)" : String(format: "%.1f", Double(millis) / 1000)
    }

    static func gibibytes(_ bytes: Int64) -> String {
        bytes % (1 << 30) == 0 ? "\(bytes >> 30)" : String(format: "%.1f", Double(bytes) / Double(1 << 30))
    }

    /// `▮▮▯▯▯▯` — how much of `total` is used.
    static func bar(_ used: Int64, of total: Int64, width: Int) -> String {
        // Clamped before converting: a pod bound by nodeName may request 8Ei of a 1Mi node.
        let share = total <= 0 ? 0 : min(1, max(0, Double(used) / Double(total)))
        let filled = Int((share * Double(width)).rounded(.up))
        return String(repeating: "▮", count: filled) + String(repeating: "▯", count: width - filled)
    }
}
