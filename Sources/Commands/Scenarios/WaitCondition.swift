import Cluster

/// A state of the cluster a scenario waits for, written the way `kubectl wait --for` reads:
/// `deployment/NAME available`, `pods -l SELECTOR running=N`, `node/NAME Ready|NotReady`,
/// `pod/NAME Running|gone`. Waiting on states rather than sleeping keeps scenarios passing for
/// any seed and pace.
public enum WaitCondition: Equatable, Sendable, CustomStringConvertible {
    /// Every desired replica is available and the Available condition is True.
    case deploymentAvailable(String)
    /// Exactly `count` pods match the selector and are Running, Ready and not terminating.
    case podsRunning(selector: String, count: Int)
    /// The node's Ready condition is True (`ready`) or anything else (NotReady, Unknown).
    case node(String, ready: Bool)
    /// The pod exists, is in phase Running and is not terminating.
    case podRunning(String)
    /// No pod of that name exists any more.
    case podGone(String)

    static let expectation =
        "deployment/NAME available, pods -l SELECTOR running=N, node/NAME Ready|NotReady, pod/NAME Running|gone"

    /// Parses a `for:` text; the error says which forms exist.
    public static func parse(_ text: String) throws -> WaitCondition {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let unknown = ScenarioError("unknown condition \(String(reflecting: text)); expected \(expectation)")
        guard words.count >= 2 else { throw unknown }
        if words[0] == "pods", words.count >= 4, words[1] == "-l", words.last!.hasPrefix("running=") {
            // A selector may contain spaces (`app in (a, b)`): it is everything between -l and running=.
            let selector = words[2..<(words.count - 1)].joined(separator: " ")
            guard let count = Int(words.last!.dropFirst("running=".count)), count >= 0 else {
                throw ScenarioError("\(String(reflecting: text)): running= needs a number of pods, like running=3")
            }
            do {
                _ = try SelectorParser.parse(selector)
            } catch {
                throw ScenarioError("\(String(reflecting: text)): bad selector: \(error)")
            }
            return .podsRunning(selector: selector, count: count)
        }
        guard words.count == 2, let slash = words[0].firstIndex(of: "/") else { throw unknown }
        let kind = words[0][..<slash], name = String(words[0][words[0].index(after: slash)...])
        guard !name.isEmpty else { throw unknown }
        switch (kind, words[1]) {
        case ("deployment", "available"): return .deploymentAvailable(name)
        case ("node", "Ready"): return .node(name, ready: true)
        case ("node", "NotReady"): return .node(name, ready: false)
        case ("pod", "Running"): return .podRunning(name)
        case ("pod", "gone"): return .podGone(name)
        default: throw unknown
        }
    }

    /// Whether the cluster is in that state now.
    public func isMet(_ cluster: Cluster) -> Bool {
        let store = cluster.store
        // Scenario waits look at the `default` namespace, where scenarios put their objects.
        let namespace = "default"
        switch self {
        case .deploymentAvailable(let name):
            guard let d = store.get(Deployment.self, name, namespace: namespace) else { return false }
            // observedGeneration: a status written before the last scale says nothing about it.
            return d.status.observedGeneration >= d.metadata.generation
                && d.status.availableReplicas == d.spec.replicas
                && d.status.condition("Available")?.status == "True"
        case .podsRunning(let selectorText, let count):
            guard let selector = try? SelectorParser.parse(selectorText) else { return false }
            let running = store.list(Pod.self, selector: selector, namespace: namespace).filter {
                $0.isRunning && $0.isReady
            }
            return running.count == count
        case .node(let name, let ready):
            guard let node = store.get(Node.self, name) else { return false }
            return node.isReady == ready
        case .podRunning(let name):
            guard let pod = store.get(Pod.self, name, namespace: namespace) else { return false }
            return pod.isRunning
        case .podGone(let name):
            return store.get(Pod.self, name, namespace: namespace) == nil
        }
    }

    /// The condition as a scenario file writes it.
    public var description: String {
        switch self {
        case .deploymentAvailable(let name): "deployment/\(name) available"
        case .podsRunning(let selector, let count): "pods -l \(selector) running=\(count)"
        case .node(let name, let ready): "node/\(name) \(ready ? "Ready" : "NotReady")"
        case .podRunning(let name): "pod/\(name) Running"
        case .podGone(let name): "pod/\(name) gone"
        }
    }
}
