import Cluster

/// A table's rows sorted by a column (see TableSort). Each row's value is read once as a
/// number — a pod's from what the view keeps of it — and rows are sorted by value, then by
/// their place in name order, so rows of equal value stay in name order in either direction.
enum RowOrder {
    /// `rows` (places in `names`, in name order) sorted by `sort`. A pod's values are read from
    /// `kept` at its place, and made there from the pod when missing.
    static func pods(_ rows: [Int], names: [String], kept: inout [KeptPodRow], by sort: TableSort, store: Store, namespace: String) -> [Int] {
        if sort.column == .name { return sort.descending ? rows.reversed() : rows }
        var values: [Int64] = []
        values.reserveCapacity(rows.count)
        // Words (STATUS, NODE) become their rank among the words shown.
        var ranks: [String: Int64] = [:]
        var words: [String] = []
        for row in rows {
            if kept[row].sortKeys == nil { kept[row].sortKeys = store.pod(names[row], namespace: namespace).map(PodSortKeys.init) }
            // A pod gone since the list was read goes last; the next frame drops it.
            guard let keys = kept[row].sortKeys else { values.append(.max); continue }
            switch sort.column {
            case .name: break
            case .ready: values.append(keys.ready)
            case .restarts: values.append(keys.restarts)
            // Ascending AGE is the youngest first.
            case .age: values.append(-keys.created.milliseconds)
            case .status, .node:
                let word = sort.column == .status ? keys.status : keys.node
                words.append(word)
                values.append(Int64(words.count - 1))
                if ranks[word] == nil { ranks[word] = 0 }
            }
        }
        if sort.column == .status || sort.column == .node {
            let distinct = sort.column == .node ? ranks.keys.sorted(by: NaturalOrder.less) : ranks.keys.sorted()
            for (rank, word) in distinct.enumerated() { ranks[word] = Int64(rank) }
            for i in values.indices where values[i] != .max { values[i] = ranks[words[Int(values[i])]]! }
        }
        return ordered(rows, values: values, descending: sort.descending)
    }

    /// `names` (in name order) of a table of nodes, deployments or ReplicaSets sorted by `sort`
    /// (name or age), each object read once from the store.
    static func objects(_ names: [String], pane: Pane, by sort: TableSort, store: Store, namespace: String) -> [String] {
        if sort.column != .age { return sort.descending ? names.reversed() : names }
        let values = names.map { name in
            store.object(kind: pane.kind, name: name, namespace: namespace).map { -$0.metadata.creationTimestamp.milliseconds } ?? .max
        }
        return ordered(Array(names.indices), values: values, descending: sort.descending).map { names[$0] }
    }

    /// `rows` ordered by `values` (one per row, same order), then by row.
    private static func ordered(_ rows: [Int], values: [Int64], descending: Bool) -> [Int] {
        var entries = zip(values, rows).map { value, row in (value: descending && value != .max ? -value : value, row: row) }
        entries.sort { $0.value != $1.value ? $0.value < $1.value : $0.row < $1.row }
        return entries.map(\.row)
    }
}
