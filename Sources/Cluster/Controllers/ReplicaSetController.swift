/// Keeps the number of active pods matching each ReplicaSet at spec.replicas
/// (pkg/controller/replicaset): claims pods by selector, creates in slow-start batches,
/// deletes by rank, and reports status.
final class ReplicaSetController {
    static let component = "replicaset-controller"
    static let burstReplicas = 500

    private let store: Store
    private let recorder: EventRecorder
    private var queue: WorkQueue!

    init(store: Store, recorder: EventRecorder, pace: Pace) {
        self.store = store
        self.recorder = recorder
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction) { [unowned self] in self.sync($0) }
        store.watch { [unowned self] in self.observe($0) }
    }

    private func observe(_ event: WatchEvent) {
        switch event.kind {
        case .replicaSet:
            queue.add(event.name)
        case .pod:
            let pod = event.object as! Pod
            let old = event.old as? Pod
            if let ref = pod.metadata.controllerRef, ref.kind == "ReplicaSet" { queue.add(ref.name) }
            if let ref = old?.metadata.controllerRef, ref.kind == "ReplicaSet", ref.uid != pod.metadata.controllerRef?.uid {
                queue.add(ref.name)
            }
            // An orphan (or a pod whose labels changed) may be adopted by any matching ReplicaSet.
            let labelsChanged = old != nil && old!.metadata.labels != pod.metadata.labels
            if pod.metadata.controllerRef == nil || labelsChanged {
                for rs in store.list(ReplicaSet.self) where rs.spec.selector.matches(pod.metadata.labels) {
                    queue.add(rs.name)
                }
            }
        default:
            break
        }
    }

    /// The pods this ReplicaSet owns after claiming (PodControllerRefManager.ClaimPods):
    /// owned pods that no longer match are released, matching orphans are adopted.
    private func claimPods(_ rs: ReplicaSet) -> [Pod] {
        var candidates: [String: Pod] = [:]
        for p in store.pods(ownedBy: rs.metadata.uid) { candidates[p.name] = p }
        for p in store.list(Pod.self, selector: rs.spec.selector) where candidates[p.name] == nil { candidates[p.name] = p }
        var claimed: [Pod] = []
        for name in candidates.keys.sorted() {
            var pod = candidates[name]!
            let matches = rs.spec.selector.matches(pod.metadata.labels)
            if let ref = pod.metadata.controllerRef {
                guard ref.uid == rs.metadata.uid else { continue }
                if matches || rs.isTerminating { claimed.append(pod); continue }
                if pod.isTerminating { continue }
                if let released = try? store.modify(Pod.self, name, { $0.metadata.ownerReferences.removeAll { $0.uid == rs.metadata.uid } }) {
                    _ = released
                }
            } else if matches && !rs.isTerminating && !pod.isTerminating {
                let ref = OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.name, uid: rs.metadata.uid)
                if let adopted = try? store.modify(Pod.self, name, { $0.metadata.ownerReferences.append(ref) }) {
                    pod = adopted
                    claimed.append(pod)
                }
            }
        }
        return claimed
    }

    private func sync(_ name: String) {
        guard let rs = store.get(ReplicaSet.self, name) else { return }
        let pods = claimPods(rs)
        let active = pods.filter(\.isActive)
        if !rs.isTerminating { manageReplicas(rs, active: active) }
        updateStatus(name)
    }

    private func manageReplicas(_ rs: ReplicaSet, active: [Pod]) {
        let diff = active.count - rs.spec.replicas
        if diff < 0 {
            createPods(rs, count: min(-diff, Self.burstReplicas))
        } else if diff > 0 {
            let victims = PodRanking.deletionOrder(active, related: active, now: store.now).prefix(min(diff, Self.burstReplicas))
            for pod in victims {
                do {
                    try store.delete(Pod.self, pod.name)
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
            var meta = ObjectMeta(generateName: rs.name + "-", labels: rs.spec.template.labels, annotations: rs.spec.template.annotations)
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

    private func updateStatus(_ name: String) {
        guard let rs = store.get(ReplicaSet.self, name) else { return }
        let owned = store.pods(ownedBy: rs.metadata.uid).filter(\.isActive)
        let templateLabels = rs.spec.template.labels
        var status = ReplicaSetStatus()
        status.replicas = owned.count
        status.fullyLabeledReplicas = owned.filter { p in templateLabels.allSatisfy { p.metadata.labels[$0.key] == $0.value } }.count
        status.readyReplicas = owned.filter(\.isReady).count
        let minReady = SimDuration.seconds(Double(rs.spec.minReadySeconds))
        status.availableReplicas = owned.filter { p in
            guard p.isReady, let since = p.status.condition("Ready")?.lastTransitionTime else { return false }
            return rs.spec.minReadySeconds == 0 || since + minReady <= store.now
        }.count
        status.observedGeneration = rs.metadata.generation
        guard status != rs.status else { return }
        _ = try? store.modify(ReplicaSet.self, name) { $0.status = status }
    }
}
