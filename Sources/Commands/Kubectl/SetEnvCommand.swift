import Cluster

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
                    out.err("Warning: \(ref.type.kind.rawValue)/\(ref.name) does not have any containers matching \"\(selector)\"\n")
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
            throw KubectlError("error: can not both modify and remove the same environment variable in the same command")
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
