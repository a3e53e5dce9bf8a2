/// A table's rows as its filter left them, and what they were made from: still right while
/// the filter, the namespace, the cluster (the view's version) and the virtual second are.
struct FilteredRows {
    struct Key: Equatable {
        var filter: String
        var namespace: String
        var version: Int
        var second: Int64
    }

    var key: Key
    var names: [String]
}
