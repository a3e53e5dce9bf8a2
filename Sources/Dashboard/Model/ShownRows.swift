/// A table's rows as its filter and its sort left them, and what they were made from: still
/// right while the filter, the sort, the namespace, the cluster (the view's version) and, for a
/// filter, the virtual second (ages are part of a row's text) are.
struct ShownRows {
    struct Key: Equatable {
        var filter: String?
        var sort: TableSort?
        var namespace: String
        var version: Int
        var second: Int64
    }

    var key: Key
    var names: [String]
}
