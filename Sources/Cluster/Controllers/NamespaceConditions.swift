/// The conditions the namespace deleter keeps on a Terminating namespace
/// (pkg/controller/namespace/deletion/status_condition_utils.go): every type is present, in
/// this order; a type with nothing wrong carries its "ok" reason and message.
enum NamespaceConditions {
    /// (type, ok reason, ok message), in upstream's order.
    static let types: [(type: String, reason: String, message: String)] = [
        ("NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"),
        ("NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions", "All legacy kube types successfully parsed"),
        ("NamespaceDeletionContentFailure", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
        ("NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"),
        ("NamespaceFinalizersRemaining", "ContentHasNoFinalizers", "All content-preserving finalizers finished"),
    ]

    /// `conditions` brought up to date with what is left: `remaining` counts objects still there
    /// after a delete pass, by kind. A condition keeps its transition time unless its status flips.
    static func updated(_ conditions: [NamespaceCondition], remaining: [Kind: Int], now: SimTime) -> [NamespaceCondition] {
        var result = conditions
        for entry in types {
            var wanted = NamespaceCondition(type: entry.type, status: "False", reason: entry.reason, message: entry.message, lastTransitionTime: now)
            if entry.type == "NamespaceContentRemaining" && !remaining.isEmpty {
                // `pods. has 2 resource instances`: resource, a dot, then the group (empty for core).
                let parts = remaining.map { "\($0.key.resource).\($0.key.group) has \($0.value) resource instances" }.sorted()
                wanted.status = "True"
                wanted.reason = "SomeResourcesRemain"
                wanted.message = "Some resources are remaining: " + parts.joined(separator: ", ")
            }
            if let i = result.firstIndex(where: { $0.type == entry.type }) {
                let old = result[i]
                if old.status != wanted.status || old.reason != wanted.reason || old.message != wanted.message {
                    if old.status == wanted.status { wanted.lastTransitionTime = old.lastTransitionTime }
                    result[i] = wanted
                }
            } else {
                result.append(wanted)
            }
        }
        return result
    }
}
