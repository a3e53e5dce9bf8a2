import Cluster

/// What the view keeps of a pod for `/` and for sorting, beside its name in the pods' name
/// order (same index), so a pass over 150,000 pods reads an array instead of looking each pod
/// up by name. Each part is made the first time a pass needs it, or before, while the dashboard
/// waits for keys (ClusterView.keepPodRows); both go when the pod changes.
struct KeptPodRow {
    var searchText: PodSearchText?
    var sortKeys: PodSortKeys?

    var isComplete: Bool { searchText != nil && sortKeys != nil }

    /// Makes from `pod` whichever part is missing.
    mutating func fill(from pod: Pod) {
        if searchText == nil { searchText = PodSearchText(pod) }
        if sortKeys == nil { sortKeys = PodSortKeys(pod) }
    }
}
