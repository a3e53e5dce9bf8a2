/// kubectl's three-way merge of one map field (labels, annotations, nodeSelector): the file's
/// entries win, entries the last apply set and the file no longer has are removed, and entries
/// someone else set (`kubectl label`, controllers) are kept.
enum ThreeWayMerge {
    static func map(file: [String: String], original: [String: String], live: [String: String]) -> [String: String] {
        var result = live
        for key in original.keys where file[key] == nil { result[key] = nil }
        return result.merging(file) { _, fromFile in fromFile }
    }
}
