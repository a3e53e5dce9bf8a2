/// What the view keeps of a pod for `/` and for sorting, beside its name in the pods' name
/// order (same index), so a pass over 150,000 pods reads an array instead of looking each pod
/// up by name. Each part is made the first time a pass needs it; both go when the pod changes.
struct KeptPodRow {
    var searchText: PodSearchText?
    var sortKeys: PodSortKeys?
}
