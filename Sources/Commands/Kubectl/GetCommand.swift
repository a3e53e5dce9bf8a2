import Cluster

/// `kubectl get TYPE[,TYPE…]|all [NAME...] [-n NS | -A] [-l SELECTOR] [--field-selector F] [-L KEY] [--sort-by PATH]
/// [-o FORMAT] [--show-labels] [--no-headers]`
struct GetCommand {
    static let parser = FlagParser(command: "get", flags: [
        .init(long: "selector", short: "l", isBool: false),
        .init(long: "output", short: "o", isBool: false),
        .init(long: "show-labels", short: nil, isBool: true),
        .init(long: "no-headers", short: nil, isBool: true),
        .init(long: "watch", short: "w", isBool: true),
        .init(long: "all-namespaces", short: "A", isBool: true),
        .init(long: "label-columns", short: "L", isBool: false, accumulates: true),
        .init(long: "sort-by", short: nil, isBool: false),
        .init(long: "field-selector", short: nil, isBool: false),
        .init(long: "show-kind", short: nil, isBool: true),
    ])

    /// What kubectl prints when a list comes back empty: the namespace is named unless the type
    /// is cluster-scoped or every namespace was listed.
    static func noResourcesFound(_ types: [ResourceType], flags: FlagParser.Result) -> String {
        guard types.contains(where: \.kind.isNamespaced), !flags.allNamespaces else { return "No resources found\n" }
        return "No resources found in \(flags.namespace) namespace.\n"
    }

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            if flags.bool("watch") {
                throw KubectlError("error: --watch is not supported here: the dashboard (`kubesim`) shows changes live")
            }
            guard !flags.positional.isEmpty else {
                throw KubectlError("""
                    You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

                    error: Required resource not specified.
                    Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
                    See 'kubectl get -h' for help and examples
                    """)
            }
            let format = try OutputFormat.parse(flags.string("output"))
            let (types, refs) = try resolveTypes(flags.positional, namespace: flags.namespace)
            // The API server's deprecation warning, which kubectl prints once on stderr.
            if (types + refs.map(\.type)).contains(.endpoints) { out.err("Warning: \(Endpoints.deprecationWarning)\n") }
            if !refs.isEmpty && flags.allNamespaces {
                throw KubectlError("error: a resource cannot be retrieved by name across all namespaces")
            }
            // Parsed where the server would parse it: for the list of the type asked for.
            let listKind = (types.first ?? refs.first?.type ?? .pods).kind
            let selector = try ListSelector.parse(flags.string("selector"), kind: listKind)
            if !refs.isEmpty && (flags.has("selector") || flags.has("field-selector")) {
                throw KubectlError("error: name cannot be provided when a selector is specified")
            }
            let store = cluster.store
            var groups: [(ResourceType, [any APIObject])] = []
            if refs.isEmpty {
                for type in types {
                    let fields = try FieldSelector.parse(flags.string("field-selector"), kind: type.kind, labelSelector: flags.string("selector"))
                    let objects = store.objects(kind: type.kind, selector: selector, namespace: flags.allNamespaces ? nil : flags.namespace)
                        .filter(fields.matches)
                    if !objects.isEmpty { groups.append((type, objects)) }
                }
            } else {
                for ref in refs {
                    if let object = store.object(kind: ref.type.kind, name: ref.name, namespace: ref.namespace) {
                        if let i = groups.firstIndex(where: { $0.0 == ref.type }) { groups[i].1.append(object) } else { groups.append((ref.type, [object])) }
                    } else {
                        out.fail(APIError.notFound(ref.type.kind, ref.name).description)
                    }
                }
            }
            if let sortBy = flags.string("sort-by"), !sortBy.isEmpty {
                for i in groups.indices { groups[i].1 = try SortBy.sort(groups[i].1, by: sortBy) }
            }
            let all = groups.flatMap(\.1)
            if all.isEmpty {
                // Only the table says "No resources found" (on stderr); the other formats print
                // what they make of an empty List (kubectl's printGeneric): `[]` items in JSON
                // and YAML, nothing for names and most templates, the headers for columns.
                guard refs.isEmpty else { return nil }
                if format == .table || format == .wide {
                    out.err(noResourcesFound(types, flags: flags))
                    return nil
                }
            }
            let single = refs.count == 1 && all.count == 1
            switch format {
            case .table, .wide:
                let labelColumns = (flags.string("label-columns") ?? "").split(separator: ",").map { String($0).trimmingSpaces() }
                var tables: [String] = []
                for (type, objects) in groups {
                    var text = ResourceTables.table(type, objects, wide: format == .wide, now: cluster.now, showLabels: flags.bool("show-labels"),
                                                    allNamespaces: flags.allNamespaces && refs.isEmpty, labelColumns: labelColumns,
                                                    withKind: groups.count > 1 || flags.bool("show-kind"))
                    if flags.bool("no-headers") { text = String(text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")) }
                    tables.append(text)
                }
                out.out(tables.joined(separator: "\n"))
            case .name:
                for object in all { out.out("\(Swift.type(of: object).kind.qualifiedSingular)/\(object.name)\n") }
            case .yaml:
                out.out(YAMLWriter.write(single ? ObjectEncoder.encode(all[0]) : ObjectEncoder.list(all)))
            case .json:
                out.out((single ? ObjectEncoder.encode(all[0]) : ObjectEncoder.list(all)).prettyJSON() + "\n")
            case .customColumns(let spec):
                out.out(try CustomColumns(spec).table(all, headers: !flags.bool("no-headers")))
            case .jsonpath(let template):
                let path: JSONPath
                do { path = try JSONPath(template) } catch { throw KubectlError("error: error parsing jsonpath \(template), \(error)") }
                do {
                    out.out(try path.execute(single ? ObjectEncoder.encode(all[0]) : ObjectEncoder.list(all)))
                } catch {
                    throw KubectlError("error: error executing jsonpath \"\(template)\": Error executing template: \(error). Printing more information for debugging the template:\n\ttemplate was:\n\t\t\(template)\n")
                }
            }
            return nil
        }
    }

    /// The types and named objects of `get`'s arguments: `TYPE[,TYPE…] [NAME…]`, `all`, `TYPE/NAME…`.
    /// With several types, each name is looked up as each type, type by type (kubectl's builder).
    static func resolveTypes(_ positional: [String], namespace: String) throws -> (types: [ResourceType], refs: [ObjectRef]) {
        if let first = positional.first, let types = try ResourceCategories.expand(first) {
            let names = Array(positional.dropFirst())
            if names.contains(where: { $0.contains("/") }) {
                throw KubectlError("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")
            }
            return (types, types.flatMap { type in names.map { ObjectRef(type: type, name: $0, namespace: namespace) } })
        }
        let (type, refs) = try ArgumentResolver.resolve(positional, namespace: namespace)
        return (type.map { [$0] } ?? [], refs)
    }
}
