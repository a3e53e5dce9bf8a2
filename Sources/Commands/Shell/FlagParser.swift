/// Parses command-line flags the way kubectl's pflag does: `--name=value`, `--name value`,
/// `-n value`, `-nvalue`, boolean `--flag` / `--flag=false`; positional words are kept in order.
struct FlagParser {
    struct Flag {
        var long: String
        var short: Character?
        var isBool: Bool
        /// A string-slice flag (`-L a -L b`): repeated values join with commas.
        var accumulates = false
        /// The value of the flag given without one (pflag's NoOptDefVal: `--cascade` alone is
        /// `--cascade=background`); the next word is not taken as its value.
        var bareValue: String? = nil
    }

    struct Result {
        var values: [String: String] = [:]
        var positional: [String] = []

        func string(_ name: String) -> String? { values[name] }
        func bool(_ name: String) -> Bool { values[name] == "true" }
        func has(_ name: String) -> Bool { values[name] != nil }
        /// `-n/--namespace`, or `default` (kubectl's context namespace here).
        var namespace: String {
            guard let ns = values["namespace"], !ns.isEmpty else { return "default" }
            return ns
        }
        /// `-A/--all-namespaces` (for the commands that accept it).
        var allNamespaces: Bool { bool("all-namespaces") }

        mutating func set(_ flag: Flag, _ value: String) {
            if flag.accumulates, let previous = values[flag.long] { values[flag.long] = previous + "," + value } else { values[flag.long] = value }
        }
    }

    let command: String
    var flags: [Flag]

    /// Flags every kubectl command accepts.
    static let global: [Flag] = [
        Flag(long: "namespace", short: "n", isBool: false),
        Flag(long: "help", short: "h", isBool: true),
    ]

    init(command: String, flags: [Flag]) {
        self.command = command
        self.flags = flags + FlagParser.global
    }

    private func usageError(_ message: String) -> KubectlError {
        KubectlError("error: \(message)\nSee 'kubectl \(command) --help' for usage.")
    }

    func parse(_ args: [String]) throws -> Result {
        var result = Result()
        var i = 0
        while i < args.count {
            let arg = args[i]
            i += 1
            if arg == "--" {
                result.positional += args[i...]
                break
            }
            if arg.hasPrefix("--") {
                let body = arg.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                guard let flag = flags.first(where: { $0.long == name }) else { throw usageError("unknown flag: --\(name)") }
                if let eq = body.firstIndex(of: "=") {
                    let value = String(body[body.index(after: eq)...])
                    if flag.isBool {
                        guard let b = Self.parseBool(value) else {
                            throw usageError("invalid argument \(value.goQuoted) for \(flagLabel(flag).goQuoted) flag: strconv.ParseBool: parsing \(value.goQuoted): invalid syntax")
                        }
                        result.values[name] = b ? "true" : "false"
                    } else {
                        result.values[name] = value
                    }
                } else if flag.isBool {
                    result.values[name] = "true"
                } else if let bare = flag.bareValue {
                    result.set(flag, bare)
                } else {
                    guard i < args.count else { throw usageError("flag needs an argument: --\(name)") }
                    result.set(flag, args[i])
                    i += 1
                }
            } else if arg.hasPrefix("-") && arg.count > 1 {
                let letter = arg[arg.index(after: arg.startIndex)]
                guard let flag = flags.first(where: { $0.short == letter }) else {
                    throw usageError("unknown shorthand flag: '\(letter)' in \(arg)")
                }
                var rest = String(arg.dropFirst(2))
                if rest.hasPrefix("=") { rest.removeFirst() }
                if flag.isBool {
                    result.values[flag.long] = "true"
                } else if !rest.isEmpty {
                    result.set(flag, rest)
                } else {
                    guard i < args.count else { throw usageError("flag needs an argument: '\(letter)' in -\(letter)") }
                    result.set(flag, args[i])
                    i += 1
                }
            } else {
                result.positional.append(arg)
            }
        }
        return result
    }

    private func flagLabel(_ flag: Flag) -> String {
        flag.short.map { "-\($0), --\(flag.long)" } ?? "--\(flag.long)"
    }

    static func parseBool(_ s: String) -> Bool? {
        switch s {
        case "1", "t", "T", "true", "TRUE", "True": true
        case "0", "f", "F", "false", "FALSE", "False": false
        default: nil
        }
    }

    /// An int (int64) flag, as pflag reads it: `invalid argument "abc" for "-r, --replicas" flag:
    /// strconv.ParseInt: parsing "abc": invalid syntax` (or `value out of range`).
    func int(_ result: Result, _ name: String) throws -> Int? {
        try integer(result, name, bits: 64).map { Int($0) }
    }

    /// An int32 flag (`create deployment --replicas`, `--port`): 2147483648 is out of range.
    func int32(_ result: Result, _ name: String) throws -> Int? {
        try integer(result, name, bits: 32).map { Int($0) }
    }

    private func integer(_ result: Result, _ name: String, bits: Int) throws -> Int64? {
        guard let text = result.values[name] else { return nil }
        switch GoInteger.parse(text, bits: bits) {
        case .success(let value):
            return value
        case .failure(let error):
            let flag = flags.first { $0.long == name }!
            throw usageError("invalid argument \(text.goQuoted) for \(flagLabel(flag).goQuoted) flag: strconv.ParseInt: parsing \(text.goQuoted): \(error.reason)")
        }
    }
}
