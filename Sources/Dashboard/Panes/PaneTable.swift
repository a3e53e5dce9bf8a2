import Cluster
import Commands

/// The columns each table pane shows — kubectl's own printers, so the dashboard and
/// `kubectl get` always agree — and the theme role that colors a row.
enum PaneTable {
    /// `traffic`: the cluster has served requests, so Pods gain a REQ/S column (see TrafficSummary).
    static func headers(_ pane: Pane, traffic: Bool = false) -> [String] {
        switch pane {
        case .pods: ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "NODE"] + (traffic ? ["REQ/S"] : [])
        case .nodes: ResourceTables.headers(.nodes, wide: false)
        case .deployments: ResourceTables.headers(.deployments, wide: false)
        case .replicaSets: ResourceTables.headers(.replicasets, wide: false)
        case .events: ResourceTables.headers(.events, wide: false)
        }
    }

    /// The row for `name`, or nil if the object is gone.
    static func row(_ pane: Pane, _ name: String, cluster: Cluster, namespace: String, traffic: Bool = false) -> (cells: [String], role: ThemeRole?, uid: String)? {
        guard let object = cluster.store.object(kind: pane.kind, name: name, namespace: namespace) else { return nil }
        let now = cluster.now
        switch object {
        case let pod as Pod:
            let wide = ResourceTables.row(pod, wide: true, now: now)
            // kubectl's columns, then a note kubectl has no column for (an orphan keeps running, counted by no one).
            let note = ClusterView.isOrphan(pod) ? [orphanNote] : []
            let rate = traffic ? [TrafficSummary.rateCell(podUID: pod.metadata.uid, cluster: cluster)] : []
            return ([wide[0], wide[1], wide[2], wide[3], wide[4], wide[6]] + rate + note, role(forPodStatus: wide[2]), pod.metadata.uid)
        case let node as Node:
            return (ResourceTables.row(node, wide: false, now: now), role(forNode: node), node.metadata.uid)
        case let event as Event:
            return (ResourceTables.row(event, wide: false, now: now), event.type == "Warning" ? .error : nil, event.metadata.uid)
        case let d as Deployment:
            let role: ThemeRole = d.status.readyReplicas == d.spec.replicas ? .running : .pending
            return (ResourceTables.row(d, wide: false, now: now), role, d.metadata.uid)
        case let rs as ReplicaSet:
            let role: ThemeRole = rs.status.readyReplicas == rs.spec.replicas ? .running : .pending
            return (ResourceTables.row(rs, wide: false, now: now), role, rs.metadata.uid)
        default:
            return nil
        }
    }

    /// The note after kubectl's columns on a pod no controller owns any more.
    static let orphanNote = "← orphan"

    /// The widest cell of each column (headers included) over `rows`.
    static func widest(headers: [String], rows: [[String]]) -> [Int] {
        var widest = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widest.count { widest[i] = max(widest[i], cell.count) } }
        return widest
    }

    /// Waiting and terminated reasons that mean a container is failing (kubelet's words).
    static let failureReasons: Set<String> = PodTileState.imagePullReasons.union(PodTileState.crashReasons)
        .union(["CreateContainerConfigError", "CreateContainerError", "RunContainerError", "ContainerCannotRun", "StartError"])

    /// Pod STATUS words to theme roles.
    static func role(forPodStatus status: String) -> ThemeRole {
        switch status {
        case "Running": .running
        case "Pending": .pending
        case "ContainerCreating", "PodInitializing": .creating
        case "Terminating": .terminating
        case "Completed", "Succeeded": .completed
        // `Init:0/1` is an init container still working; `Init:CrashLoopBackOff` one failing.
        default: status.hasPrefix("Init:") && !failureReasons.contains(String(status.dropFirst(5))) ? .creating : .error
        }
    }

    static func role(forNode node: Node) -> ThemeRole {
        if !node.isReady { return .error }
        return node.spec.unschedulable ? .pending : .running
    }
}

/// A table filter: `-l SELECTOR` matches labels, anything else is a case-insensitive search in
/// the row's text.
/// The filter is read once for all rows (a selector parsed once, text folded once); a row's
/// cells are made only when its name alone does not match, and a pod's only when it changed.
enum RowFilter {
    /// The places in `names` (the pods in name order) of the pods that match. Each pod's text
    /// is kept at its place in `kept` between passes (see PodSearchText): a pass searches bytes.
    static func pods(_ names: [String], kept: inout [KeptPodRow], matching filter: String, store: Store, namespace: String, now: SimTime) -> [Int] {
        if let selector = selector(filter) {
            guard let selector else { return [] }
            return names.indices.filter { store.pod(names[$0], namespace: namespace).map { selector.matches($0.metadata.labels) } ?? false }
        }
        let needle = FilterNeedle(filter)
        var ages = AgeCells(now: now), buffer: [UInt8] = []
        var matched: [Int] = []
        for row in names.indices {
            let name = names[row]
            // A kept text begins with the name; without one, a name that matches spares making it.
            if kept[row].searchText == nil {
                if needle.found(in: name) { matched.append(row); continue }
                guard let pod = store.pod(name, namespace: namespace) else { continue }
                kept[row].searchText = PodSearchText(pod)
            }
            if kept[row].searchText!.contains(needle, ages: &ages, buffer: &buffer, pod: { store.pod(name, namespace: namespace) }) {
                matched.append(row)
            }
        }
        return matched
    }

    /// The rows of another table (not Pods) that match, in the order of `names`.
    static func rows(_ names: [String], matching filter: String, pane: Pane, cluster: Cluster, namespace: String) -> [String] {
        if let selector = selector(filter) {
            guard let selector else { return [] }
            return names.filter { name in
                cluster.store.object(kind: pane.kind, name: name, namespace: namespace).map { selector.matches($0.metadata.labels) } ?? false
            }
        }
        let needle = FilterNeedle(filter)
        return names.filter { name in
            if needle.found(in: name) { return true }
            guard let row = PaneTable.row(pane, name, cluster: cluster, namespace: namespace) else { return false }
            return needle.found(in: row.cells.joined(separator: " "))
        }
    }

    /// The selector of a `-l` filter (nil inside when it does not parse: nothing matches), or
    /// nil for a text filter.
    private static func selector(_ filter: String) -> LabelSelector?? {
        guard isSelector(filter) else { return nil }
        return .some(try? SelectorParser.parse(String(filter.dropFirst(3))))
    }

    private static func isSelector(_ filter: String) -> Bool { filter.hasPrefix("-l ") || filter.hasPrefix("-l=") }

    /// Why a `-l` filter matches nothing because it does not parse, in the words kubectl's
    /// `get -l` gives (`unable to parse requirement: …`); nil for a text filter or a selector.
    static func selectorError(_ filter: String) -> String? {
        guard isSelector(filter) else { return nil }
        do {
            _ = try SelectorParser.parse(String(filter.dropFirst(3)))
            return nil
        } catch {
            return "\(error)"
        }
    }
}
