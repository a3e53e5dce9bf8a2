import Cluster

/// The focusable panes, numbered as keys `1`–`5` select them.
public enum Pane: Int, CaseIterable, Sendable {
    case nodes = 1, deployments, replicaSets, pods, events

    public var title: String {
        switch self {
        case .nodes: "Nodes"
        case .deployments: "Deployments"
        case .replicaSets: "ReplicaSets"
        case .pods: "Pods"
        case .events: "Events"
        }
    }

    public var kind: Kind {
        switch self {
        case .nodes: .node
        case .deployments: .deployment
        case .replicaSets: .replicaSet
        case .pods: .pod
        case .events: .event
        }
    }

    /// The resource word for kubectl commands about this pane's objects.
    public var resource: String {
        switch self {
        case .nodes: "node"
        case .deployments: "deployment"
        case .replicaSets: "replicaset"
        case .pods: "pod"
        case .events: "event"
        }
    }

    public var next: Pane { Pane(rawValue: rawValue % Pane.allCases.count + 1)! }
    public var previous: Pane { Pane(rawValue: (rawValue + Pane.allCases.count - 2) % Pane.allCases.count + 1)! }

    /// The pane's own keys, for the hint bar and help.
    public var actionHints: [(key: String, action: String)] {
        switch self {
        case .nodes: [("c", "cordon"), ("r", "drain"), ("f", "fail/recover"), ("n", "add node")]
        case .deployments: [("+ -", "scale"), ("s", "scale to"), ("i", "image"), ("u", "undo"), ("p", "pause"), ("R", "restart"), ("T", "traffic")]
        case .replicaSets: [("+ -", "scale"), ("s", "scale to")]
        case .pods: [("x", "kill"), ("l", "relabel"), ("L", "logs")]
        case .events: []
        }
    }
}
