import Cluster

/// `-o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName` (kubectl/pkg/cmd/get/customcolumn.go):
/// headers exactly as given, each cell the path's values joined by commas, `<none>` when absent.
struct CustomColumns {
    let columns: [(header: String, path: RelaxedJSONPath)]

    init(_ spec: String) throws {
        guard !spec.isEmpty else { throw KubectlError("error: custom-columns format specified but no custom columns given") }
        columns = try spec.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard pieces.count == 2 else {
                throw KubectlError("error: unexpected custom-columns spec: \(part), expected <header>:<json-path-expr>")
            }
            return (pieces[0], try RelaxedJSONPath(pieces[1]))
        }
    }

    func table(_ objects: [any APIObject], headers: Bool) -> String {
        var rows: [[String]] = headers ? [columns.map(\.header)] : []
        for object in objects {
            let json = ObjectEncoder.encode(object)
            rows.append(columns.map { column in
                let values = column.path.values(in: json).filter { $0 != .null }
                return values.isEmpty ? "<none>" : values.map(JSONPath.text).joined(separator: ",")
            })
        }
        return TabWriter.format(rows)
    }
}
