/// Where each pane goes for a screen size. Tall screens stack Pods, Healing and Events; short
/// ones put Events and Healing side by side under Pods.
struct Layout: Equatable {
    static let minimumWidth = 80
    static let minimumHeight = 24

    /// Whether a screen of `width`×`height` has room for the panes (else it shows the too-small notice).
    static func fits(width: Int, height: Int) -> Bool { width >= minimumWidth && height >= minimumHeight }
    /// Node cards are at least this wide; more fit side by side on wider screens.
    static let nodeCardWidth = 25
    /// Below this width Events and Healing share one full-width place (see `bottomShows`).
    static let sideBySideWidth = 160

    var nodes: Rect
    var deployments: Rect
    var replicaSets: Rect
    var pods: Rect
    var events: Rect
    var healing: Rect
    var statusRow: Int
    /// The caption band (empty when there is no caption).
    var caption = Rect(x: 0, y: 0, width: 0, height: 0)
    /// On short screens Events and Healing take turns in one place; nil when both are shown.
    var shared: Bool

    /// `replicaSetsWidth` is what the ReplicaSets table needs; it gets that (the Deployments
    /// table keeps at least a third), so the hash in its names stays readable.
    /// Node cards per row: as many as fit at the minimum width, but no more than there are
    /// nodes, so a few nodes get wide cards.
    static func nodeColumns(width: Int, nodeCount: Int, zoom: MapZoom = .tiles) -> Int {
        max(1, min(max(nodeCount, 1), width / zoom.cardWidth))
    }

    /// Three rows of pods between the pane's borders and its column headings.
    static let podsMinimumHeight = 6
    static let bottomMinimumHeight = 5

    static func compute(width: Int, height: Int, nodeCount: Int, workloadRows: Int, podRows: Int = 0, zoom: MapZoom = .tiles,
                        replicaSetsWidth: Int = 0, captionHeight: Int = 0) -> Layout {
        var layout = computePanes(width: width, height: height - captionHeight, nodeCount: nodeCount, zoom: zoom,
                                  workloadRows: workloadRows, podRows: podRows, replicaSetsWidth: replicaSetsWidth)
        guard captionHeight > 0 else { return layout }
        // The caption band sits under the header; the panes move down by its height.
        for keyPath in [\Layout.nodes, \.deployments, \.replicaSets, \.pods, \.events, \.healing] { layout[keyPath: keyPath].y += captionHeight }
        layout.statusRow += captionHeight
        layout.caption = Rect(x: 1, y: 1, width: width - 2, height: captionHeight)
        return layout
    }

    private static func computePanes(width: Int, height: Int, nodeCount: Int, zoom: MapZoom, workloadRows: Int, podRows: Int,
                                     replicaSetsWidth: Int) -> Layout {
        let inner = Rect(x: 1, y: 1, width: width - 2, height: height - 3) // borders, status line
        let columns = nodeColumns(width: inner.width - 2, nodeCount: nodeCount, zoom: zoom)
        let nodeRows = max(1, (nodeCount + columns - 1) / columns)
        let workloadHeight = 3 + max(1, min(workloadRows, inner.height >= 34 ? 5 : 2))
        // At least one row of cards shows, more up to 3/10 of the screen; but on a short screen
        // the Pods pane keeps three rows and the bottom pane its five (large cards are cut):
        // the keys act on the selected pod, which must be on screen.
        let spare = inner.height - workloadHeight - Self.podsMinimumHeight - Self.bottomMinimumHeight
        let nodesHeight = max(3, min(2 + zoom.cardHeight * nodeRows, max(2 + zoom.cardHeight, inner.height * 3 / 10), spare))
        var y = inner.y
        let nodes = Rect(x: inner.x, y: y, width: inner.width, height: nodesHeight)
        y += nodesHeight
        let deploymentsWidth = max(inner.width / 3, min(inner.width / 2, inner.width - replicaSetsWidth))
        let deployments = Rect(x: inner.x, y: y, width: deploymentsWidth, height: workloadHeight)
        let replicaSets = Rect(x: inner.x + deploymentsWidth, y: y, width: inner.width - deploymentsWidth, height: workloadHeight)
        y += workloadHeight
        let rest = inner.maxY - y
        if inner.height >= 34 {
            let healingHeight = 10
            // Pods take what their rows need, up to 6/10 of what is left; Events get the rest.
            let podsHeight = max(5, min(podRows + 3, (rest - healingHeight) * 6 / 10))
            let pods = Rect(x: inner.x, y: y, width: inner.width, height: podsHeight)
            let healing = Rect(x: inner.x, y: y + podsHeight, width: inner.width, height: healingHeight)
            let events = Rect(x: inner.x, y: healing.maxY, width: inner.width, height: inner.maxY - healing.maxY)
            return Layout(nodes: nodes, deployments: deployments, replicaSets: replicaSets, pods: pods, events: events,
                          healing: healing, statusRow: height - 2, shared: false)
        }
        let bottomHeight = max(Self.bottomMinimumHeight, rest * 4 / 10)
        let pods = Rect(x: inner.x, y: y, width: inner.width, height: rest - bottomHeight)
        let bottom = Rect(x: inner.x, y: pods.maxY, width: inner.width, height: bottomHeight)
        if width >= sideBySideWidth {
            let eventsWidth = inner.width / 2
            return Layout(nodes: nodes, deployments: deployments, replicaSets: replicaSets, pods: pods,
                          events: Rect(x: bottom.x, y: bottom.y, width: eventsWidth, height: bottomHeight),
                          healing: Rect(x: bottom.x + eventsWidth, y: bottom.y, width: inner.width - eventsWidth, height: bottomHeight),
                          statusRow: height - 2, shared: false)
        }
        return Layout(nodes: nodes, deployments: deployments, replicaSets: replicaSets, pods: pods, events: bottom,
                      healing: bottom, statusRow: height - 2, shared: true)
    }
}
