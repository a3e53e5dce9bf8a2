import Cluster

/// `kubectl label TYPE NAME key=value... key-... [--overwrite]` (also `TYPE/NAME`, `-l`, `--all`).
struct LabelCommand {
    static let parser = FlagParser(command: "label", flags: [
        .init(long: "overwrite", short: nil, isBool: true),
        .init(long: "selector", short: "l", isBool: false),
        .init(long: "all", short: nil, isBool: true),
        .init(long: "all-namespaces", short: "A", isBool: true),
    ])

    struct Changes {
        var set: [(String, String)] = []
        var remove: [String] = []
    }

    /// Splits label arguments from resource arguments (cmdutil.GetResourcesAndPairs).
    static func split(_ args: [String]) throws -> (resources: [String], pairs: [String]) {
        var resources: [String] = [], pairs: [String] = []
        for arg in args {
            let isPair = (arg.contains("=") && !arg.hasPrefix("=")) || (arg.hasSuffix("-") && arg.count > 1)
            if isPair {
                pairs.append(arg)
            } else {
                guard pairs.isEmpty else { throw KubectlError("error: all resources must be specified before label changes: \(arg)") }
                resources.append(arg)
            }
        }
        return (resources, pairs)
    }

    static func parseChanges(_ pairs: [String]) throws -> Changes {
        var changes = Changes()
        for pair in pairs {
            if pair.contains("=") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].contains("=") else { throw KubectlError("error: invalid label spec: \(pair)") }
                let errors = LabelValidation.valueErrors(parts[1])
                if !errors.isEmpty { throw KubectlError("error: invalid label value: \"\(pair)\": \(errors.joined(separator: "; "))") }
                changes.set.append((parts[0], parts[1]))
            } else if pair.hasSuffix("-") {
                changes.remove.append(String(pair.dropLast()))
            } else {
                throw KubectlError("error: invalid label spec: \(pair)")
            }
        }
        return changes
    }

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            let (resources, pairs) = try split(flags.positional)
            guard !resources.isEmpty else {
                throw KubectlError("error: one or more resources must be specified as <resource> <name> or <resource>/<name>")
            }
            guard !pairs.isEmpty else { throw KubectlError("error: at least one label update is required") }
            let changes = try parseChanges(pairs)
            var errors = VisitErrors()
            for ref in try ArgumentResolver.targets(resources, flags: flags, cluster: cluster) {
                apply(changes, to: ref, overwrite: flags.bool("overwrite"), cluster: cluster, into: &out, errors: &errors)
            }
            errors.print(into: &out)
            return nil
        }
    }

    private static func apply(_ changes: Changes, to ref: ObjectRef, overwrite: Bool, cluster: Cluster,
                              into out: inout CommandOutput, errors: inout VisitErrors) {
        guard let object = cluster.store.object(kind: ref.type.kind, name: ref.name, namespace: ref.namespace) else {
            errors.add(APIError.notFound(ref.type.kind, ref.name))
            return
        }
        let old = object.metadata.labels
        if !overwrite {
            for (key, value) in changes.set {
                if let current = old[key], current != value {
                    errors.add("'\(key)' already has a value (\(current)), and --overwrite is false")
                    return
                }
            }
        }
        var labels = old
        for (key, value) in changes.set { labels[key] = value }
        for key in changes.remove {
            if labels.removeValue(forKey: key) == nil { out.out("label \"\(key)\" not found.\n") }
        }
        var message = "not labeled"
        if labels != old {
            message = !overwrite && labels.count < old.count ? "unlabeled" : "labeled"
            do {
                try setLabels(labels, on: ref, store: cluster.store)
            } catch {
                errors.add(error)
                return
            }
        }
        out.out("\(ref.type.kind.qualifiedSingular)/\(ref.name) \(message)\n")
    }

    private static func setLabels(_ labels: [String: String], on ref: ObjectRef, store: Store) throws {
        switch ref.type {
        case .pods: try store.modify(Pod.self, ref.name, namespace: ref.namespace) { $0.metadata.labels = labels }
        case .deployments: try store.modify(Deployment.self, ref.name, namespace: ref.namespace) { $0.metadata.labels = labels }
        case .replicasets: try store.modify(ReplicaSet.self, ref.name, namespace: ref.namespace) { $0.metadata.labels = labels }
        case .daemonsets: try store.modify(DaemonSet.self, ref.name, namespace: ref.namespace) { $0.metadata.labels = labels }
        case .poddisruptionbudgets: try store.modify(PodDisruptionBudget.self, ref.name, namespace: ref.namespace) { $0.metadata.labels = labels }
        case .services: try store.modify(Service.self, ref.name, namespace: ref.namespace) { $0.metadata.labels = labels }
        case .endpointslices: try store.modify(EndpointSlice.self, ref.name, namespace: ref.namespace) { $0.metadata.labels = labels }
        case .endpoints: try store.modify(Endpoints.self, ref.name, namespace: ref.namespace) { $0.metadata.labels = labels }
        case .nodes: try store.modify(Node.self, ref.name) { $0.metadata.labels = labels }
        case .events: try store.modify(Event.self, ref.name, namespace: ref.namespace) { $0.metadata.labels = labels }
        case .namespaces: try store.modify(Namespace.self, ref.name) { $0.metadata.labels = labels }
        }
    }
}
