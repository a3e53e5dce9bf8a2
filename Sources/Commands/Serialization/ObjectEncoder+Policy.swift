import Cluster

extension ObjectEncoder {
    /// A policy/v1 PodDisruptionBudget; the bound that is set keeps its type (`2` or `"50%"`).
    static func podDisruptionBudget(_ pdb: PodDisruptionBudget) -> JSONValue {
        let bound = { (s: String) -> JSONValue in Int64(s).map { .int($0) } ?? .string(s) }
        var spec: Fields = []
        if let max = pdb.spec.maxUnavailable { spec.append(("maxUnavailable", bound(max))) }
        if let min = pdb.spec.minAvailable { spec.append(("minAvailable", bound(min))) }
        if let selector = pdb.spec.selector { spec.append(("selector", self.selector(selector))) }
        if let policy = pdb.spec.unhealthyPodEvictionPolicy { spec.append(("unhealthyPodEvictionPolicy", .string(policy))) }
        let s = pdb.status
        var status: Fields = []
        if !s.conditions.isEmpty {
            status.append(("conditions", .array(s.conditions.map { c in
                var f: Fields = [("lastTransitionTime", .string(CalendarTime.rfc3339(c.lastTransitionTime))), ("message", .string(c.message))]
                if c.observedGeneration != 0 { f.append(("observedGeneration", .int(c.observedGeneration))) }
                f += [("reason", .string(c.reason)), ("status", .string(c.status)), ("type", .string(c.type))]
                return .object(f)
            })))
        }
        status += [("currentHealthy", .int(Int64(s.currentHealthy))), ("desiredHealthy", .int(Int64(s.desiredHealthy)))]
        if !s.disruptedPods.isEmpty {
            status.append(("disruptedPods", .object(s.disruptedPods.sorted { $0.key < $1.key }.map { ($0.key, .string(CalendarTime.rfc3339($0.value))) })))
        }
        status += [("disruptionsAllowed", .int(Int64(s.disruptionsAllowed))), ("expectedPods", .int(Int64(s.expectedPods)))]
        if s.observedGeneration != 0 { status.append(("observedGeneration", .int(s.observedGeneration))) }
        return .object([("apiVersion", .string(Kind.podDisruptionBudget.apiVersion)), ("kind", .string(Kind.podDisruptionBudget.rawValue)),
                        ("metadata", metadata(pdb.metadata)), ("spec", .object(spec)), ("status", .object(status))])
    }
}
