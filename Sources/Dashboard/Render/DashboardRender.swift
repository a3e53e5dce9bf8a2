import Cluster

extension Dashboard {
    /// Draws the whole screen for a terminal of `width`×`height`: a pure function of the
    /// dashboard's state (it only remembers page sizes for the paging keys).
    public func render(width: Int, height: Int) -> Frame {
        lastHeight = height
        lastWidth = width
        followSelection()
        // What the highlight is on is now on screen: keys may act on it again.
        defer { selectionMoved = false }
        guard Layout.fits(width: width, height: height) else {
            return Chrome.tooSmall(width: width, height: height, theme: theme)
        }
        var frame = Frame(width: width, height: height, fill: Cell(" ", theme[.text]))
        frame.box(frame.bounds, style: theme[.border])
        let workloadRows = max(view.names(.deployment).count, view.names(.replicaSet).count)
        let captionLines = caption.map { CaptionBand.lines($0, width: width - 6) } ?? []
        let layout = Layout.compute(width: width, height: height, nodeCount: rowNames(.nodes).count, workloadRows: workloadRows,
                                    podRows: rolloutShown ? max(rowNames(.pods).count, Self.rolloutRows) : rowNames(.pods).count, zoom: mapZoom, replicaSetsWidth: replicaSetsWidth(),
                                    captionHeight: captionLines.isEmpty ? 0 : captionLines.count + 2)
        CaptionBand.draw(captionLines, in: layout.caption, style: theme[.caption], into: &frame)
        let chrome = Chrome(dashboard: self)
        chrome.drawHeader(width: width, into: &frame)
        NodeMapView(dashboard: self, rect: layout.nodes).draw(into: &frame)
        for (pane, rect) in [(Pane.deployments, layout.deployments), (.replicaSets, layout.replicaSets), (.pods, layout.pods)] {
            visibleRows[pane] = TableView(dashboard: self, pane: pane, rect: rect).draw(into: &frame)
        }
        if let summary = rolloutSummary {
            // Over the Deployments, ReplicaSets and Pods panes: the view names its deployment.
            let area = Rect(x: layout.deployments.x, y: layout.deployments.y, width: layout.pods.maxX - layout.deployments.x,
                            height: layout.pods.maxY - layout.deployments.y)
            RolloutView(dashboard: self, summary: summary, rect: area).draw(into: &frame)
        }
        // A page of the overview is a row of its cells.
        visibleRows[.nodes] = nodeMapAggregates && !nodeMapZoomedIn
            ? max(1, layout.nodes.inner.width - 2) * NodeOverviewView.nodesPerCell(nodeCount: rowNames(.nodes).count, cells: (layout.nodes.inner.width - 2) * layout.nodes.inner.height)
            : max(1, layout.nodes.inner.height / mapZoom.cardHeight)
        // While requests flow the Traffic pane takes the Events place (see trafficPlace).
        let traffic = trafficSummary()
        let trafficRect = trafficPlace(in: layout, flowing: traffic?.isFlowing ?? false)
        if (!layout.shared || !healingHasTheFloor) && trafficRect != layout.events {
            visibleRows[.events] = TableView(dashboard: self, pane: .events, rect: layout.events).draw(into: &frame)
        }
        if (!layout.shared || healingHasTheFloor) && trafficRect != layout.healing {
            HealingView(dashboard: self, rect: layout.healing).draw(into: &frame)
        }
        if let traffic, let trafficRect {
            TrafficView(summary: traffic, rect: trafficRect, theme: theme).draw(into: &frame)
        }
        if let lines = outputPanel.lines(player) {
            outputPanel.visibleRows = ScenarioOutputView(lines: lines, theme: theme)
                .draw(in: layout.outputPanel(lines: lines.count), scroll: outputPanel.scroll, into: &frame)
        }
        if case .logs(let logs) = mode {
            // Under the node map, down to the status line: the pods stay in view while their log scrolls.
            let area = Rect(x: layout.deployments.x, y: layout.deployments.y, width: layout.pods.width, height: layout.statusRow - layout.deployments.y)
            logPage = LogPane(view: logs, cluster: cluster, rect: area, theme: theme).draw(into: &frame)
        }
        chrome.drawStatus(row: layout.statusRow, width: width, into: &frame)
        chrome.drawHints(width: width, height: height, into: &frame)
        if case .overlay(let overlay) = mode { chrome.drawOverlay(overlay, width: width, height: height, into: &frame) }
        return frame
    }

    /// Where Events and Healing share a place (short screens), Healing has it — it is what the
    /// audience came to see — unless Events has the focus (key 5).
    var healingHasTheFloor: Bool { focus != .events }

    /// The width the ReplicaSets table needs for its widest rows (with kubectl's padding).
    private func replicaSetsWidth() -> Int {
        let rows = view.names(.replicaSet).prefix(8).compactMap { PaneTable.row(.replicaSets, $0, cluster: cluster, namespace: view.namespace)?.cells }
        return PaneTable.widest(headers: PaneTable.headers(.replicaSets), rows: rows).reduce(0) { $0 + $1 + 3 } + 1
    }
}
