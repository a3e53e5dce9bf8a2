extension Layout {
    /// Where a scenario's command output goes: the place of the panes under the deployments
    /// (Pods, Healing, Events), so the node map and the workloads stay in view.
    var lowerPanes: Rect {
        let rects = [pods, events, healing]
        let x = rects.map(\.x).min()!, y = rects.map(\.y).min()!
        return Rect(x: x, y: y, width: rects.map(\.maxX).max()! - x, height: rects.map(\.maxY).max()! - y)
    }
}
