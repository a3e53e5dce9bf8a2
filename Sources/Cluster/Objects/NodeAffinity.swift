/// One requirement of a node selector term (core/v1 NodeSelectorRequirement): a label key for
/// matchExpressions, or a field (only `metadata.name` exists) for matchFields.
public struct NodeSelectorRequirement: Equatable, Sendable {
    public var key: String
    public var `operator`: String // In, NotIn, Exists, DoesNotExist
    public var values: [String]

    public init(key: String, operator op: String, values: [String] = []) {
        self.key = key
        self.operator = op
        self.values = values
    }

    func matches(_ value: String?) -> Bool {
        switch self.operator {
        case "In": value.map(values.contains) ?? false
        case "NotIn": !(value.map(values.contains) ?? false)
        case "Exists": value != nil
        case "DoesNotExist": value == nil
        default: false
        }
    }
}

/// A term is satisfied when all its requirements are.
public struct NodeSelectorTerm: Equatable, Sendable {
    public var matchExpressions: [NodeSelectorRequirement] = []
    public var matchFields: [NodeSelectorRequirement] = []

    public init(matchExpressions: [NodeSelectorRequirement] = [], matchFields: [NodeSelectorRequirement] = []) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }

    func matches(_ node: Node) -> Bool {
        // An empty term matches nothing (nodeaffinity.NewNodeSelector drops it).
        if matchExpressions.isEmpty && matchFields.isEmpty { return false }
        return matchExpressions.allSatisfy { $0.matches(node.metadata.labels[$0.key]) }
            && matchFields.allSatisfy { $0.key == "metadata.name" && $0.matches(node.name) }
    }
}

/// spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution: the terms are ORed.
public struct NodeAffinity: Equatable, Sendable {
    public var requiredTerms: [NodeSelectorTerm]

    public init(requiredTerms: [NodeSelectorTerm]) { self.requiredTerms = requiredTerms }

    public func matches(_ node: Node) -> Bool { requiredTerms.contains { $0.matches(node) } }

    /// What the DaemonSet controller sets on each daemon pod (ReplaceDaemonSetPodNodeNameNodeAffinity):
    /// one term whose matchFields pin the pod to its node, whatever affinity the template had.
    public static func pinned(to nodeName: String) -> NodeAffinity {
        NodeAffinity(requiredTerms: [NodeSelectorTerm(matchFields: [
            NodeSelectorRequirement(key: "metadata.name", operator: "In", values: [nodeName]),
        ])])
    }

    /// The node a daemon pod is pinned to (util.GetTargetNodeName reads it from matchFields).
    public var pinnedNodeName: String? {
        for term in requiredTerms {
            for field in term.matchFields where field.key == "metadata.name" && field.operator == "In" && field.values.count == 1 {
                return field.values[0]
            }
        }
        return nil
    }
}
