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

    /// One owner's pods that carry the same labels, and their counts.
    struct Group: Equatable {
        let labels: [String: String]
        var counts: Counts
    }

    /// One owner's groups: the first one made (its pods nearly always all carry the template's
    /// labels) apart, found by comparing labels (at once when the pod's labels are the
    /// template's own copy); any other label sets by hash, so many distinct sets stay cheap.
    private struct OwnerGroups {
        var first: Group
        var others: [[String: String]: Counts] = [:]

        var isEmpty: Bool { first.counts.isEmpty && others.isEmpty }

        mutating func add(_ c: Counts, labels: [String: String], sign: Int) {
            if first.labels == labels {
                first.counts.add(c, sign: sign)
            } else if sign > 0 {
                others[labels, default: Counts()].add(c, sign: 1)
            } else if let j = others.index(forKey: labels) {
                others.values[j].add(c, sign: -1)
                if others.values[j].isEmpty { others.remove(at: j) }
            }
        }
    }

    /// Owner uid → its groups.
    private var byOwner: [PrehashedString: OwnerGroups] = [:]

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
        let oldOwner = old?.metadata.controllerKey, newOwner = new?.metadata.controllerKey
        if let old, let new, let owner = oldOwner, owner == newOwner, old.metadata.labels == new.metadata.labels {
            // The same group (a pod's usual change): its counts change in place, the owner found once.
            guard before != after else { return }
            guard let i = byOwner.index(forKey: owner) else { return add(after!, owner: owner, labels: new.metadata.labels) }
            byOwner.values[i].add(before!, labels: new.metadata.labels, sign: -1)
            byOwner.values[i].add(after!, labels: new.metadata.labels, sign: 1)
            return
        }
        if let old, let owner = oldOwner { subtract(before!, owner: owner, labels: old.metadata.labels) }
        if let new, let owner = newOwner { add(after!, owner: owner, labels: new.metadata.labels) }
    }

    /// The owner's pods, grouped by labels (groups with no pods left are not listed).
    func groups(ownedBy uid: String) -> [Group] {
        guard let owner = byOwner[PrehashedString(uid)] else { return [] }
        var groups = owner.first.counts.isEmpty ? [] : [owner.first]
        for (labels, counts) in owner.others { groups.append(Group(labels: labels, counts: counts)) }
        return groups
    }

    private func add(_ c: Counts, owner: PrehashedString, labels: [String: String]) {
        guard let i = byOwner.index(forKey: owner) else {
            byOwner[owner] = OwnerGroups(first: Group(labels: labels, counts: c))
            return
        }
        byOwner.values[i].add(c, labels: labels, sign: 1)
    }

    private func subtract(_ c: Counts, owner: PrehashedString, labels: [String: String]) {
        guard let i = byOwner.index(forKey: owner) else { return }
        byOwner.values[i].add(c, labels: labels, sign: -1)
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
