import Cluster

/// `kubectl events [--for TYPE/NAME] [-n NS | -A]` (kubectl/pkg/cmd/events): events oldest
/// first, OBJECT as `Kind/name`, LAST SEEN with `(xN over AGE)` for repeated events. `--for`
/// keeps the events whose involvedObject is that object. (`kubectl get` has no `--for`.)
struct EventsCommand {
    static let parser = FlagParser(command: "events", flags: [
        .init(long: "for", short: nil, isBool: false),
        .init(long: "all-namespaces", short: "A", isBool: true),
        .init(long: "no-headers", short: nil, isBool: true),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            if !flags.positional.isEmpty {
                throw KubectlError("error: unknown command \(flags.positional[0].goQuoted) for \"kubectl events\"")
            }
            var events = cluster.store.list(Event.self)
            if !flags.allNamespaces { events = events.filter { $0.metadata.namespace == flags.namespace } }
            if let target = flags.string("for") {
                let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[1].isEmpty else { throw KubectlError("error: --for must be in resource/name form") }
                let kind = try ResourceType.resolve(parts[0]).kind
                events = events.filter { $0.involvedObject.kind == kind.rawValue && $0.involvedObject.name == parts[1] }
            }
            guard !events.isEmpty else {
                out.err(flags.allNamespaces ? "No events found.\n" : "No events found in \(flags.namespace) namespace.\n")
                return nil
            }
            // SortableEvents: by last timestamp; equal times keep the list's order.
            events = events.enumerated().sorted { ($0.element.lastSeen ?? .zero, $0.offset) < ($1.element.lastSeen ?? .zero, $1.offset) }.map(\.element)
            let now = cluster.now
            var rows: [[String]] = flags.bool("no-headers") ? [] : [(flags.allNamespaces ? ["NAMESPACE"] : []) + ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]]
            for e in events {
                let first = ResourceTables.age(e.firstSeen, now: now)
                let interval = e.count > 1 ? "\(ResourceTables.age(e.lastTimestamp, now: now)) (x\(e.count) over \(first))" : first
                let row = [interval, e.type, e.reason, "\(e.involvedObject.kind)/\(e.involvedObject.name)", e.message.trimmingSpaces()]
                rows.append((flags.allNamespaces ? [e.metadata.namespace] : []) + row)
            }
            out.out(TabWriter.format(rows))
            return nil
        }
    }
}
