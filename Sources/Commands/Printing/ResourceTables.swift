import Cluster

/// The columns `kubectl get` prints for each kind, plain and `-o wide` (pkg/printers/internalversion).
public enum ResourceTables {
    public static func age(_ t: SimTime, now: SimTime) -> String { GoDuration.human(now - t) }
    /// translateTimestampSince: a time never set (an API client's event without timestamps) is `<unknown>`.
    public static func age(_ t: SimTime?, now: SimTime) -> String { t.map { age($0, now: now) } ?? "<unknown>" }

    public static func headers(_ type: ResourceType, wide: Bool) -> [String] {
        columns(type).filter { wide || $0.priority == 0 }.map(\.header)
    }

    /// The cells `kubectl get` shows for `object`, plain or `-o wide`.
    public static func row(_ object: any APIObject, wide: Bool, now: SimTime) -> [String] {
        let all = cells(object, now: now)
        guard !wide, let type = ResourceType(kind: Swift.type(of: object).kind) else { return all }
        return zip(columns(type), all).filter { $0.0.priority == 0 }.map(\.1)
    }

    /// Every cell of `object`'s row, one per column of `columns(_:)` (wide ones included).
    public static func cells(_ object: any APIObject, now: SimTime) -> [String] {
        switch object {
        case let p as Pod:
            return [p.name, PodStatusFormatter.ready(p), PodStatusFormatter.status(p), PodStatusFormatter.restarts(p, now: now),
                    age(p.metadata.creationTimestamp, now: now),
                    p.status.podIP.isEmpty ? "<none>" : p.status.podIP, p.spec.nodeName.isEmpty ? "<none>" : p.spec.nodeName, "<none>", "<none>"]
        case let d as Deployment:
            return [d.name, "\(d.status.readyReplicas)/\(d.spec.replicas)", String(d.status.updatedReplicas),
                    String(d.status.availableReplicas), age(d.metadata.creationTimestamp, now: now)]
                + workloadWide(d.spec.template, d.spec.selector)
        case let rs as ReplicaSet:
            return [rs.name, String(rs.spec.replicas), String(rs.status.replicas), String(rs.status.readyReplicas),
                    age(rs.metadata.creationTimestamp, now: now)]
                + workloadWide(rs.spec.template, rs.spec.selector)
        case let ds as DaemonSet:
            let s = ds.status
            return [ds.name, String(s.desiredNumberScheduled), String(s.currentNumberScheduled), String(s.numberReady),
                    String(s.updatedNumberScheduled), String(s.numberAvailable), labelsText(ds.spec.template.spec.nodeSelector),
                    age(ds.metadata.creationTimestamp, now: now)]
                + workloadWide(ds.spec.template, ds.spec.selector)
        case let n as Node:
            return [n.name, nodeStatus(n), nodeRoles(n), age(n.metadata.creationTimestamp, now: now), n.status.kubeletVersion,
                    n.status.internalIP, "<none>", n.status.osImage, n.status.kernelVersion, n.status.containerRuntimeVersion]
        case let ns as Namespace:
            return [ns.name, ns.phase, age(ns.metadata.creationTimestamp, now: now)]
        case let pdb as PodDisruptionBudget:
            // printPodDisruptionBudget: N/A for the bound that is not set.
            return [pdb.name, pdb.spec.minAvailable ?? "N/A", pdb.spec.maxUnavailable ?? "N/A", String(pdb.status.disruptionsAllowed),
                    age(pdb.metadata.creationTimestamp, now: now)]
        case let s as Service:
            return ServiceCells.cells(s, now: now)
        case let slice as EndpointSlice:
            return EndpointSliceCells.cells(slice, now: now)
        case let ep as Endpoints:
            return [ep.name, EndpointsCells.endpoints(ep), age(ep.metadata.creationTimestamp, now: now)]
        case let e as Event:
            let object = "\(e.involvedObject.kind.lowercased())/\(e.involvedObject.name)"
            // printEvent's wide cells; SOURCE is formatEventSource: component, then host if any.
            // A last timestamp never set shows the first's age, as printEvent does.
            let first = age(e.firstSeen, now: now), last = e.lastTimestamp.map { age($0, now: now) } ?? first
            return [last, e.type, e.reason, object, e.involvedObject.fieldPath,
                    e.sourceComponent.isEmpty ? "<unknown>" : e.source, e.message, first, String(max(1, e.count)), e.name]
        default:
            return [object.name]
        }
    }

    private static func workloadWide(_ t: PodTemplate, _ selector: LabelSelector) -> [String] {
        [t.spec.containers.map(\.name).joined(separator: ","), t.spec.containers.map(\.image).joined(separator: ","), selector.description]
    }

    /// `Ready`, `NotReady`, `Unknown`, with `,SchedulingDisabled` when cordoned.
    public static func nodeStatus(_ n: Node) -> String {
        var parts: [String] = []
        if let ready = n.status.condition("Ready") {
            parts.append(ready.status == "True" ? "Ready" : "NotReady")
        } else {
            parts.append("Unknown")
        }
        if n.spec.unschedulable { parts.append("SchedulingDisabled") }
        return parts.joined(separator: ",")
    }

    public static func nodeRoles(_ n: Node) -> String {
        let prefix = "node-role.kubernetes.io/"
        let roles = n.metadata.labels.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
        return roles.isEmpty ? "<none>" : roles.joined(separator: ",")
    }

    /// A whole table, headers included, aligned like kubectl. With `allNamespaces` (`-A`) a
    /// namespaced type gets the NAMESPACE column first; `labelColumns` (`-L`) add one column per
    /// label key after the usual ones, then `showLabels` the LABELS column; `withKind` names rows
    /// `deployment.apps/NAME`, as kubectl does when it prints more than one type.
    public static func table(_ type: ResourceType, _ objects: [any APIObject], wide: Bool, now: SimTime, showLabels: Bool = false,
                             allNamespaces: Bool = false, labelColumns: [String] = [], withKind: Bool = false) -> String {
        let namespaceColumn = allNamespaces && type.kind.isNamespaced
        var header = headers(type, wide: wide)
        let nameIndex = header.firstIndex(of: "NAME")
        if namespaceColumn { header.insert("NAMESPACE", at: 0) }
        header += labelColumns.map(labelColumnHeader)
        if showLabels { header.append("LABELS") }
        var rows = [header]
        for object in objects {
            var row = self.row(object, wide: wide, now: now)
            if withKind, let nameIndex { row[nameIndex] = "\(type.kind.qualifiedSingular)/\(row[nameIndex])" }
            if namespaceColumn { row.insert(object.metadata.namespace, at: 0) }
            row += labelColumns.map { object.metadata.labels[$0] ?? "" }
            if showLabels { row.append(labelsText(object.metadata.labels)) }
            rows.append(row)
        }
        return TabWriter.format(rows)
    }

    /// A `-L` column's header: the key's last `/` segment, upper-cased (`app.kubernetes.io/name` → `NAME`).
    static func labelColumnHeader(_ key: String) -> String {
        (key.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? key).uppercased()
    }

    /// `app=x,pod-template-hash=y`, or `<none>`.
    public static func labelsText(_ labels: [String: String]) -> String {
        labels.isEmpty ? "<none>" : labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }.joined(separator: ",")
    }
}
