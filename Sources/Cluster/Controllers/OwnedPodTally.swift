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
    static func contribution(_ pod: Pod) -> Counts {
        let active = pod.isActive
        return Counts(pods: 1, notTerminating: pod.isTerminating ? 0 : 1, active: active ? 1 : 0,
                      activeReady: active && pod.isReady ? 1 : 0)
    }

    /// Moves the pod's contribution from what it was (`old`, nil when new) to what it is
    /// (`new`, nil once deleted).
    func replace(_ old: Pod?, with new: Pod?) {
        let before = old.map(Self.contribution), after = new.map(Self.contribution)
        let oldOwner = old?.metadata.controllerUID, newOwner = new?.metadata.controllerUID
        if let old, let new, let owner = oldOwner, owner == newOwner, old.metadata.labels == new.metadata.labels {
            // The same group (a pod's usual change): its counts change in place, found once;
            // a group's labels are a dictionary, and hashing one reads every key and value.
            guard before != after, let i = byOwner.index(forKey: owner), let j = byOwner.values[i].index(forKey: new.metadata.labels) else {
                if before != after { add(after!, owner: owner, labels: new.metadata.labels) }
                return
            }
            byOwner.values[i].values[j].add(before!, sign: -1)
            byOwner.values[i].values[j].add(after!, sign: 1)
            return
        }
        if let old, let owner = oldOwner { subtract(before!, owner: owner, labels: old.metadata.labels) }
        if let new, let owner = newOwner { add(after!, owner: owner, labels: new.metadata.labels) }
    }

    /// The owner's pods, by labels.
    func groups(ownedBy uid: String) -> [[String: String]: Counts] { byOwner[uid] ?? [:] }

    private func add(_ c: Counts, owner: String, labels: [String: String]) {
        byOwner[owner, default: [:]][labels, default: Counts()].add(c, sign: 1)
    }

    private func subtract(_ c: Counts, owner: String, labels: [String: String]) {
        guard let i = byOwner.index(forKey: owner) else { return }
        if let j = byOwner.values[i].index(forKey: labels) {
            byOwner.values[i].values[j].add(c, sign: -1)
            if byOwner.values[i].values[j].isEmpty { byOwner.values[i].remove(at: j) }
        }
        if byOwner.values[i].isEmpty { byOwner.remove(at: i) }
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
