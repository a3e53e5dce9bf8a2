import Cluster
import Commands

/// A `meta.k8s.io` Table (the API server's TableConvertor) built from the same columns and cells
/// the headless `get` prints, so the real kubectl prints what `kubesim run` prints. kubectl adds
/// NAMESPACE (`-A`) and LABELS (`--show-labels`) itself, from each row's object.
enum TableBuilder {
    /// The columns of a served resource: its kind's printer, or the default (Name, Created At)
    /// for kinds kubectl has no printer for here.
    static func columns(_ resource: ServedResource) -> [TableColumn] {
        if let kind = resource.storedKind, let type = ResourceType(kind: kind) { return ResourceTables.columns(type) }
        if resource.storedKind == .lease {
            return [nameColumn, TableColumn("Holder", "The holder of the lease."), ageColumn]
        }
        return [nameColumn, TableColumn("Created At", "date", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata")]
    }

    private static var nameColumn: TableColumn { ResourceTables.columns(.namespaces)[0] }
    private static var ageColumn: TableColumn { ResourceTables.columns(.namespaces)[2] }

    static func cells(_ object: any APIObject, resource: ServedResource, now: SimTime) -> [String] {
        if let lease = object as? Lease {
            return [lease.name, lease.holderIdentity.isEmpty ? "<none>" : lease.holderIdentity,
                    ResourceTables.age(lease.metadata.creationTimestamp, now: now)]
        }
        if ResourceType(kind: type(of: object).kind) == nil {
            return [object.name, CalendarTime.rfc3339(object.metadata.creationTimestamp)]
        }
        return ResourceTables.cells(object, now: now)
    }

    /// A Table of `objects`. `headers: false` leaves columnDefinitions null, as every watch event
    /// after the first does.
    static func table(_ objects: [any APIObject], resource: ServedResource, now: SimTime, version: String,
                      include: ResponseShape.IncludeObject, metadata: [(String, JSONValue)], headers: Bool = true) -> JSONValue {
        let columns = columns(resource)
        return .object([
            ("kind", .string("Table")), ("apiVersion", .string("meta.k8s.io/\(version)")),
            ("metadata", .object(metadata)), ("columnDefinitions", headers ? definitions(columns) : .null),
            ("rows", .array(objects.map { row($0, columns: columns, resource: resource, now: now, version: version, include: include) })),
        ])
    }

    /// The Table of a list as a streamed body: the same JSON as `table`, rows written straight
    /// into bytes as the connection takes them.
    static func streamedTable(_ objects: [any APIObject], resource: ServedResource, now: SimTime, version: String,
                              include: ResponseShape.IncludeObject, metadata: [(String, JSONValue)]) -> StreamedBody {
        let columns = columns(resource)
        // The keys in sorted order, as every object is written: rows come last.
        var prefix = Array(#"{"apiVersion":"#.utf8)
        JSONValue.string("meta.k8s.io/\(version)").writeCompactJSON(into: &prefix)
        prefix += Array(#","columnDefinitions":"#.utf8)
        definitions(columns).writeCompactJSON(into: &prefix)
        prefix += Array(#","kind":"Table","metadata":"#.utf8)
        JSONValue.object(metadata).writeCompactJSON(into: &prefix)
        prefix += Array(#","rows":["#.utf8)
        let rows = TableRowWriter(columns: columns, resource: resource, now: now, version: version, include: include)
        return StreamedList.body(prefix: prefix, objects: objects, suffix: Array("]}".utf8)) { object, out, memo in
            rows.write(object, into: &out, memo: &memo)
        }
    }

    private static func definitions(_ columns: [TableColumn]) -> JSONValue {
        .array(columns.map { c in
            .object([("name", .string(c.name)), ("type", .string(c.type)), ("format", .string(c.format)),
                     ("description", .string(c.description)), ("priority", .int(Int64(c.priority)))])
        })
    }

    private static func row(_ object: any APIObject, columns: [TableColumn], resource: ServedResource, now: SimTime, version: String,
                            include: ResponseShape.IncludeObject) -> JSONValue {
        let cells = zip(columns, self.cells(object, resource: resource, now: now)).map { column, text -> JSONValue in
            // Counts are numbers in the API server's rows; kubectl prints them as it prints text.
            if column.type == "integer", let number = Int64(text) { return .int(number) }
            return .string(text)
        }
        var row: [(String, JSONValue)] = [("cells", .array(cells))]
        switch include {
        case .none: break
        case .metadata: row.append(("object", partialObjectMetadata(object, resource: resource, version: version)))
        case .object: row.append(("object", ServedObjectJSON.encode(object, as: resource)))
        }
        return .object(row)
    }

    /// The row's object when `includeObject` is Metadata (the default): kind, apiVersion and the
    /// whole ObjectMeta, which kubectl reads for NAMESPACE and LABELS.
    static func partialObjectMetadata(_ object: any APIObject, resource: ServedResource, version: String) -> JSONValue {
        .object([
            ("kind", .string("PartialObjectMetadata")), ("apiVersion", .string("meta.k8s.io/\(version)")),
            ("metadata", ObjectEncoder.metadata(of: object)),
        ])
    }
}
