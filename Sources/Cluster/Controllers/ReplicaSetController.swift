/// Keeps the number of active pods matching each ReplicaSet at spec.replicas
/// (pkg/controller/replicaset): claims pods by selector, creates in slow-start batches,
/// deletes by rank, and reports status.
final class ReplicaSetController {
    static let component = "replicaset-controller"
    static let burstReplicas = 500

    private let store: Store
    private let recorder: EventRecorder
    private var queue: WorkQueue<ObjectKey>!

    init(store: Store, recorder: EventRecorder, pace: Pace) {
        self.store = store
        self.recorder = recorder
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction) { [unowned self] in self.sync($0) }
        store.watch { [unowned self] in self.observe($0) }
    }

    private func observe(_ event: WatchEvent) {
        switch event.kind {
        case .replicaSet:
            queue.add(event.object.key)
        case .pod:
            let pod = event.object as! Pod
            let old = event.old as? Pod
            // A deletion always matters: the pod's last state differs from the one before only
            // in resourceVersion, but its owner has one pod fewer (a force delete, grace 0, or a
            // Pending pod goes without ever being Terminating).
            if event.type != .deleted, let old, !Self.mattersToReplicaSets(old, pod) { return }
            // Owner references are namespace-local: the owner lives in the pod's namespace.
            let namespace = pod.metadata.namespace
            if let ref = pod.metadata.controllerRef, ref.kind == "ReplicaSet" { queue.add(ObjectKey(namespace: namespace, name: ref.name)) }
            if let ref = old?.metadata.controllerRef, ref.kind == "ReplicaSet", ref.uid != pod.metadata.controllerRef?.uid {
                queue.add(ObjectKey(namespace: namespace, name: ref.name))
            }
            // An orphan (or a pod whose labels changed) may be adopted by any matching ReplicaSet.
            let labelsChanged = old != nil && old!.metadata.labels != pod.metadata.labels
            if pod.metadata.controllerRef == nil || labelsChanged {
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
        old.metadata.labels != new.metadata.labels || old.metadata.ownerReferences != new.metadata.ownerReferences
            || old.metadata.deletionTimestamp != new.metadata.deletionTimestamp || old.status.phase != new.status.phase
            || old.isReady != new.isReady || old.status.condition("Ready")?.lastTransitionTime != new.status.condition("Ready")?.lastTransitionTime
    }

    /// Claims pods (PodControllerRefManager.ClaimPods): owned pods that no longer match are
    /// released, matching orphans are adopted. Returns the active pods it owns and the status
    /// they add up to, counted in the same pass (as upstream's calculateStatus uses the claimed
    /// list). Pods are read in place; only those changing owner are copied, in name order.
    private func claim(_ rs: ReplicaSet) -> (active: [ObjectKey], status: ReplicaSetStatus) {
        let table = store.pods
        let owned = table.names(index: IndexName.owner, key: rs.metadata.uid)
        let templateLabels = rs.spec.template.labels
        let minReady = SimDuration.seconds(Double(rs.spec.minReadySeconds))
        var status = ReplicaSetStatus()
        status.observedGeneration = rs.metadata.generation
        var active: [ObjectKey] = []
        var toRelease: [ObjectKey] = [], toAdopt: [ObjectKey] = []

        for name in owned {
            guard let box = table.box(name) else { continue }
            if !rs.spec.selector.matches(box.object.metadata.labels) && !rs.isTerminating {
                if !box.object.isTerminating { toRelease.append(name) }
                continue
            }
            guard box.object.isActive else { continue }
            active.append(name)
            status.replicas += 1
            if templateLabels.allSatisfy({ box.object.metadata.labels[$0.key] == $0.value }) { status.fullyLabeledReplicas += 1 }
            guard box.object.isReady else { continue }
            status.readyReplicas += 1
            let availableAt = (box.object.status.condition("Ready")?.lastTransitionTime ?? store.now) + minReady
            if rs.spec.minReadySeconds == 0 || availableAt <= store.now {
                status.availableReplicas += 1
            } else {
                // Nothing else will wake us when the pod has been ready long enough.
                queue.add(rs.key, after: availableAt - store.now)
            }
        }
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
        for name in toRelease.sorted() {
            _ = try? store.modify(Pod.self, key: name) { $0.metadata.ownerReferences.removeAll { $0.uid == rs.metadata.uid } }
        }
        let ref = OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.name, uid: rs.metadata.uid)
        for name in toAdopt.sorted() {
            if let adopted = try? store.modify(Pod.self, key: name, { $0.metadata.ownerReferences.append(ref) }), adopted.isActive {
                active.append(name)
                status.replicas += 1
                status.fullyLabeledReplicas += 1
                if adopted.isReady { status.readyReplicas += 1; status.availableReplicas += 1 }
            }
        }
        return (active, status)
    }

    private func sync(_ name: ObjectKey) {
        guard let rs = store.get(ReplicaSet.self, key: name) else { return }
        let (active, status) = claim(rs)
        if !rs.isTerminating { manageReplicas(rs, active: active) }
        if status != rs.status {
            _ = try? store.modify(ReplicaSet.self, key: name) { $0.status = status }
        }
    }

    private func manageReplicas(_ rs: ReplicaSet, active names: [ObjectKey]) {
        let diff = names.count - rs.spec.replicas
        if diff < 0 {
            createPods(rs, count: min(-diff, Self.burstReplicas))
        } else if diff > 0 {
            let active = names.compactMap { store.get(Pod.self, key: $0) }
            let related = PodRanking.relatedPods(of: rs, in: store)
            let victims = PodRanking.deletionOrder(active, related: related, now: store.now).prefix(min(diff, Self.burstReplicas))
            for pod in victims {
                do {
                    try store.delete(Pod.self, key: pod.key)
                    recorder.record(rs, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.name)", component: Self.component)
                } catch {
                    recorder.record(rs, type: "Warning", reason: "FailedDelete", message: "Error deleting: \(error)", component: Self.component)
                }
            }
        }
    }

    /// Creates pods from the template in slow-start batches.
    private func createPods(_ rs: ReplicaSet, count: Int) {
        SlowStart.run(count: count) {
            var meta = ObjectMeta(generateName: rs.name + "-", namespace: rs.metadata.namespace, labels: rs.spec.template.labels, annotations: rs.spec.template.annotations)
            meta.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.name, uid: rs.metadata.uid)]
            do {
                let created = try store.create(Pod(metadata: meta, spec: rs.spec.template.spec))
                recorder.record(rs, reason: "SuccessfulCreate", message: "Created pod: \(created.name)", component: Self.component)
                return true
            } catch {
                recorder.record(rs, type: "Warning", reason: "FailedCreate", message: "Error creating: \(error)", component: Self.component)
                return false
            }
        }
    }
}
