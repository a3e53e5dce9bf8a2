/// Keeps the number of active pods matching each ReplicaSet at spec.replicas
/// (pkg/controller/replicaset): claims pods by selector, creates in slow-start batches,
/// deletes by rank, and reports status.
final class ReplicaSetController {
    static let component = "replicaset-controller"
    static let eventSource = EventSource(component: component)
    static let burstReplicas = 500

    private let store: Store
    private let recorder: EventRecorder
    private var queue: WorkQueue<ObjectKey>!
    /// Every owner's pods counted from watch events, so most syncs need not visit them.
    private let tally = OwnedPodTally()
    /// What every pod of the ReplicaSet last created for has alike: the generateName prefix
    /// and the owner reference, made once and shared by its pods (a sync creates them in
    /// batches), not two heap blocks a pod.
    private var lastOwner: (uid: String, name: String, generateName: String, references: [OwnerReference])?

    init(store: Store, recorder: EventRecorder, pace: Pace) {
        self.store = store
        self.recorder = recorder
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction, name: "replicaset", processInSteps: { [unowned self] in self.sync($0) })
        store.watch([.replicaSet, .pod]) { [unowned self] in self.observe($0) }
    }

    private func observe(_ event: WatchEvent) {
        switch event.kind {
        case .replicaSet:
            queue.add(event.object.key)
        case .pod:
            let pod = event.pod!
            let old = event.oldPod
            // A deletion always matters: the pod's last state differs from the one before only
            // in resourceVersion, but its owner has one pod fewer (a force delete, grace 0, or a
            // Pending pod goes without ever being Terminating). A write that does not matter
            // leaves alone all the tally counts too (owner, labels, phase, deletion, readiness).
            if event.type != .deleted, let old, !Self.mattersToReplicaSets(old, pod) { return }
            tally.replace(old, with: event.type == .deleted ? nil : pod)
            // Owner references are namespace-local: the owner lives in the pod's namespace.
            let namespace = pod.metadata.namespace
            if let name = pod.metadata.controllerName(ofKind: "ReplicaSet") { queue.add(ObjectKey(namespace: namespace, name: name)) }
            if let name = old?.metadata.controllerName(ofKind: "ReplicaSet"), old?.metadata.controllerUID != pod.metadata.controllerUID {
                queue.add(ObjectKey(namespace: namespace, name: name))
            }
            // An orphan (or a pod whose labels changed) may be adopted by any matching ReplicaSet.
            let labelsChanged = old != nil && old!.metadata.labels != pod.metadata.labels
            if pod.metadata.controllerUID == nil || labelsChanged {
                for rs in store.list(ReplicaSet.self, namespace: namespace) where rs.spec.selector.matches(pod.metadata.labels) {
                    queue.add(rs.key)
                }
            }
        default:
            break
        }
    }

    /// A pod update (not a deletion) that changes none of labels, owners, deletion, phase or readiness cannot
    /// change a ReplicaSet's count or status (the binding and container-creating writes).
    static func mattersToReplicaSets(_ old: Pod, _ new: Pod) -> Bool {
        let metadataChanged = !old.metadata.sharesFields(with: new.metadata)
            && (old.metadata.labels != new.metadata.labels || old.metadata.ownerReferences != new.metadata.ownerReferences
                || old.metadata.deletionTimestamp != new.metadata.deletionTimestamp)
        return metadataChanged || old.status.phase != new.status.phase
            || old.isReady != new.isReady || old.status.lastTransition(of: "Ready") != new.status.lastTransition(of: "Ready")
    }

    /// Pods the claim pass looks at per step, and pods created per step: a sliced advance may
    /// stop between steps, so one sync of a 100,000-pod ReplicaSet never holds up a frame.
    static let claimStep = 2_000
    static let createStep = 16

    /// One sync, cut into steps that run at the same instant, one after another, before any other
    /// timer: the claim pass over the owned pods in chunks, the orphans and the ownership writes,
    /// then creations in slow-start batches (or deletions), then the status.
    private final class Sync {
        let rs: ReplicaSet
        /// The owned pods when the sync began, visited in chunks; dropped once visited, before
        /// any write, or the first pod created would copy the whole owner index.
        var owned: ShardedSet<ObjectKey>.Iterator?
        var active: [ObjectKey] = []
        /// Active pods counted (the length of `active` when the owned pods were visited).
        var activeCount = 0
        /// Whether the owned pods were counted from the tally rather than visited (then
        /// `active` holds only the pods adopted in this sync).
        var counted = false
        var status = ReplicaSetStatus()
        var toRelease: [ObjectKey] = []
        var claimed = false
        var creations: SlowStart?

        init(_ rs: ReplicaSet, owned: ShardedSet<ObjectKey>) {
            self.rs = rs
            self.owned = owned.makeIterator()
            status.observedGeneration = rs.metadata.generation
        }

        /// A sync whose owned pods were counted already: nothing to visit, nothing to release.
        init(_ rs: ReplicaSet, counted: ReplicaSetStatus, active: Int) {
            self.rs = rs
            status = counted
            status.observedGeneration = rs.metadata.generation
            activeCount = active
            self.counted = true
        }
    }

    private func sync(_ name: ObjectKey) -> WorkQueue<ObjectKey>.Resumption? {
        guard let rs = store.get(ReplicaSet.self, key: name) else { return nil }
        let sync = countedSync(rs) ?? Sync(rs, owned: store.pods.names(index: IndexName.owner, key: rs.metadata.uid))
        guard step(sync) else { return nil }
        return { [unowned self] in self.step(sync) }
    }

    /// Does the next step of `sync`; returns whether more remain.
    private func step(_ sync: Sync) -> Bool {
        if !sync.claimed {
            if visitOwned(sync, upTo: Self.claimStep) { return true }
            sync.owned = nil
            finishClaim(sync)
            sync.claimed = true
            guard !sync.rs.isTerminating else { return writeStatus(sync) }
            let diff = sync.activeCount - sync.rs.spec.replicas
            if diff < 0 {
                sync.creations = SlowStart(count: min(-diff, Self.burstReplicas))
                return true
            }
            if diff > 0 { deletePods(sync.rs, active: sync.counted ? activeOwned(sync.rs) : sync.active, count: diff) }
            return writeStatus(sync)
        }
        if var creations = sync.creations {
            let more = stillCurrent(sync.rs) && creations.run(upTo: Self.createStep) { createPod(sync.rs) }
            sync.creations = creations
            if more { return true }
        }
        return writeStatus(sync)
    }

    /// Whether the ReplicaSet a sync began with is still there and not being deleted (it can
    /// change between steps only when someone writes between two frames).
    private func stillCurrent(_ rs: ReplicaSet) -> Bool {
        guard let current = store.get(ReplicaSet.self, key: rs.key) else { return false }
        return current.metadata.uid == rs.metadata.uid && !current.isTerminating
    }

    /// The sync from the tally, when the tally says all a visit would: no owned pod to
    /// release, no pod to delete (the deletion ranks the pods themselves), and availability
    /// that is readiness (with minReadySeconds a pod becomes available later, and the visit
    /// schedules the wake-up). Nil when the owned pods must be visited.
    private func countedSync(_ rs: ReplicaSet) -> Sync? {
        guard rs.spec.minReadySeconds == 0 else { return nil }
        let templateLabels = rs.spec.template.labels
        var status = ReplicaSetStatus()
        var active = 0
        for group in tally.groups(ownedBy: rs.metadata.uid) {
            let labels = group.labels, counts = group.counts
            guard rs.isTerminating || rs.spec.selector.matches(labels) else {
                if counts.notTerminating > 0 { return nil }
                continue
            }
            active += counts.active
            status.replicas += counts.active
            if templateLabels.allSatisfy({ labels[$0.key] == $0.value }) { status.fullyLabeledReplicas += counts.active }
            status.readyReplicas += counts.activeReady
            status.availableReplicas += counts.activeReady
        }
        if !rs.isTerminating && active > rs.spec.replicas { return nil }
        return Sync(rs, counted: status, active: active)
    }

    private func writeStatus(_ sync: Sync) -> Bool {
        if sync.status != sync.rs.status {
            _ = try? store.modify(ReplicaSet.self, key: sync.rs.key) { $0.status = sync.status }
        }
        return false
    }

    /// Claims pods (PodControllerRefManager.ClaimPods), first part: owned pods that no longer
    /// match are marked for release; the active ones are counted into the status (as upstream's
    /// calculateStatus uses the claimed list). Pods are read in place. Returns whether owned
    /// pods remain to visit.
    private func visitOwned(_ sync: Sync, upTo limit: Int) -> Bool {
        let table = store.pods
        let rs = sync.rs
        let templateLabels = rs.spec.template.labels
        let minReady = SimDuration.seconds(Double(rs.spec.minReadySeconds))
        for _ in 0..<limit {
            guard let name = sync.owned?.next() else { return false }
            guard let box = table.box(name) else { continue }
            if !rs.spec.selector.matches(box.object.metadata.labels) && !rs.isTerminating {
                if !box.object.isTerminating { sync.toRelease.append(name) }
                continue
            }
            guard box.object.isActive else { continue }
            sync.active.append(name)
            sync.activeCount += 1
            sync.status.replicas += 1
            if templateLabels.allSatisfy({ box.object.metadata.labels[$0.key] == $0.value }) { sync.status.fullyLabeledReplicas += 1 }
            guard box.object.isReady else { continue }
            sync.status.readyReplicas += 1
            let availableAt = (box.object.status.condition("Ready")?.lastTransitionTime ?? store.now) + minReady
            if rs.spec.minReadySeconds == 0 || availableAt <= store.now {
                sync.status.availableReplicas += 1
            } else {
                // Nothing else will wake us when the pod has been ready long enough.
                queue.add(rs.key, after: availableAt - store.now)
            }
        }
        return true
    }

    /// Claims pods, second part: matching orphans are adopted, and the pods marked are
    /// released; only those changing owner are copied, in name order.
    private func finishClaim(_ sync: Sync) {
        let table = store.pods
        let rs = sync.rs
        var toAdopt: [ObjectKey] = []
        if !rs.isTerminating {
            // Only orphans can be adopted: look at those, not at every pod the selector matches
            // (100,000 while a scale-up runs, on every sync).
            // A ReplicaSet claims only pods of its own namespace.
            let namespace = rs.metadata.namespace
            for name in table.names(index: IndexName.orphan, key: "") where name.namespace == namespace {
                guard let box = table.box(name), box.object.metadata.controllerRef == nil, !box.object.isTerminating,
                      rs.spec.selector.matches(box.object.metadata.labels) else { continue }
                toAdopt.append(name)
            }
        }
        for name in sync.toRelease.sorted() {
            _ = try? store.modify(Pod.self, key: name) { $0.metadata.ownerReferences.removeAll { $0.uid == rs.metadata.uid } }
        }
        let ref = OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.name, uid: rs.metadata.uid)
        for name in toAdopt.sorted() {
            if let adopted = try? store.modify(Pod.self, key: name, { $0.metadata.ownerReferences.append(ref) }), adopted.isActive {
                sync.active.append(name)
                sync.activeCount += 1
                sync.status.replicas += 1
                sync.status.fullyLabeledReplicas += 1
                if adopted.isReady { sync.status.readyReplicas += 1; sync.status.availableReplicas += 1 }
            }
        }
    }

    /// The active owned pods the selector matches, as the visit collects them: for a counted
    /// sync that adopted pods and now has too many.
    private func activeOwned(_ rs: ReplicaSet) -> [ObjectKey] {
        store.pods.names(index: IndexName.owner, key: rs.metadata.uid).filter { name in
            guard let box = store.pods.box(name) else { return false }
            return (rs.isTerminating || rs.spec.selector.matches(box.object.metadata.labels)) && box.object.isActive
        }
    }

    /// Deletes `count` (at most burstReplicas) of the active pods, lowest-ranked first.
    private func deletePods(_ rs: ReplicaSet, active names: [ObjectKey], count: Int) {
        // In name order: the names come from a set, whose order differs from one table to the
        // next, and the ranking (as upstream's) is not a strict order where ready times tie in
        // one pair and share a bucket in another, so its result can depend on the input order.
        let active = names.sorted().compactMap { store.get(Pod.self, key: $0) }
        let related = PodRanking.relatedPods(of: rs, in: store)
        let victims = PodRanking.deletionOrder(active, related: related, now: store.now).prefix(min(count, Self.burstReplicas))
        for pod in victims {
            do {
                try store.delete(Pod.self, key: pod.key)
                recorder.record(rs, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.name)", from: Self.eventSource)
            } catch {
                recorder.record(rs, type: "Warning", reason: "FailedDelete", message: "Error deleting: \(error)", from: Self.eventSource)
            }
        }
    }

    /// Creates one pod from the template; returns whether it was created.
    private func createPod(_ rs: ReplicaSet) -> Bool {
        if lastOwner?.uid != rs.metadata.uid || lastOwner?.name != rs.name {
            lastOwner = (rs.metadata.uid, rs.name, rs.name + "-",
                         [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.name, uid: rs.metadata.uid)])
        }
        let owner = lastOwner!
        var meta = ObjectMeta(generateName: owner.generateName, namespace: rs.metadata.namespace, labels: rs.spec.template.labels,
                              annotations: rs.spec.template.annotations)
        meta.ownerReferences = owner.references
        do {
            let created = try store.create(Pod(metadata: meta, spec: rs.spec.template.spec))
            recorder.record(rs, reason: "SuccessfulCreate", message: String(concatenating: "Created pod: ", created.name), from: Self.eventSource)
            return true
        } catch {
            recorder.record(rs, type: "Warning", reason: "FailedCreate", message: "Error creating: \(APIError.message(of: error))", from: Self.eventSource)
            return false
        }
    }
}
