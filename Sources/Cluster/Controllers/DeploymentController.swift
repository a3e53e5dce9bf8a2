/// Rolls Deployments out through ReplicaSets (pkg/controller/deployment): one ReplicaSet per
/// pod-template-hash, rolling or recreate strategy, scaling, status and conditions.
final class DeploymentController {
    static let component = "deployment-controller"
    static let revisionAnnotation = "deployment.kubernetes.io/revision"
    static let desiredAnnotation = "deployment.kubernetes.io/desired-replicas"
    static let maxAnnotation = "deployment.kubernetes.io/max-replicas"

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
        case .deployment:
            queue.add(event.object.key)
        case .replicaSet:
            // Owner references are namespace-local: the owner lives in the object's namespace.
            let namespace = event.object.metadata.namespace
            if let ref = event.object.metadata.controllerRef, ref.kind == "Deployment" { queue.add(ObjectKey(namespace: namespace, name: ref.name)) }
        case .pod where event.type == .deleted:
            // Recreate waits for old pods to be gone.
            let namespace = event.object.metadata.namespace
            if let rsRef = event.object.metadata.controllerRef, rsRef.kind == "ReplicaSet",
               let rs = store.get(ReplicaSet.self, rsRef.name, namespace: namespace), let ref = rs.metadata.controllerRef,
               let d = store.get(Deployment.self, ref.name, namespace: namespace), d.spec.strategy.type == .recreate {
                queue.add(d.key)
            }
        default:
            break
        }
    }

    private func sync(_ name: ObjectKey) {
        guard let d = store.get(Deployment.self, key: name), !d.isTerminating else { return }
        let owned = store.replicaSets(ownedBy: d.metadata.uid)
        if isScalingEvent(d, owned) {
            let (newRS, oldRSs) = newAndOld(d, owned, create: false)
            scale(d, newRS: newRS, oldRSs: oldRSs)
        } else {
            switch d.spec.strategy.type {
            case .rollingUpdate: rolloutRolling(d, owned)
            case .recreate: rolloutRecreate(d, owned)
            }
        }
        cleanupOldReplicaSets(name)
        syncStatus(name)
    }

    // MARK: finding the new ReplicaSet

    private func templateWithoutHash(_ rs: ReplicaSet) -> PodTemplate {
        var t = rs.spec.template
        t.labels["pod-template-hash"] = nil
        return t
    }

    /// Splits owned ReplicaSets into the one matching the current template and the rest,
    /// creating the new one when `create` is set.
    private func newAndOld(_ d: Deployment, _ owned: [ReplicaSet], create: Bool) -> (ReplicaSet?, [ReplicaSet]) {
        let byAge = owned.sorted { ($0.metadata.creationTimestamp, $0.name) < ($1.metadata.creationTimestamp, $1.name) }
        if let existing = byAge.first(where: { templateWithoutHash($0) == d.spec.template }) {
            return (existing, byAge.filter { $0.name != existing.name })
        }
        guard create else { return (nil, byAge) }
        return (createNewReplicaSet(d, old: byAge), byAge)
    }

    private func revision(_ object: any APIObject) -> Int {
        Int(object.metadata.annotations[Self.revisionAnnotation] ?? "") ?? 0
    }

    private func createNewReplicaSet(_ d: Deployment, old: [ReplicaSet]) -> ReplicaSet? {
        var deployment = d
        let nextRevision = (old.map(revision).max() ?? 0) + 1
        while true {
            let hash = TemplateHash.compute(d.spec.template, collisionCount: deployment.status.collisionCount)
            var template = d.spec.template
            template.labels["pod-template-hash"] = hash
            var selector = d.spec.selector
            selector.requirements.append(.init(key: "pod-template-hash", op: .equals, values: [hash]))
            let allReplicas = old.reduce(0) { $0 + $1.spec.replicas }
            let replicas = RolloutMath.newReplicaSetReplicas(d, allReplicas: allReplicas, newReplicas: 0)
            let surge = RolloutMath.surgeAndUnavailable(d).surge
            var meta = ObjectMeta(name: "\(d.name)-\(hash)", namespace: d.metadata.namespace, labels: template.labels, annotations: [
                Self.revisionAnnotation: String(nextRevision),
                Self.desiredAnnotation: String(d.spec.replicas),
                Self.maxAnnotation: String(Saturating.add(d.spec.replicas, surge)),
            ])
            meta.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: d.name, uid: d.metadata.uid)]
            var spec = ReplicaSetSpec(replicas: d.spec.strategy.type == .recreate ? 0 : replicas, selector: selector, template: template)
            spec.minReadySeconds = d.spec.minReadySeconds
            do {
                let rs = try store.create(ReplicaSet(metadata: meta, spec: spec))
                if rs.spec.replicas > 0 {
                    recorder.record(d, reason: "ScalingReplicaSet", message: "Scaled up replica set \(rs.name) from 0 to \(rs.spec.replicas)", component: Self.component)
                }
                _ = try? store.modify(Deployment.self, key: d.key) {
                    $0.metadata.annotations[Self.revisionAnnotation] = String(nextRevision)
                    $0.status.collisionCount = deployment.status.collisionCount
                    self.setCondition(&$0.status, "Progressing", "True", "NewReplicaSetCreated", "Created new replica set \"\(rs.name)\"")
                }
                return rs
            } catch let error as APIError where error.reason == .alreadyExists {
                // A different template hashed to the same name: bump collisionCount and retry.
                deployment.status.collisionCount += 1
            } catch {
                return nil
            }
        }
    }

    // MARK: scaling

    private func isScalingEvent(_ d: Deployment, _ owned: [ReplicaSet]) -> Bool {
        owned.contains { rs in
            rs.spec.replicas > 0 && Int(rs.metadata.annotations[Self.desiredAnnotation] ?? "") != d.spec.replicas
        }
    }

    @discardableResult
    private func scaleReplicaSet(_ rs: ReplicaSet, to newScale: Int, _ d: Deployment) -> Bool {
        let surge = RolloutMath.surgeAndUnavailable(d).surge
        let oldScale = rs.spec.replicas
        let updated = try? store.modify(ReplicaSet.self, key: rs.key) {
            $0.spec.replicas = newScale
            $0.metadata.annotations[Self.desiredAnnotation] = String(d.spec.replicas)
            $0.metadata.annotations[Self.maxAnnotation] = String(Saturating.add(d.spec.replicas, surge))
        }
        guard updated != nil, oldScale != newScale else { return false }
        let direction = oldScale < newScale ? "up" : "down"
        recorder.record(d, reason: "ScalingReplicaSet", message: "Scaled \(direction) replica set \(rs.name) from \(oldScale) to \(newScale)", component: Self.component)
        return true
    }

    /// Scales for a change of spec.replicas: the single active ReplicaSet takes it all; during a
    /// rollout the change is shared proportionally (deployment sync.go scale).
    private func scale(_ d: Deployment, newRS: ReplicaSet?, oldRSs: [ReplicaSet]) {
        let all = (oldRSs + [newRS].compactMap { $0 })
        let active = all.filter { $0.spec.replicas > 0 }
        if active.count <= 1 {
            if let target = active.first ?? newRS ?? all.last {
                scaleReplicaSet(target, to: d.spec.replicas, d)
            }
            return
        }
        let surge = RolloutMath.surgeAndUnavailable(d).surge
        let allowed = Saturating.add(d.spec.replicas, surge)
        let current = active.reduce(0) { $0 + $1.spec.replicas }
        var toAdd = allowed - current
        // Larger ReplicaSets first (newer first on ties) when adding; smaller first when removing.
        let ordered = active.sorted { a, b in
            a.spec.replicas != b.spec.replicas ? (toAdd > 0 ? a.spec.replicas > b.spec.replicas : a.spec.replicas < b.spec.replicas)
                : a.metadata.creationTimestamp > b.metadata.creationTimestamp
        }
        var sizes: [String: Int] = [:]
        let totalToAdd = toAdd
        for rs in ordered {
            var share = current == 0 ? 0 : Saturating.int((Double(rs.spec.replicas) * Double(totalToAdd) / Double(current)).rounded(.towardZero))
            share = totalToAdd > 0 ? min(share, toAdd) : max(share, toAdd)
            sizes[rs.name] = rs.spec.replicas + share
            toAdd -= share
        }
        if let first = ordered.first, toAdd != 0 { sizes[first.name, default: 0] += toAdd }
        for rs in ordered { scaleReplicaSet(rs, to: max(0, sizes[rs.name] ?? rs.spec.replicas), d) }
    }

    // MARK: strategies

    private func rolloutRolling(_ d: Deployment, _ owned: [ReplicaSet]) {
        let (created, oldRSs) = newAndOld(d, owned, create: true)
        guard let newRS = created.flatMap({ store.get(ReplicaSet.self, key: $0.key) }) else { return }
        // Scale up the new ReplicaSet as far as maxSurge allows.
        if newRS.spec.replicas != d.spec.replicas {
            let all = oldRSs.reduce(0) { $0 + $1.spec.replicas } + newRS.spec.replicas
            let target = newRS.spec.replicas > d.spec.replicas ? d.spec.replicas
                : RolloutMath.newReplicaSetReplicas(d, allReplicas: all, newReplicas: newRS.spec.replicas)
            if scaleReplicaSet(newRS, to: target, d) { return }
        }
        reconcileOld(d, newRS: newRS, oldRSs: oldRSs)
    }

    /// Scales old ReplicaSets down as far as maxUnavailable allows, unhealthy pods first.
    private func reconcileOld(_ d: Deployment, newRS: ReplicaSet, oldRSs: [ReplicaSet]) {
        var old = oldRSs.compactMap { store.get(ReplicaSet.self, key: $0.key) }
        guard old.reduce(0, { $0 + $1.spec.replicas }) > 0 else { return }
        let unavailable = RolloutMath.surgeAndUnavailable(d).unavailable
        let minAvailable = d.spec.replicas - unavailable
        let allPods = old.reduce(0) { $0 + $1.spec.replicas } + newRS.spec.replicas
        let newUnavailable = newRS.spec.replicas - newRS.status.availableReplicas
        let maxScaledDown = allPods - minAvailable - newUnavailable
        guard maxScaledDown > 0 else { return }
        var cleaned = 0
        for rs in old where cleaned < maxScaledDown {
            let unhealthy = rs.spec.replicas - rs.status.availableReplicas
            let count = min(maxScaledDown - cleaned, unhealthy)
            if count > 0 {
                scaleReplicaSet(rs, to: rs.spec.replicas - count, d)
                cleaned += count
            }
        }
        old = old.compactMap { store.get(ReplicaSet.self, key: $0.key) }
        let available = old.reduce(0) { $0 + $1.status.availableReplicas } + newRS.status.availableReplicas
        guard available > minAvailable else { return }
        var toScaleDown = min(available - minAvailable, maxScaledDown - cleaned)
        for rs in old where toScaleDown > 0 && rs.spec.replicas > 0 {
            let count = min(rs.spec.replicas, toScaleDown)
            scaleReplicaSet(rs, to: rs.spec.replicas - count, d)
            toScaleDown -= count
        }
    }

    private func rolloutRecreate(_ d: Deployment, _ owned: [ReplicaSet]) {
        let (existingNew, oldRSs) = newAndOld(d, owned, create: false)
        var scaledDown = false
        for rs in oldRSs where rs.spec.replicas > 0 { scaledDown = scaleReplicaSet(rs, to: 0, d) || scaledDown }
        if scaledDown { return }
        let oldPodsRunning = oldRSs.contains { !store.pods(ownedBy: $0.metadata.uid).isEmpty }
        if oldPodsRunning { return }
        let newRS = existingNew ?? newAndOld(d, owned, create: true).0
        if let rs = newRS.flatMap({ store.get(ReplicaSet.self, key: $0.key) }), rs.spec.replicas != d.spec.replicas {
            scaleReplicaSet(rs, to: d.spec.replicas, d)
        }
    }

    /// Deletes old, empty ReplicaSets beyond revisionHistoryLimit, oldest first.
    private func cleanupOldReplicaSets(_ name: ObjectKey) {
        guard let d = store.get(Deployment.self, key: name) else { return }
        let owned = store.replicaSets(ownedBy: d.metadata.uid)
        let (newRS, old) = newAndOld(d, owned, create: false)
        let removable = old.filter { $0.name != newRS?.name && $0.spec.replicas == 0 && $0.status.replicas == 0 }
        let excess = removable.count - d.spec.revisionHistoryLimit
        guard excess > 0 else { return }
        for rs in removable.sorted(by: { revision($0) < revision($1) }).prefix(excess) {
            try? store.delete(ReplicaSet.self, key: rs.key)
        }
    }

    // MARK: status

    private func setCondition(_ status: inout DeploymentStatus, _ type: String, _ value: String, _ reason: String, _ message: String) {
        let now = store.now
        if let i = status.conditions.firstIndex(where: { $0.type == type }) {
            let old = status.conditions[i]
            if old.status == value && old.reason == reason && old.message == message { return }
            status.conditions[i] = DeploymentCondition(type: type, status: value, reason: reason, message: message, lastUpdateTime: now,
                                                       lastTransitionTime: old.status == value ? old.lastTransitionTime : now)
        } else {
            status.conditions.append(DeploymentCondition(type: type, status: value, reason: reason, message: message, lastUpdateTime: now, lastTransitionTime: now))
        }
        // Kubernetes lists Available before Progressing.
        status.conditions.sort { $0.type < $1.type }
    }

    private func syncStatus(_ name: ObjectKey) {
        guard let d = store.get(Deployment.self, key: name) else { return }
        let owned = store.replicaSets(ownedBy: d.metadata.uid)
        let (newRS, _) = newAndOld(d, owned, create: false)
        var status = d.status
        status.observedGeneration = d.metadata.generation
        status.replicas = owned.reduce(0) { $0 + $1.status.replicas }
        status.updatedReplicas = newRS?.status.replicas ?? 0
        status.readyReplicas = owned.reduce(0) { $0 + $1.status.readyReplicas }
        status.availableReplicas = owned.reduce(0) { $0 + $1.status.availableReplicas }
        status.unavailableReplicas = max(0, d.spec.replicas - status.availableReplicas)
        let unavailable = RolloutMath.surgeAndUnavailable(d).unavailable
        if status.availableReplicas >= d.spec.replicas - unavailable {
            setCondition(&status, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
        } else {
            setCondition(&status, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.")
        }
        if let rs = newRS {
            let oldPods = owned.filter { $0.name != rs.name }.reduce(0) { $0 + $1.status.replicas }
            let complete = status.updatedReplicas == d.spec.replicas && status.replicas == d.spec.replicas
                && status.availableReplicas == d.spec.replicas && oldPods == 0
            if complete {
                setCondition(&status, "Progressing", "True", "NewReplicaSetAvailable", "ReplicaSet \"\(rs.name)\" has successfully progressed.")
            } else if status != d.status || status.condition("Progressing") == nil {
                setCondition(&status, "Progressing", "True", "ReplicaSetUpdated", "ReplicaSet \"\(rs.name)\" is progressing.")
            }
        }
        guard status != d.status else { return }
        _ = try? store.modify(Deployment.self, key: name) { $0.status = status }
    }
}
