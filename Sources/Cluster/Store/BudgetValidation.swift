/// ValidatePodDisruptionBudgetSpec (pkg/apis/policy/validation): at most one of minAvailable and
/// maxUnavailable, each a non-negative integer or a percentage of at most 100%, a valid selector
/// and a known unhealthy-pod eviction policy.
enum BudgetValidation {
    static let percentMessage = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"

    static func specErrors(_ spec: PodDisruptionBudgetSpec) -> [String] {
        var causes: [String] = []
        if let min = spec.minAvailable, let max = spec.maxUnavailable {
            // The API server prints the Go struct here; its pointers cannot be reproduced.
            causes.append("spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:\(min), MaxUnavailable:\(max)}: minAvailable and maxUnavailable cannot be both set")
        }
        if let min = spec.minAvailable { causes += intOrPercentErrors(min, path: "spec.minAvailable") }
        if let max = spec.maxUnavailable { causes += intOrPercentErrors(max, path: "spec.maxUnavailable") }
        if let selector = spec.selector {
            causes += Validation.labelErrors(selector.matchLabels, path: "spec.selector.matchLabels")
        }
        if let policy = spec.unhealthyPodEvictionPolicy,
           policy != PodDisruptionBudgetSpec.alwaysAllow && policy != PodDisruptionBudgetSpec.ifHealthyBudget {
            causes.append("spec.unhealthyPodEvictionPolicy: Unsupported value: \"\(policy)\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\"")
        }
        return causes
    }

    /// ValidatePositiveIntOrPercent and IsNotMoreThan100Percent.
    static func intOrPercentErrors(_ value: String, path: String) -> [String] {
        if let n = Int(value) {
            return n < 0 ? ["\(path): Invalid value: \(n): must be greater than or equal to 0"] : []
        }
        guard value.hasSuffix("%"), value.dropLast().allSatisfy(\.isASCIIDigit), let percent = Int(value.dropLast()) else {
            return ["\(path): Invalid value: \(value): \(percentMessage)"]
        }
        return percent > 100 ? ["\(path): Invalid value: \(value): must not be greater than 100%"] : []
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
