/// What the pods bound to each node that are not terminating request, kept up to date on every
/// pod write, so a view that shows each node's load every frame reads one entry per node instead
/// of every pod on it. Unscheduled pods count nowhere (as they are filed under no node).
final class NodeRequestTally {
    private struct Sums {
        var requests = ExactAmounts()
        /// Pods counted, so a node's entry goes when its last pod does.
        var count = 0
    }
    private var byNode: [String: Sums] = [:]

    /// Accounts for a pod write: `old` is what was stored (nil for a create), `new` what is
    /// stored now (nil for a removal).
    func replace(_ old: Pod?, with new: Pod?) {
        // Most writes are status writes: same node, same containers (an array compare that
        // stops at the shared buffer), same termination.
        if let old, let new, old.spec.nodeName == new.spec.nodeName, old.isTerminating == new.isTerminating,
           old.spec.containers == new.spec.containers { return }
        if let old, Self.counts(old) { change(old, by: -1) }
        if let new, Self.counts(new) { change(new, by: 1) }
    }

    /// The sums for `node`, each clamped to Int64 (as adding with saturation gives).
    func requests(onNode node: String) -> ResourceAmounts {
        byNode[node]?.requests.clamped ?? ResourceAmounts()
    }

    private static func counts(_ pod: Pod) -> Bool { !pod.isTerminating && !pod.spec.nodeName.isEmpty }

    private func change(_ pod: Pod, by sign: Int) {
        var sums = byNode[pod.spec.nodeName, default: Sums()]
        for container in pod.spec.containers {
            if sign > 0 { sums.requests.add(container.requests) } else { sums.requests.subtract(container.requests) }
        }
        let thePod = ResourceAmounts(pods: 1)
        if sign > 0 { sums.requests.add(thePod) } else { sums.requests.subtract(thePod) }
        sums.count += sign
        byNode[pod.spec.nodeName] = sums.count == 0 ? nil : sums
    }
}
