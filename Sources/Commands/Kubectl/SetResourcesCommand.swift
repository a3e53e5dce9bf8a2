import Cluster

/// `kubectl set resources TYPE/NAME [-c CONTAINERS] --limits=cpu=200m,memory=512Mi --requests=…`.
enum SetResourcesCommand {
    static let parser = FlagParser(command: "set resources", flags: [
        .init(long: "record", short: nil, isBool: true),
        .init(long: "containers", short: "c", isBool: false),
        .init(long: "limits", short: nil, isBool: false),
        .init(long: "requests", short: nil, isBool: false),
        .init(long: "selector", short: "l", isBool: false),
        .init(long: "all", short: nil, isBool: true),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            if flags.has("record") { out.err(SetCommand.recordDeprecation) }
            if flags.positional.isEmpty { throw KubectlError(SetCommand.noResources) }
            let targets = try SetCommand.existingTargets(flags.positional, flags: flags, cluster: cluster)
            if flags.bool("all") && flags.has("selector") { throw KubectlError("error: cannot set --all and --selector at the same time") }
            let limitsText = flags.string("limits") ?? "", requestsText = flags.string("requests") ?? ""
            if limitsText.isEmpty && requestsText.isEmpty {
                throw KubectlError("error: you must specify an update to requests or limits (in the form of --requests/--limits)")
            }
            let limits = try resourceList(limitsText), requests = try resourceList(requestsText)
            let selector = flags.string("containers") ?? "*"
            var errors: [String] = []
            for ref in targets {
                var spec: PodSpec
                do { spec = try PodSpecEditor.spec(of: ref, store: cluster.store) } catch { errors.append(Execution.kubectlMessage(for: error)); continue }
                let before = spec
                let matched = PodSpecEditor.matching(selector, in: spec.containers)
                if matched.isEmpty { errors.append("error: unable to find container named \(selector)") }
                for i in matched {
                    merge(limits, into: &spec.containers[i].limits)
                    merge(requests, into: &spec.containers[i].requests)
                }
                guard spec != before else { continue }
                do {
                    try refuseRequestsAboveLimits(spec, ref)
                    try PodSpecEditor.write(spec, to: ref, store: cluster.store)
                    try SetCommand.record(SetCommand.changeCause("set resources", args, parser: parser), on: ref, store: cluster.store)
                    out.out("\(SetCommand.name(ref)) resource requirements updated\n")
                } catch {
                    errors.append("failed to patch resources update to pod template \(SetCommand.wrapped(error))")
                }
            }
            SetCommand.fail(errors, into: &out)
            return nil
        }
    }

    /// `cpu=100m,memory=256Mi` (HandleResourceRequirementsV1); kubesim models cpu and memory.
    static func resourceList(_ text: String) throws -> ResourceAmounts {
        var amounts = ResourceAmounts()
        guard !text.isEmpty else { return amounts }
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw KubectlError("error: Invalid argument syntax \(item), expected <resource>=<value>") }
            let badQuantity = KubectlError("error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
            switch parts[0] {
            case "cpu": amounts.cpuMillis = try Quantity.parseCPU(parts[1]) ?? { throw badQuantity }()
            case "memory": amounts.memoryBytes = try Quantity.parseMemory(parts[1]) ?? { throw badQuantity }()
            default: throw KubectlError("error: kubesim models only cpu and memory resources, not \"\(parts[0])\"")
            }
        }
        return amounts
    }

    private static func merge(_ update: ResourceAmounts, into amounts: inout ResourceAmounts) {
        if update.cpuMillis > 0 { amounts.cpuMillis = update.cpuMillis }
        if update.memoryBytes > 0 { amounts.memoryBytes = update.memoryBytes }
    }

    /// ValidateResourceRequirements, as the API server applies it to the template.
    private static func refuseRequestsAboveLimits(_ spec: PodSpec, _ ref: ObjectRef) throws {
        let prefix = ref.type == .pods ? "spec" : "spec.template.spec"
        let causes = spec.containers.enumerated().flatMap { i, c in
            ServerRules.requestsWithinLimits(c, path: "\(prefix).containers[\(i)].resources")
        }
        if !causes.isEmpty { throw APIError.invalid(ref.type.kind, ref.name, causes) }
    }
}
