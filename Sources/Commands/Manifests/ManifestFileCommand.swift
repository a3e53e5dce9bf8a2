import Cluster

/// `kubectl apply -f FILE|DIR [-f …] [--validate=false]` and `kubectl create -f …`. `-f` repeats
/// and takes comma-separated paths (pflag's string slice), so it is collected here before the
/// shared flag parser, which keeps one value per flag.
enum ManifestFileCommand {
    static func run(_ args: [String], mode: ManifestApplier.Mode, cluster: Cluster) -> Execution {
        .capturing { out in
            let verb = mode == .apply ? "apply" : "create"
            let (files, validate, rest) = try collect(args, verb: verb)
            let flags = try FlagParser(command: verb, flags: mode == .create ? [FlagParser.Flag(long: "save-config", short: nil, isBool: true)] : []).parse(rest)
            if !flags.positional.isEmpty {
                throw KubectlError("error: Unexpected args: [\(flags.positional.joined(separator: " "))]\nSee 'kubectl \(verb) -h' for help and examples")
            }
            guard !files.isEmpty else { throw KubectlError("error: must specify one of -f and -k") }
            var applier = ManifestApplier(cluster: cluster, mode: mode)
            applier.validator.rejectUnknownFields = validate
            applier.namespace = flags.namespace
            applier.enforceNamespace = flags.has("namespace")
            applier.saveConfig = mode == .create && flags.bool("save-config")
            try applier.run(paths: files, into: &out)
            return nil
        }
    }

    /// Takes out `-f`/`--filename` values and `--validate`; returns the other arguments.
    private static func collect(_ args: [String], verb: String) throws -> (files: [String], validate: Bool, rest: [String]) {
        var files: [String] = []
        var validate = true
        var rest: [String] = []
        var i = 0
        while i < args.count {
            let arg = args[i]
            i += 1
            var value: String?
            if arg == "-f" || arg == "--filename" {
                guard i < args.count else {
                    let label = arg == "-f" ? "'f' in -f" : "--filename"
                    throw KubectlError("error: flag needs an argument: \(label)\nSee 'kubectl \(verb) --help' for usage.")
                }
                value = args[i]
                i += 1
            } else if arg.hasPrefix("--filename=") {
                value = String(arg.dropFirst("--filename=".count))
            } else if arg.hasPrefix("-f") {
                value = String(arg.dropFirst(2).drop { $0 == "=" })
            } else if arg == "--validate" {
                validate = true
            } else if arg.hasPrefix("--validate=") {
                validate = try validation(String(arg.dropFirst("--validate=".count)))
            } else {
                rest.append(arg)
            }
            if let value { files += value.split(separator: ",").map(String.init) }
        }
        return (files, validate, rest)
    }

    /// kubectl's `--validate` values: strict/true/warn check the schema, ignore/false do not.
    private static func validation(_ value: String) throws -> Bool {
        switch value.lowercased() {
        case "strict", "true", "warn": return true
        case "ignore", "false": return false
        default: throw KubectlError("error: invalid - validate option \"\(value)\"; must be one of: strict (or true), warn, ignore (or false)")
        }
    }
}
