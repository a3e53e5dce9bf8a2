import Cluster

/// `kubectl set image|resources|env`: edits the pod template of workloads (kubectl/pkg/cmd/set).
enum SetCommand {
    static let subcommands = ["env", "image", "resources"]

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        guard let sub = args.first, !sub.hasPrefix("-") else {
            return .failure(KubectlError("error: Usage: kubectl set SUBCOMMAND [options]\nSee 'kubectl set -h' for help and examples"))
        }
        let rest = Array(args.dropFirst())
        switch sub {
        case "image": return SetImageCommand.run(rest, cluster: cluster)
        case "resources": return SetResourcesCommand.run(rest, cluster: cluster)
        case "env": return SetEnvCommand.run(rest, cluster: cluster)
        default: return .failure(Kubectl.unknownCommand(sub, among: subcommands, parent: "kubectl set"))
        }
    }

    /// cmdutil.GetResourcesAndPairs: resources first, then `KEY=VALUE` / `KEY-` pairs.
    static func splitPairs(_ args: [String], pairType: String) throws -> (resources: [String], pairs: [String]) {
        var resources: [String] = [], pairs: [String] = []
        for arg in args {
            let isPair = (arg.contains("=") && !arg.hasPrefix("=")) || (arg.hasSuffix("-") && arg != "-")
            if isPair {
                pairs.append(arg)
            } else {
                guard pairs.isEmpty else { throw KubectlError("error: all resources must be specified before \(pairType) changes: \(arg)") }
                resources.append(arg)
            }
        }
        return (resources, pairs)
    }

    /// The named objects, each looked up first as kubectl's resource builder does: a missing one
    /// fails the command before anything changes.
    static func existingTargets(_ resources: [String], flags: FlagParser.Result, cluster: Cluster) throws -> [ObjectRef] {
        let refs = try ArgumentResolver.targets(resources, flags: flags, cluster: cluster)
        for ref in refs where cluster.store.object(kind: ref.type.kind, name: ref.name, namespace: ref.namespace) == nil {
            throw APIError.notFound(ref.type.kind, ref.name)
        }
        return refs
    }

    /// kubectl's aggregate of several errors: `[a, b]`; one error alone as it is.
    static func aggregate(_ errors: [String]) -> String {
        errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"
    }

    /// CheckErr's printing of the collected errors: `error: ` unless the text starts with it.
    static func fail(_ errors: [String], into out: inout CommandOutput) {
        guard !errors.isEmpty else { return }
        let text = aggregate(errors)
        out.fail(text.hasPrefix("error: ") ? text : "error: " + text)
    }

    /// A server error inside kubectl's own message, as `%v` prints a StatusError: its message alone.
    static func wrapped(_ error: any Error) -> String {
        (error as? APIError)?.message ?? Execution.kubectlMessage(for: error)
    }

    /// What cobra prints for a deprecated flag the user gave.
    static let recordDeprecation = "Flag --record has been deprecated, --record will be removed in the future\n"

    /// The deprecated `--record`: the command line, as parseCommandArguments rebuilds it (its
    /// arguments, then each flag as `--name=value`), becomes the object's change-cause.
    static func changeCause(_ command: String, _ args: [String], parser: FlagParser) -> String? {
        guard (try? parser.parse(args))?.bool("record") == true else { return nil }
        var positional: [String] = [], flags: [String] = []
        var i = 0
        while i < args.count {
            let arg = args[i]
            i += 1
            if arg == "--" { positional += args[i...]; break }
            guard arg.hasPrefix("-"), arg.count > 1 else { positional.append(arg); continue }
            let long = arg.hasPrefix("--")
            let body = long ? String(arg.dropFirst(2)) : String(arg.dropFirst())
            let key = long ? String(body.prefix { $0 != "=" }) : String(body.prefix(1))
            guard let flag = parser.flags.first(where: { long ? $0.long == key : $0.short.map(String.init) == key }) else { continue }
            var value: String
            if long, let eq = body.firstIndex(of: "=") { value = String(body[body.index(after: eq)...]) }
            else if !long, body.count > 1 { value = String(body.dropFirst()).hasPrefix("=") ? String(body.dropFirst(2)) : String(body.dropFirst()) }
            else if flag.isBool { value = "true" }
            else if i < args.count { value = args[i]; i += 1 } else { value = "" }
            if flag.isBool { value = FlagParser.parseBool(value).map { $0 ? "true" : "false" } ?? value }
            flags.append(" --\(flag.long)=\(value)")
        }
        return "kubectl \(command)" + (positional.isEmpty ? "" : " " + positional.joined(separator: " ")) + flags.joined()
    }

    /// Writes the change-cause `--record` asks for onto the object just changed.
    static func record(_ cause: String?, on ref: ObjectRef, store: Store) throws {
        guard let cause else { return }
        try MetadataUpdate.modify(ref, store: store) { $0.annotations[AnnotateCommand.changeCause] = cause }
    }

    static func name(_ ref: ObjectRef) -> String { "\(ref.type.kind.qualifiedSingular)/\(ref.name)" }
}

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
            var problems: [String] = []
            if flags.bool("all") && flags.has("selector") { problems.append("cannot set --all and --selector at the same time") }
            if resources.isEmpty { problems.append("one or more resources must be specified as <resource> <name> or <resource>/<name>") }
            if images.isEmpty {
                problems.append("at least one image update is required")
            } else if images.count > 1 && images.contains(where: { $0.container == "*" }) {
                problems.append("all containers are already specified by *, but saw more than one container_name=container_image pairs")
            }
            if !problems.isEmpty { throw KubectlError("error: " + SetCommand.aggregate(problems)) }
            var errors: [String] = []
            for ref in try SetCommand.existingTargets(resources, flags: flags, cluster: cluster) {
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
            if flags.bool("all") && flags.has("selector") { throw KubectlError("error: cannot set --all and --selector at the same time") }
            let limitsText = flags.string("limits") ?? "", requestsText = flags.string("requests") ?? ""
            if limitsText.isEmpty && requestsText.isEmpty {
                throw KubectlError("error: you must specify an update to requests or limits (in the form of --requests/--limits)")
            }
            let limits = try resourceList(limitsText), requests = try resourceList(requestsText)
            let selector = flags.string("containers") ?? "*"
            var errors: [String] = []
            for ref in try SetCommand.existingTargets(flags.positional, flags: flags, cluster: cluster) {
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

    /// ValidateResourceRequirements: a request above its limit is Invalid.
    private static func refuseRequestsAboveLimits(_ spec: PodSpec, _ ref: ObjectRef) throws {
        let prefix = ref.type == .pods ? "spec" : "spec.template.spec"
        var causes: [String] = []
        for (i, c) in spec.containers.enumerated() {
            let path = "\(prefix).containers[\(i)].resources.requests"
            if c.limits.cpuMillis > 0 && c.requests.cpuMillis > c.limits.cpuMillis {
                causes.append("\(path): Invalid value: \"\(Quantity.formatCPU(c.requests.cpuMillis))\": must be less than or equal to cpu limit of \(Quantity.formatCPU(c.limits.cpuMillis))")
            }
            if c.limits.memoryBytes > 0 && c.requests.memoryBytes > c.limits.memoryBytes {
                causes.append("\(path): Invalid value: \"\(Quantity.formatMemory(c.requests.memoryBytes))\": must be less than or equal to memory limit of \(Quantity.formatMemory(c.limits.memoryBytes))")
            }
        }
        if !causes.isEmpty { throw APIError.invalid(ref.type.kind, ref.name, causes) }
    }
}

/// `kubectl set env TYPE/NAME KEY=VALUE… KEY-… [-c CONTAINERS] [--list] [--overwrite]`.
enum SetEnvCommand {
    static let parser = FlagParser(command: "set env", flags: [
        .init(long: "record", short: nil, isBool: true),
        .init(long: "containers", short: "c", isBool: false),
        .init(long: "list", short: nil, isBool: true),
        .init(long: "overwrite", short: nil, isBool: true),
        .init(long: "env", short: "e", isBool: false, accumulates: true),
        .init(long: "selector", short: "l", isBool: false),
        .init(long: "all", short: nil, isBool: true),
    ])

    static let nameRule = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            if flags.has("record") { out.err(SetCommand.recordDeprecation) }
            if flags.bool("all") && flags.has("selector") { throw KubectlError("error: cannot set --all and --selector at the same time") }
            // SplitEnvironmentFromResources: every argument after the first variable is a variable.
            var resources: [String] = [], envArgs: [String] = []
            for arg in flags.positional {
                let isEnv = (arg.contains("=") && !arg.hasPrefix("=")) || arg.hasSuffix("-")
                if isEnv { envArgs.append(arg) } else if envArgs.isEmpty { resources.append(arg) } else {
                    throw KubectlError("error: all resources must be specified before environment changes: \(flags.positional.joined(separator: " "))")
                }
            }
            if resources.isEmpty { throw KubectlError("error: one or more resources must be specified as <resource> <name> or <resource>/<name>") }
            let (env, remove) = try parse((flags.string("env").map { $0.split(separator: ",").map(String.init) } ?? []) + envArgs)
            let overwrite = flags.string("overwrite").map { $0 == "true" } ?? true
            let selector = flags.string("containers") ?? "*"
            var errors: [String] = []
            for ref in try SetCommand.existingTargets(resources, flags: flags, cluster: cluster) {
                var spec: PodSpec
                do { spec = try PodSpecEditor.spec(of: ref, store: cluster.store) } catch { errors.append(Execution.kubectlMessage(for: error)); continue }
                let before = spec
                let matched = PodSpecEditor.matching(selector, in: spec.containers)
                if matched.isEmpty {
                    out.err("warning: \(ref.type.kind.rawValue)/\(ref.name) does not have any containers matching \"\(selector)\"\n")
                }
                var failure: String?
                for i in matched {
                    if !overwrite, let clash = env.first(where: { e in spec.containers[i].env.contains { $0.name == e.name && $0.value != e.value } }),
                       let current = spec.containers[i].env.first(where: { $0.name == clash.name }) {
                        failure = "error: \(ref.type.rawValue)/\(ref.name) '\(current.name)' already has a value (\(current.value)), and --overwrite is false\n"
                        break
                    }
                    spec.containers[i].env = updated(spec.containers[i].env, with: env, removing: remove)
                    if flags.bool("list") {
                        out.out("# \(ref.type.kind.rawValue) \(ref.name), container \(spec.containers[i].name)\n")
                        for e in spec.containers[i].env { out.out("\(e.name)=\(e.value)\n") }
                    }
                }
                if let failure { errors.append(failure); continue }
                if flags.bool("list") || spec == before { continue }
                do {
                    try PodSpecEditor.write(spec, to: ref, store: cluster.store)
                    try SetCommand.record(SetCommand.changeCause("set env", args, parser: parser), on: ref, store: cluster.store)
                    out.out("\(SetCommand.name(ref)) env updated\n")
                } catch {
                    errors.append("failed to patch env update to pod template: \(SetCommand.wrapped(error))")
                }
            }
            SetCommand.fail(errors, into: &out)
            return nil
        }
    }

    /// envutil.ParseEnv: `KEY=VALUE` to set, `KEY-` to remove.
    static func parse(_ specs: [String]) throws -> (env: [EnvVar], remove: [String]) {
        var env: [EnvVar] = [], remove: [String] = []
        for spec in specs {
            if let eq = spec.firstIndex(of: "="), eq != spec.startIndex {
                let name = String(spec[..<eq])
                guard isValidName(name) else { throw KubectlError("error: \"\(name)\" is not a valid key name: \(nameRule)") }
                env.append(EnvVar(name: name, value: String(spec[spec.index(after: eq)...])))
            } else if spec.hasSuffix("-") {
                remove.append(String(spec.dropLast()))
            } else {
                throw KubectlError("error: unknown environment variable: \(spec)")
            }
        }
        if remove.contains(where: { r in env.contains { $0.name == r } }) {
            throw KubectlError("error: can not both modify and remove an environment variable in the same command")
        }
        return (env, remove)
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        let allowed: (Unicode.Scalar) -> Bool = { $0 == "-" || $0 == "." || $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) }
        return allowed(first) && name.unicodeScalars.allSatisfy { allowed($0) || ("0"..."9").contains($0) }
    }

    /// updateEnv: existing variables keep their place (a new value replaces them there), removed
    /// ones go, and new ones are appended in the order given.
    static func updated(_ existing: [EnvVar], with env: [EnvVar], removing remove: [String]) -> [EnvVar] {
        var covered = Set(remove)
        var result: [EnvVar] = []
        for e in existing where !covered.contains(e.name) {
            if let newer = env.first(where: { $0.name == e.name }) {
                covered.insert(e.name)
                result.append(newer)
            } else {
                result.append(e)
            }
        }
        for e in env where !covered.contains(e.name) {
            covered.insert(e.name)
            result.append(e)
        }
        return result
    }
}
