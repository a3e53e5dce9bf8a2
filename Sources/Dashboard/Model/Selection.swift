import Cluster

/// The highlighted row of a table, remembered as the object it shows (uid and name) and where
/// it was, so it stays on that object when rows are inserted or removed around it, and moves to
/// its neighbour only when the object itself goes away.
struct SelectedObject: Equatable {
    var uid: String
    var name: String
    /// The row it was last seen on: where its neighbour is looked for once it is gone.
    var index: Int
}

extension Dashboard {
    /// The row of `pane`'s selection among `names` (display order): the selected object's row,
    /// or, while it is gone and not yet followed, the row where it was.
    func selectedIndex(_ pane: Pane, in names: RowNames) -> Int {
        guard !names.isEmpty else { return 0 }
        guard let selected = selection[pane] else { return 0 }
        if let i = Self.rowIndex(of: selected.name, in: names, order: nameOrder(pane), hint: selected.index) { return i }
        return max(0, min(selected.index, names.count - 1))
    }

    /// How `pane`'s rows are ordered by name, or nil when they are not (Events, newest first;
    /// a table sorted by a column).
    func nameOrder(_ pane: Pane) -> ((String, String) -> Bool)? {
        pane == .events || !(sorts[pane] ?? .byName).isNameOrder ? nil : ClusterView.order(of: pane.kind)
    }

    /// Where `name` is among `names`, last seen on row `hint`. A frame asks this of every pane,
    /// and a scale-up inserts hundreds of rows a frame among 100,000: rows in name order (`order`)
    /// are searched by halves, others (Events, newest first, so new events push a row down)
    /// from the hint onward; a full scan only when that finds nothing.
    static func rowIndex(of name: String, in names: RowNames, order: ((String, String) -> Bool)?, hint: Int) -> Int? {
        if names[safe: hint] == name { return hint }
        if let less = order {
            var low = 0, high = names.count
            while low < high {
                let mid = (low + high) / 2
                if less(names[mid], name) { low = mid + 1 } else { high = mid }
            }
            if low < names.count && names[low] == name { return low }
        } else if hint >= 0 && hint < names.count, let i = names[hint...].firstIndex(of: name) {
            return i
        }
        return names.firstIndex(of: name)
    }

    public func selectedName(_ pane: Pane? = nil) -> String? {
        let pane = pane ?? focus
        let names = rowNames(pane)
        guard !names.isEmpty else { return nil }
        return names[selectedIndex(pane, in: names)]
    }

    func moveSelection(by delta: Int) {
        let names = rowNames(focus)
        guard !names.isEmpty else { return }
        select(focus, index: selectedIndex(focus, in: names) + delta, in: names)
    }

    func moveSelection(to index: Int) {
        let names = rowNames(focus)
        guard !names.isEmpty else { return }
        select(focus, index: index, in: names)
    }

    private func select(_ pane: Pane, index: Int, in names: RowNames) {
        let i = max(0, min(names.count - 1, index))
        let uid = cluster.store.object(kind: pane.kind, name: names[i], namespace: namespace)?.metadata.uid ?? ""
        selection[pane] = SelectedObject(uid: uid, name: names[i], index: i)
        if pane == focus { selectionMoved = false }
    }

    /// Brings every pane's selection up to date with the cluster: pins the first row when
    /// nothing was chosen yet (so inserted rows do not shift it), keeps the row index of a
    /// selected object current, and when the object went away (deleted, or recreated under the
    /// same name with a new uid) moves to its neighbour and says so in the status line.
    func followSelection() {
        for pane in Pane.allCases {
            let names = rowNames(pane)
            guard !names.isEmpty else { continue }
            guard let selected = selection[pane] else {
                select(pane, index: 0, in: names)
                continue
            }
            // Events at the top row follow the newest, as a feed does (`kubectl get events -w`,
            // k9s); a row chosen further down stays chosen while newer events push it down.
            if pane == .events && selected.index == 0 {
                if names[0] != selected.name { select(pane, index: 0, in: names) }
                continue
            }
            let index = Self.rowIndex(of: selected.name, in: names, order: nameOrder(pane), hint: selected.index)
            if let index, cluster.store.object(kind: pane.kind, name: selected.name, namespace: namespace)?.metadata.uid == selected.uid {
                if index != selected.index { selection[pane]?.index = index }
                continue
            }
            let stillThere = cluster.store.object(kind: pane.kind, name: selected.name, namespace: namespace)?.metadata.uid == selected.uid
            select(pane, index: min(selected.index, names.count - 1), in: names)
            // Hidden by a filter is not gone; only a vanished object is worth a word.
            if pane == focus, !stillThere, let now = selection[pane] {
                selectionMoved = true
                status = StatusMessage(text: "\(pane.resource)/\(selected.name) is gone; selection moved to \(pane.resource)/\(now.name)",
                                       isError: false, at: cluster.now)
            }
        }
    }
}
