extension Layout {
    /// Where a scenario's command output goes: the Pods pane's place, grown over the panes
    /// under it (Healing, Events) only as far as `lines` need, and always by whole panes, so
    /// the node map and the workloads stay in view and no pane is left cut in half.
    func outputPanel(lines: Int) -> Rect {
        // Panes side by side share a row and are covered together.
        let rows = Dictionary(grouping: Set([pods, healing, events]), by: \.y).sorted { $0.key < $1.key }.map(\.value)
        var covered = pods
        for row in rows {
            covered = row.reduce(covered) { $0.union($1) }
            if covered.height - 2 >= lines { break }
        }
        return covered
    }
}

extension Rect {
    /// The smallest rect holding both.
    func union(_ other: Rect) -> Rect {
        let x = Swift.min(self.x, other.x), y = Swift.min(self.y, other.y)
        return Rect(x: x, y: y, width: Swift.max(maxX, other.maxX) - x, height: Swift.max(maxY, other.maxY) - y)
    }
}
