/// What `kubectl get` accepts in place of one type: `deploy,rs` (several types, in the order
/// given) and the `all` category — the types whose API resources list `all` among their
/// categories, in kubectl's order (pod, service, daemonset, deployment, replicaset, statefulset,
/// job, cronjob); the ones kubesim has.
enum ResourceCategories {
    static let all: [ResourceType] = [.pods, .services, .daemonsets, .deployments, .replicasets]

    /// The types a word names, or nil when it names one type (or is `TYPE/NAME`).
    static func expand(_ word: String) throws -> [ResourceType]? {
        guard !word.contains("/") else { return nil }
        let parts = word.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
        guard parts.count > 1 || word.lowercased() == "all" else { return nil }
        var types: [ResourceType] = []
        for part in parts {
            let expanded = part.lowercased() == "all" ? all : [try ResourceType.resolve(part)]
            for type in expanded where !types.contains(type) { types.append(type) }
        }
        return types
    }
}
