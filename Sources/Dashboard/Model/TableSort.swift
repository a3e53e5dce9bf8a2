/// A column a table can be sorted by, and its key: Shift and the column's letter, as k9s sorts
/// (k9s' Shift-N for NAME is `M` here, since `N` steps to the next namespace).
enum SortColumn: String, CaseIterable, Sendable {
    case name, ready, status, restarts, age, node

    /// The heading of the column it sorts, as the table shows it.
    var header: String { rawValue.uppercased() }

    var key: Character {
        switch self {
        case .name: "M"
        case .ready: "R"
        case .status: "S"
        case .restarts: "T"
        case .age: "A"
        case .node: "O"
        }
    }

    /// The columns `pane` can be sorted by: every one of the Pods table; name and age of the
    /// other tables of objects. Events stay newest first, as their pane is a log.
    static func columns(of pane: Pane) -> [SortColumn] {
        switch pane {
        case .pods: allCases
        case .nodes, .deployments, .replicaSets: [.name, .age]
        case .events: []
        }
    }

    /// The column `key` sorts in `pane`, if any (R and T stay restart and traffic on Deployments).
    init?(key: Character, pane: Pane) {
        guard let column = Self.columns(of: pane).first(where: { $0.key == key }) else { return nil }
        self = column
    }
}

/// The order a table is shown in: by a column, ascending (smallest value first: the youngest
/// pod for AGE) or descending. Rows with equal values stay in name order.
struct TableSort: Equatable, Sendable {
    var column: SortColumn
    var descending = false

    /// What each table shows when the user has not sorted it: name order, as kubectl lists.
    static let byName = TableSort(column: .name)

    /// Name order, the order the names come in already (sorting by it only marks the heading).
    var isNameOrder: Bool { self == .byName }

    /// The heading's mark: ↑ ascending, ↓ descending.
    var mark: String { descending ? "↓" : "↑" }
}
