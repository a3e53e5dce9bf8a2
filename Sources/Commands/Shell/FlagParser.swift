/// Parses command-line flags the way kubectl's pflag does: `--name=value`, `--name value`,
/// `-n value`, `-nvalue`, boolean `--flag` / `--flag=false`; positional words are kept in order.
struct FlagParser {
    struct Flag {
        var long: String
        var short: Character?
        var isBool: Bool
    }

    struct Result {
        var values: [String: String] = [:]
        var positional: [String] = []

        func string(_ name: String) -> String? { values[name] }
        func bool(_ name: String) -> Bool { values[name] == "true" }
        func has(_ name: String) -> Bool { values[name] != nil }
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
                            throw usageError("invalid argument \"\(value)\" for \"\(flagLabel(flag))\" flag: strconv.ParseBool: parsing \"\(value)\": invalid syntax")
                        }
                        result.values[name] = b ? "true" : "false"
                    } else {
                        result.values[name] = value
                    }
                } else if flag.isBool {
                    result.values[name] = "true"
                } else {
                    guard i < args.count else { throw usageError("flag needs an argument: --\(name)") }
                    result.values[name] = args[i]
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
                    result.values[flag.long] = rest
                } else {
                    guard i < args.count else { throw usageError("flag needs an argument: '\(letter)' in -\(letter)") }
                    result.values[flag.long] = args[i]
                    i += 1
                }
            } else {
                result.positional.append(arg)
            }
        }
        if let ns = result.values["namespace"], ns != "default" {
            throw KubectlError("Error from server (NotFound): namespaces \"\(ns)\" not found")
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

    /// pflag's integer parsing error: `invalid argument "abc" for "-r, --replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax`.
    func int(_ result: Result, _ name: String) throws -> Int? {
        guard let text = result.values[name] else { return nil }
        guard let value = Int(text) else {
            let flag = flags.first { $0.long == name }!
            throw usageError("invalid argument \"\(text)\" for \"\(flagLabel(flag))\" flag: strconv.ParseInt: parsing \"\(text)\": invalid syntax")
        }
        return value
    }
}
