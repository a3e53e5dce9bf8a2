/// Counts of the pods each controller owns, kept from watch events (as an informer-side count),
/// so a ReplicaSet sync of 100 or 100,000 owned pods reads a few numbers instead of visiting
/// every pod. Pods are grouped by their labels: a ReplicaSet's pods nearly always carry the
/// template's labels, so an owner has one group, and the selector and template are checked
/// once per group at sync time, as the per-pod visit would check them for each pod.
final class OwnedPodTally {
    struct Counts: Equatable {
        /// Owned pods with these labels, and of them those not being deleted, the active ones
        /// (controller.IsPodActive) and the active ones that are Ready.
        var pods = 0
        var notTerminating = 0
        var active = 0
        var activeReady = 0

        var isEmpty: Bool { pods == 0 }
    }

    /// Owner uid → labels → counts.
    private var byOwner: [String: [[String: String]: Counts]] = [:]

    /// What one pod adds to its owner's counts.
    private static func contribution(_ pod: Pod) -> Counts {
        let active = pod.isActive
        return Counts(pods: 1, notTerminating: pod.isTerminating ? 0 : 1, active: active ? 1 : 0,
                      activeReady: active && pod.isReady ? 1 : 0)
    }

    /// Moves the pod's contribution from what it was (`old`, nil when new) to what it is
    /// (`new`, nil once deleted).
    func replace(_ old: Pod?, with new: Pod?) {
        if let old, let new, Self.contribution(old) == Self.contribution(new),
           old.metadata.controllerRef?.uid == new.metadata.controllerRef?.uid, old.metadata.labels == new.metadata.labels { return }
        if let old, let owner = old.metadata.controllerRef?.uid { subtract(Self.contribution(old), owner: owner, labels: old.metadata.labels) }
        if let new, let owner = new.metadata.controllerRef?.uid { add(Self.contribution(new), owner: owner, labels: new.metadata.labels) }
    }

    /// The owner's pods, by labels.
    func groups(ownedBy uid: String) -> [[String: String]: Counts] { byOwner[uid] ?? [:] }

    private func add(_ c: Counts, owner: String, labels: [String: String]) {
        byOwner[owner, default: [:]][labels, default: Counts()].add(c, sign: 1)
    }

    private func subtract(_ c: Counts, owner: String, labels: [String: String]) {
        byOwner[owner]?[labels]?.add(c, sign: -1)
        if byOwner[owner]?[labels]?.isEmpty == true { byOwner[owner]?[labels] = nil }
        if byOwner[owner]?.isEmpty == true { byOwner[owner] = nil }
    }
}

private extension OwnedPodTally.Counts {
    mutating func add(_ other: Self, sign: Int) {
        pods += sign * other.pods
        notTerminating += sign * other.notTerminating
        active += sign * other.active
        activeReady += sign * other.activeReady
    }
}
