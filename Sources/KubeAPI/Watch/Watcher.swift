import Cluster
import Commands

/// One open watch stream: what it selects, how its objects are shaped, and the sink its
/// newline-delimited `{"type":…,"object":…}` events go to.
final class Watcher {
    let id: Int
    let resource: ServedResource
    let filter: ObjectFilter
    let shape: ResponseShape
    let bookmarks: Bool
    let sink: any ResponseStreamSink
    /// False once the sink refused a write (client gone or too slow): the hub drops the watcher.
    private(set) var open = true
    /// A Table watch sends columnDefinitions with its first object only.
    private var sentColumns = false

    init(id: Int, resource: ServedResource, filter: ObjectFilter, shape: ResponseShape, bookmarks: Bool, sink: any ResponseStreamSink) {
        self.id = id
        self.resource = resource
        self.filter = filter
        self.shape = shape
        self.bookmarks = bookmarks
        self.sink = sink
    }

    /// Sends one store change as this watch sees it. As the API server's cacher does, a change
    /// that moves an object into the selection is ADDED and one that moves it out is DELETED
    /// (the previous state, at the new resourceVersion).
    /// `shared` holds the lines other watchers already made from this change.
    func deliver(_ event: WatchEvent, now: SimTime, shared: EncodedEventLines? = nil) {
        guard open, event.kind == resource.storedKind else { return }
        switch event.type {
        case .added:
            if filter.matches(event.object) { send("ADDED", event.object, now: now, shared: shared) }
        case .deleted:
            if filter.matches(event.old ?? event.object) { send("DELETED", event.object, now: now, shared: shared) }
        case .modified:
            let isIn = filter.matches(event.object)
            let wasIn = event.old.map(filter.matches) ?? false
            if isIn {
                send(wasIn ? "MODIFIED" : "ADDED", event.object, now: now, shared: shared)
            } else if wasIn, var previous = event.old {
                previous.metadata.resourceVersion = event.object.metadata.resourceVersion
                send("DELETED", previous, now: now)
            }
        }
    }

    func send(_ type: String, _ object: any APIObject, now: SimTime, shared: EncodedEventLines? = nil) {
        // An object's JSON is the same for every watch of the resource; a Table is not (columns
        // go with a watch's first row).
        switch shape {
        case .object:
            guard open else { return }
            let resource = resource
            let encode = { Self.line(type, object, as: resource) }
            let line = shared.map { $0.line("\(type) \(resource.groupVersion)/\(resource.resource)", encode: encode) } ?? encode()
            if !sink.send(line) { open = false }
        case .table(let version, let include):
            let table = TableBuilder.table([object], resource: resource, now: now, version: version, include: include,
                                           metadata: [("resourceVersion", .string(object.metadata.resourceVersion))],
                                           headers: !sentColumns)
            sentColumns = true
            write(type, table)
        }
    }

    /// A BOOKMARK: only the resourceVersion the client may resume from (and, after the initial
    /// events of a watch-list, the `k8s.io/initial-events-end` annotation).
    func sendBookmark(resourceVersion: Int64, initialEventsEnd: Bool = false) {
        var metadata: [(String, JSONValue)] = [("resourceVersion", .string(String(resourceVersion)))]
        if initialEventsEnd { metadata.append(("annotations", .object([("k8s.io/initial-events-end", .string("true"))]))) }
        let json: JSONValue
        switch shape {
        case .object:
            json = .object([("kind", .string(resource.kind)), ("apiVersion", .string(resource.groupVersion)), ("metadata", .object(metadata))])
        case .table(let version, _):
            json = .object([("kind", .string("Table")), ("apiVersion", .string("meta.k8s.io/\(version)")),
                            ("metadata", .object(metadata)), ("columnDefinitions", .null), ("rows", .array([]))])
        }
        write("BOOKMARK", json)
    }

    /// An ERROR event (a Status) ends the stream.
    func fail(_ error: StatusError) {
        write("ERROR", error.json)
        open = false
        sink.finish()
    }

    private func write(_ type: String, _ object: JSONValue) {
        guard open else { return }
        if !sink.send(Self.line(type, object)) { open = false }
    }

    /// The line of an object as the resource serves it, its JSON written straight into the line.
    private static func line(_ type: String, _ object: any APIObject, as resource: ServedResource) -> [UInt8] {
        var line = Array(#"{"object":"#.utf8)
        ServedObjectJSON.write(object, as: resource, into: &line)
        line += Array(#","type":"#.utf8)
        JSONValue.string(type).writeCompactJSON(into: &line)
        line += Array("}\n".utf8)
        return line
    }

    /// One newline-terminated `{"object":…,"type":…}` line.
    private static func line(_ type: String, _ object: JSONValue) -> [UInt8] {
        var line = JSONValue.object([("type", .string(type)), ("object", object)]).compactJSONBytes()
        line.append(UInt8(ascii: "\n"))
        return line
    }
}
