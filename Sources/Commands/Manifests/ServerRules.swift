import Cluster

/// The API server's validation rules for fields only manifests can set (strategy, tolerations,
/// taints, ports, container names …), with Kubernetes' field paths and wording. The store's own
/// Validation covers the rest (names, labels, replicas, selector vs template, required fields).
enum ServerRules {
    static let taintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"]
    static let pullPolicies = ["Always", "IfNotPresent", "Never"]
    static let restartPolicies = ["Always", "OnFailure", "Never"]

    /// ValidateResourceRequirements: a resource requested beyond its limit is Invalid, at
    /// `….requests[cpu]`.
    static func requestsWithinLimits(_ c: Container, path: String) -> [String] {
        var causes: [String] = []
        if c.limits.cpuMillis > 0 && c.requests.cpuMillis > c.limits.cpuMillis {
            causes.append("\(path).requests[cpu]: Invalid value: \"\(Quantity.formatCPU(c.requests.cpuMillis))\": must be less than or equal to cpu limit of \(Quantity.formatCPU(c.limits.cpuMillis))")
        }
        if c.limits.memoryBytes > 0 && c.requests.memoryBytes > c.limits.memoryBytes {
            causes.append("\(path).requests[memory]: Invalid value: \"\(Quantity.formatMemory(c.requests.memoryBytes))\": must be less than or equal to memory limit of \(Quantity.formatMemory(c.limits.memoryBytes))")
        }
        return causes
    }

    static func nonNegative(_ value: Int, _ path: String) -> [String] {
        value < 0 ? ["\(path): Invalid value: \(value): must be greater than or equal to 0"] : []
    }

