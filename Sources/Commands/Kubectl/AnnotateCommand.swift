import Cluster

/// `kubectl annotate TYPE NAME… key=value… key-… [--overwrite]` (also `TYPE/NAME`, `-l`, `--all`),
/// with kubectl's messages (kubectl/pkg/cmd/annotate): every object it writes is `annotated`.
struct AnnotateCommand {
    static let parser = FlagParser(command: "annotate", flags: [
        .init(long: "overwrite", short: nil, isBool: true),
        .init(long: "selector", short: "l", isBool: false),
        .init(long: "all", short: nil, isBool: true),
        .init(long: "all-namespaces", short: "A", isBool: true),
    ])

    /// Always writable without --overwrite (polymorphichelpers.ChangeCauseAnnotation).
    static let changeCause = "kubernetes.io/change-cause"

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            var resources: [String] = [], pairs: [String] = []
            for arg in flags.positional {
                if (arg.contains("=") && !arg.hasPrefix("=")) || (arg.hasSuffix("-") && arg.count > 1) {
                    pairs.append(arg)
                } else {
                    guard pairs.isEmpty else { throw KubectlError("error: all resources must be specified before annotation changes: \(arg)") }
                    resources.append(arg)
                }
            }
            guard !resources.isEmpty else {
                throw KubectlError("error: one or more resources must be specified as <resource> <name> or <resource>/<name>")
            }
            guard !pairs.isEmpty else { throw KubectlError("error: at least one annotation update is required") }
            // Values may hold `=` (parsePairs splits at the first one).
            var set: [(String, String)] = [], remove: [String] = []
            for pair in pairs {
                if let eq = pair.firstIndex(of: "=") {
                    set.append((String(pair[..<eq]), String(pair[pair.index(after: eq)...])))
                } else {
                    remove.append(String(pair.dropLast()))
                }
            }
            if let both = set.first(where: { key, _ in remove.contains(key) }) {
                throw KubectlError("error: can not both modify and remove the following annotation(s) in the same command: \(both.0)")
            }
            var errors = VisitErrors()
            for ref in try ArgumentResolver.targets(resources, flags: flags, cluster: cluster) {
                guard let object = cluster.store.object(kind: ref.type.kind, name: ref.name, namespace: ref.namespace) else {
                    errors.add(APIError.notFound(ref.type.kind, ref.name))
                    continue
                }
                if !flags.bool("overwrite") {
                    // validateNoAnnotationOverwrites: every clash, in one message.
                    let clashes = set.compactMap { key, value -> String? in
                        guard key != changeCause, let current = object.metadata.annotations[key], current != value else { return nil }
                        return "'\(key)' already has a value (\(current))"
                    }
                    if !clashes.isEmpty {
                        errors.add("--overwrite is false but found the following declared annotation(s): \(clashes.joined(separator: "; "))")
                        continue
                    }
                }
                do {
                    try MetadataUpdate.modify(ref, store: cluster.store) { meta in
                        for (key, value) in set { meta.annotations[key] = value }
                        for key in remove { meta.annotations.removeValue(forKey: key) }
                    }
                } catch {
                    errors.add(error)
                    continue
                }
                out.out("\(ref.type.kind.qualifiedSingular)/\(ref.name) annotated\n")
            }
            errors.print(into: &out)
            return nil
        }
    }
}
