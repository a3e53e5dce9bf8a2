import Cluster

/// `kubectl set image TYPE/NAME CONTAINER=IMAGE… ` (or `*=IMAGE` for every container).
enum SetImageCommand {
    static let parser = FlagParser(command: "set image", flags: [
        .init(long: "record", short: nil, isBool: true),
        .init(long: "selector", short: "l", isBool: false),
        .init(long: "all", short: nil, isBool: true),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            if flags.has("record") { out.err(SetCommand.recordDeprecation) }
            let (resources, pairs) = try SetCommand.splitPairs(flags.positional, pairType: "image")
            var images: [(container: String, image: String)] = []
            var invalid: [String] = []
            for pair in pairs {
                guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else { invalid.append(pair); continue }
                let container = String(pair[..<eq]), image = String(pair[pair.index(after: eq)...])
                images.removeAll { $0.container == container }
                images.append((container, image))
            }
            if !invalid.isEmpty { throw KubectlError("error: invalid image format: \"\(invalid.joined(separator: ", "))\"") }
            // Complete runs the resource builder before Validate looks at the images.
            if resources.isEmpty { throw KubectlError(SetCommand.noResources) }
            let targets = try SetCommand.existingTargets(resources, flags: flags, cluster: cluster)
            var problems: [String] = []
            if flags.bool("all") && flags.has("selector") { problems.append("cannot set --all and --selector at the same time") }
            if images.isEmpty {
                problems.append("at least one image update is required")
            } else if images.count > 1 && images.contains(where: { $0.container == "*" }) {
                problems.append("all containers are already specified by *, but saw more than one container_name=container_image pairs")
            }
            if !problems.isEmpty { throw KubectlError("error: " + SetCommand.aggregate(problems)) }
            var errors: [String] = []
            for ref in targets {
                var spec: PodSpec
                do { spec = try PodSpecEditor.spec(of: ref, store: cluster.store) } catch { errors.append(Execution.kubectlMessage(for: error)); continue }
                let before = spec
                for (container, image) in images {
                    let matched = spec.containers.indices.filter { container == "*" || spec.containers[$0].name == container }
                    if matched.isEmpty { errors.append("error: unable to find container named \"\(container)\"") }
                    for i in matched { spec.containers[i].image = image }
                }
                guard spec != before else { continue }
                do {
                    try PodSpecEditor.write(spec, to: ref, store: cluster.store)
                    try SetCommand.record(SetCommand.changeCause("set image", args, parser: parser), on: ref, store: cluster.store)
                    out.out("\(SetCommand.name(ref)) image updated\n")
                } catch {
                    errors.append("failed to patch image update to pod template: \(SetCommand.wrapped(error))")
                }
            }
            SetCommand.fail(errors, into: &out)
            return nil
        }
    }
}