    static func unsupported(_ value: String, _ path: String, _ supported: [String]) -> String {
        "\(path): Unsupported value: \"\(value)\": supported values: " + supported.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    static func labelMap(_ labels: [String: String], _ path: String) -> [String] {
        labels.keys.sorted().flatMap { key in
            LabelValidation.keyErrors(key).map { "\(path): Invalid value: \"\(key)\": \($0)" }
                + LabelValidation.valueErrors(labels[key]!).map { "\(path): Invalid value: \"\(labels[key]!)\": \($0)" }
        }
    }

    /// TotalAnnotationSizeLimitB: keys and values together (so a huge file cannot be applied:
    /// its last-applied configuration alone is over the limit).
    static let annotationBytesLimit = 256 << 10

    static func annotationSize(_ annotations: [String: String]) -> [String] {
        let bytes = annotations.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        return bytes > annotationBytesLimit ? ["metadata.annotations: Too long: must have at most \(annotationBytesLimit) bytes"] : []
    }

    // MARK: containers

    static let dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    static func isDNS1123Label(_ s: String) -> Bool {
        let allowed = s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        return allowed && s.first != "-" && s.last != "-" && !s.isEmpty
    }

    /// Names must be DNS labels and unique; ports valid (PortValidation).
    static func containers(_ containers: [Container], _ path: String) -> [String] {
        var causes: [String] = []
        var seen: Set<String> = []
        for (i, c) in containers.enumerated() where !c.name.isEmpty {
            let namePath = "\(path)[\(i)].name"
            if c.name.count > 63 { causes.append("\(namePath): Invalid value: \"\(c.name)\": must be no more than 63 bytes") }
            if !isDNS1123Label(c.name) { causes.append("\(namePath): Invalid value: \"\(c.name)\": \(dns1123LabelMessage)") }
            if !seen.insert(c.name).inserted { causes.append("\(namePath): Duplicate value: \"\(c.name)\"") }
            causes += containerPorts(c.ports, "\(path)[\(i)].ports")
        }
        return causes
    }

    static func containerPorts(_ ports: [ContainerPort], _ path: String) -> [String] {
        PortValidation.containerPortErrors(ports, path: path)
    }

    // MARK: tolerations and taints

    static func toleration(_ t: Toleration, _ path: String) -> [String] {
        var causes: [String] = []
        if !t.key.isEmpty {
            causes += LabelValidation.keyErrors(t.key).map { "\(path).key: Invalid value: \"\(t.key)\": \($0)" }
        }
        if t.key.isEmpty && t.operator != "Exists" {
            causes.append("\(path).operator: Invalid value: \"\(t.operator)\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"")
        }
        if t.tolerationSeconds != nil && t.effect != "NoExecute" {
            causes.append("\(path).effect: Invalid value: \"\(t.effect)\": effect must be 'NoExecute' when `tolerationSeconds` is set")
        }
        switch t.operator {
        case "Equal", "":
            causes += LabelValidation.valueErrors(t.value).map { "\(path).value: Invalid value: \"\(t.value)\": \($0)" }
        case "Exists":
            if !t.value.isEmpty { causes.append("\(path).operator: Invalid value: \"\(t.operator)\": value must be empty when `operator` is 'Exists'") }
        default:
            causes.append(unsupported(t.operator, "\(path).operator", ["Equal", "Exists"]))
        }
        if !t.effect.isEmpty && !taintEffects.contains(t.effect) {
            causes.append(unsupported(t.effect, "\(path).effect", taintEffects))
        }
        return causes
    }

    static func taint(_ t: Taint, _ path: String) -> [String] {
        var causes = LabelValidation.keyErrors(t.key).map { "\(path).key: Invalid value: \"\(t.key)\": \($0)" }
        causes += LabelValidation.valueErrors(t.value).map { "\(path).value: Invalid value: \"\(t.value)\": \($0)" }
        if t.effect.isEmpty {
            causes.append("\(path).effect: Required value")
        } else if !taintEffects.contains(t.effect) {
            causes.append(unsupported(t.effect, "\(path).effect", taintEffects))
        }
        return causes
    }

    // MARK: deployments

    static let percentMessage = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"

    /// ValidatePositiveIntOrPercent (+ IsNotMoreThan100Percent for maxUnavailable).
    static func intOrPercent(_ value: String, _ path: String, atMost100Percent: Bool) -> [String] {
        if let n = Int(value) { return nonNegative(n, path) }
        guard value.hasSuffix("%"), let percent = Int(value.dropLast()), percent >= 0, !value.hasPrefix("+") else {
            return ["\(path): Invalid value: \(value): \(percentMessage)"]
        }
        return atMost100Percent && percent > 100 ? ["\(path): Invalid value: \(value): must not be greater than 100%"] : []
    }

    static func strategy(_ s: DeploymentStrategy, typeText: String?, hasRollingUpdate: Bool) -> [String] {
        if let typeText, DeploymentStrategy.Kind(rawValue: typeText) == nil {
            return [unsupported(typeText, "spec.strategy.type", ["Recreate", "RollingUpdate"])]
        }
        if s.type == .recreate {
            return hasRollingUpdate ? ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"] : []
        }
        let base = "spec.strategy.rollingUpdate"
        var causes = intOrPercent(s.maxSurge, "\(base).maxSurge", atMost100Percent: false)
        causes += intOrPercent(s.maxUnavailable, "\(base).maxUnavailable", atMost100Percent: true)
        let isZero = { (v: String) in v == "0" || v == "0%" }
        if causes.isEmpty && isZero(s.maxSurge) && isZero(s.maxUnavailable) {
            causes.append("\(base).maxUnavailable: Invalid value: \(s.maxUnavailable): may not be 0 when `maxSurge` is 0")
        }
        return causes
    }

    /// `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`:
    /// a selector as Go's %#v prints it in the "field is immutable" error.
    static func goSyntax(_ selector: LabelSelector) -> String {
        let labels = selector.matchLabels
        let matchLabels = labels.isEmpty ? "map[string]string(nil)"
            : "map[string]string{" + labels.keys.sorted().map { "\"\($0)\":\"\(labels[$0]!)\"" }.joined(separator: ", ") + "}"
        let expressions = selector.requirements.filter { $0.op != .equals }
        let matchExpressions = expressions.isEmpty ? "[]v1.LabelSelectorRequirement(nil)"
            : "[]v1.LabelSelectorRequirement{" + expressions.map { r in
                let values = r.values.isEmpty ? "[]string(nil)" : "[]string{" + r.values.map { "\"\($0)\"" }.joined(separator: ", ") + "}"
                return "v1.LabelSelectorRequirement{Key:\"\(r.key)\", Operator:\"\(operatorName(r.op))\", Values:\(values)}"
            }.joined(separator: ", ") + "}"
        return "v1.LabelSelector{MatchLabels:\(matchLabels), MatchExpressions:\(matchExpressions)}"
    }

    static func operatorName(_ op: LabelSelector.Requirement.Operator) -> String {
        switch op {
        case .in, .equals: "In"
        case .notIn, .notEquals: "NotIn"
        case .exists: "Exists"
        case .doesNotExist: "DoesNotExist"
        // Only `-l` selectors have these; a manifest's metav1.LabelSelector cannot say them.
        case .greaterThan: "Gt"
        case .lessThan: "Lt"
        }
    }

    static func immutableSelector(_ selector: LabelSelector) -> String {
        "spec.selector: Invalid value: \(goSyntax(selector)): field is immutable"
    }
}
