import Cluster

/// `kubectl create poddisruptionbudget NAME --selector=SELECTOR (--min-available=N | --max-unavailable=N)`
/// (create_pdb.go): kubectl checks the flags itself, then the API server validates the rest.
enum CreateBudgetCommand {
    static let parser = FlagParser(command: "create poddisruptionbudget", flags: [
        .init(long: "selector", short: nil, isBool: false),
        .init(long: "min-available", short: nil, isBool: false),
        .init(long: "max-unavailable", short: nil, isBool: false),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        .capturing { out in
            let flags = try parser.parse(args)
            guard flags.positional.count == 1 else {
                throw KubectlError("error: exactly one NAME is required, got \(flags.positional.count)\nSee 'kubectl create poddisruptionbudget -h' for help and examples")
            }
            let name = flags.positional[0]
            let selectorText = flags.string("selector") ?? ""
            let minAvailable = flags.string("min-available") ?? ""
            let maxUnavailable = flags.string("max-unavailable") ?? ""
            if selectorText.isEmpty { throw KubectlError("error: a selector must be specified") }
            if minAvailable.isEmpty && maxUnavailable.isEmpty {
                throw KubectlError("error: one of min-available or max-unavailable must be specified")
            }
            if !minAvailable.isEmpty && !maxUnavailable.isEmpty {
                throw KubectlError("error: min-available and max-unavailable cannot be both specified")
            }
            // kubectl accepts `10` and `30%` (^[0-9]+%?$), not `10Gb`.
            if !minAvailable.isEmpty && !isCount(minAvailable) { throw KubectlError("error: invalid format specified for min-available") }
            if !maxUnavailable.isEmpty && !isCount(maxUnavailable) { throw KubectlError("error: invalid format specified for max-unavailable") }
            let selector: LabelSelector
            do { selector = try SelectorParser.parse(selectorText) } catch let error as SelectorParser.ParseError {
                throw KubectlError("error: \(error.description)")
            }
            // intstr.Parse: digits are an integer, anything else a string.
            let spec = PodDisruptionBudgetSpec(minAvailable: minAvailable.isEmpty ? nil : normalized(minAvailable),
                                               maxUnavailable: maxUnavailable.isEmpty ? nil : normalized(maxUnavailable), selector: selector)
            do {
                try cluster.store.create(PodDisruptionBudget(metadata: ObjectMeta(name: name, namespace: flags.namespace), spec: spec))
            } catch let error as APIError {
                throw KubectlError("error: failed to create poddisruptionbudgets: \(error.message)")
            }
            out.out("poddisruptionbudget.policy/\(name) created\n")
            return nil
        }
    }

    private static func isCount(_ text: String) -> Bool {
        let digits = text.hasSuffix("%") ? text.dropLast() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `007` is the integer 7, as intstr.Parse reads it.
    private static func normalized(_ text: String) -> String {
        guard let n = Int(text) else { return text }
        return String(n)
    }
}
