/// Rolls Deployments out through ReplicaSets (pkg/controller/deployment): one ReplicaSet per
/// pod-template-hash, rolling or recreate strategy, scaling, status and conditions.
final class DeploymentController {
    static let component = "deployment-controller"
    static let eventSource = EventSource(component: component)
    static let revisionAnnotation = ReplicaSetAnnotations.revision
    static let desiredAnnotation = ReplicaSetAnnotations.desiredReplicas
    static let maxAnnotation = ReplicaSetAnnotations.maxReplicas

    private let store: Store
    private let recorder: EventRecorder
    private var queue: WorkQueue<ObjectKey>!
    /// When each deployment's pending progress check runs (requeueStuckDeployment); kept apart
    /// from the work queue so that a check minutes ahead does not hold back ordinary syncs.
    private var progressChecks: [ObjectKey: SimTime] = [:]
    /// The last deployment read with its ReplicaSets, good while nothing has been written since.
    private var lastReading: Reading?
    /// Deployments whose next sync claims ReplicaSets (see `claimReplicaSets`).
    private var claimPending: Set<ObjectKey> = []

    /// What this controller's timers hold of it (not a weak reference: see `Lifeline`).
    private let lifeline = Lifeline()

    deinit { lifeline.end() }

    init(store: Store, recorder: EventRecorder, pace: Pace) {
        self.store = store
        self.recorder = recorder
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction, name: "deployment") { [unowned self] in self.sync($0) }
        store.watch([.deployment, .replicaSet, .pod]) { [unowned self] in self.observe($0) }
    }

    private func observe(_ event: WatchEvent) {
        switch event.kind {
        case .deployment:
            queue.add(event.object.key)
        case .replicaSet:
            // Owner references are namespace-local: the owner lives in the object's namespace.
            let metadata = event.object.metadata
            // Most writes are status writes, which share the metadata they had: nothing below
            // can have changed for them.
            let old = event.old?.metadata
            let metadataChanged = old.map { !$0.sharesFields(with: metadata) } ?? true
            if let name = metadata.controllerName(ofKind: "Deployment") {
                let owner = ObjectKey(namespace: metadata.namespace, name: name)
                queue.add(owner)
                // Relabelled: its deployment checks whether it still claims it.
                if metadataChanged, let old, old.labels != metadata.labels { claimPending.insert(owner) }
            } else if event.type != .deleted, metadata.controllerUID == nil {
                // An orphan (left by a delete --cascade=orphan, or released) may be adopted by
                // any deployment whose selector matches it (addReplicaSet, updateReplicaSet).
                for d in store.list(Deployment.self, namespace: metadata.namespace) where d.spec.selector.matches(metadata.labels) {
                    claimPending.insert(d.key)
                    queue.add(d.key)
                }
            }
            // Released by its deployment: that one syncs too.
            if metadataChanged, let old, old.controllerUID != metadata.controllerUID, let owner = old.controllerName(ofKind: "Deployment") {
                queue.add(ObjectKey(namespace: metadata.namespace, name: owner))
            }
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
        guard let claimed = read(name), !claimed.deployment.isTerminating else { return }
        if !claimPending.isEmpty, claimPending.remove(name) != nil { claimReplicaSets(claimed) }
        guard let first = read(name) else { return }
        checkPausedConditions(first.deployment)
        // getAllReplicaSetsAndSyncRevision: every sync first brings the new ReplicaSet's
        // annotations and revision, and the deployment's revision, up to date.
        guard let split = read(name) else { return }
        syncRevision(first.deployment, newRS: split.newRS, oldRSs: split.oldRSs)
        guard let current = read(name) else { return }
        let d = current.deployment
        // A paused deployment only scales (sync): its template changes wait for resume.
        if d.spec.paused {
            scale(d, newRS: current.newRS, oldRSs: current.oldRSs)
            cleanupOldReplicaSets(name)
            syncStatus(name, estimatingProgress: false)
            return
        }
        if isScalingEvent(d, current.owned) {
            scale(d, newRS: current.newRS, oldRSs: current.oldRSs)
            syncStatus(name, estimatingProgress: false)
            return
        }
        let acted: Bool
        switch d.spec.strategy.type {
        case .rollingUpdate: acted = rolloutRolling(current)
        case .recreate: acted = rolloutRecreate(current)
        }
        // Old ReplicaSets are cleaned up once the rollout is complete, judged by the status
        // the deployment had when this sync began.
        if !acted, let now = read(name)?.deployment, Self.isComplete(now, now.status) {
            cleanupOldReplicaSets(name)
        }
        syncStatus(name, estimatingProgress: true)
    }

    /// A deployment and its ReplicaSets, split into the one running its template and the rest,
    /// as the store held them at `version`. A class: a sync asks for it up to four times, and
    /// each answer from the kept reading was a copy of six fields.
    private final class Reading {
        let version: Int64
        let name: ObjectKey
        let deployment: Deployment
        let owned: [ReplicaSet]
        let newRS: ReplicaSet?
        let oldRSs: [ReplicaSet]

        init(version: Int64, name: ObjectKey, deployment: Deployment, owned: [ReplicaSet], newRS: ReplicaSet?, oldRSs: [ReplicaSet]) {
            (self.version, self.name, self.deployment, self.owned, self.newRS, self.oldRSs) = (version, name, deployment, owned, newRS, oldRSs)
        }
    }

    /// The deployment `name` with its ReplicaSets. A sync reads them up to four times (revision,
    /// rollout, cleanup, status) and most syncs write only at the end: while the store's
    /// resourceVersion has not moved, the last reading is what a new one would find.
    private func read(_ name: ObjectKey) -> Reading? {
        let version = store.currentResourceVersion
        if let last = lastReading, last.version == version, last.name == name { return last }
        lastReading = nil
        guard let d = store.get(Deployment.self, key: name) else { return nil }
        let owned = store.replicaSets(ownedBy: d.metadata.uid)
        let (newRS, oldRSs) = newAndOld(d, owned, create: false)
        let reading = Reading(version: version, name: name, deployment: d, owned: owned, newRS: newRS, oldRSs: oldRSs)
        lastReading = reading
        return reading
    }

    /// checkPausedConditions: Progressing becomes Unknown DeploymentPaused on pause and
    /// DeploymentResumed on resume, so time spent paused never counts against the deadline. A
    /// reported ProgressDeadlineExceeded is left as it is.
    private func checkPausedConditions(_ d: Deployment) {
        guard Self.hasProgressDeadline(d) else { return }
        let reason = d.status.conditionReason("Progressing")
        if reason == "ProgressDeadlineExceeded" { return }
        let pausedReported = reason == "DeploymentPaused"
        guard d.spec.paused != pausedReported else { return }
        _ = try? store.modify(Deployment.self, key: d.key) {
            if d.spec.paused {
                self.setCondition(&$0.status, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused")
            } else {
                self.setCondition(&$0.status, "Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed")
            }
        }
    }

    /// ClaimReplicaSets: the namespace's ReplicaSets without a controller that the selector
    /// matches are adopted (a deployment made again after `delete --cascade=orphan` takes its
    /// ReplicaSet back rather than making another), and owned ones it no longer matches are
    /// released. Upstream claims at every sync; the answer changes only when a ReplicaSet is
    /// left without a controller or relabelled, so those mark the deployments to claim
    /// (`claimPending`) and the other syncs skip it.
    private func claimReplicaSets(_ reading: Reading) {
        let d = reading.deployment, uid = d.metadata.uid
        for rs in reading.owned where !d.spec.selector.matches(rs.metadata.labels) {
            _ = try? store.modify(ReplicaSet.self, key: rs.key) { $0.metadata.ownerReferences.removeAll { $0.uid == uid } }
        }
        let ref = OwnerReference(apiVersion: "apps/v1", kind: Kind.deployment.rawValue, name: d.name, uid: uid)
        for rs in store.list(ReplicaSet.self, namespace: d.metadata.namespace)
        where rs.metadata.controllerRef == nil && !rs.isTerminating && d.spec.selector.matches(rs.metadata.labels) {
            _ = try? store.modify(ReplicaSet.self, key: rs.key) { $0.metadata.ownerReferences.append(ref) }
        }
    }

    // MARK: finding the new ReplicaSet

    /// Splits owned ReplicaSets into the one matching the current template and the rest,
    /// creating the new one when `create` is set.
    private func newAndOld(_ d: Deployment, _ owned: [ReplicaSet], create: Bool) -> (ReplicaSet?, [ReplicaSet]) {
        let byAge = owned.sorted { ($0.metadata.creationTimestamp, $0.name) < ($1.metadata.creationTimestamp, $1.name) }
        if let existing = byAge.first(where: { $0.runsTemplate(d.spec.template) }) {
            return (existing, byAge.filter { $0.name != existing.name })
        }
        guard create else { return (nil, byAge) }
        return (createNewReplicaSet(d, old: byAge), byAge)
    }

    /// A revision annotation as a number; 0 when absent or not a number (MaxRevision skips those).
    private func revision(_ object: any APIObject) -> Int {
        Int(object.metadata.annotations.valueScanning(forKey: Self.revisionAnnotation) ?? "") ?? 0
    }

    /// The existing new ReplicaSet takes the next revision when an older one is newer (a
    /// rollback), the deployment's annotations and minReadySeconds; once it needs no update, the
    /// deployment takes its revision (getNewReplicaSet for an existing ReplicaSet).
    private func syncRevision(_ d: Deployment, newRS: ReplicaSet?, oldRSs: [ReplicaSet]) {
        guard let rs = newRS else { return }
        let newRevision = (oldRSs.map(revision).max() ?? 0) + 1
        var updated = rs
        let annotationsChanged = ReplicaSetAnnotations.setForNewReplicaSet(d, &updated, newRevision: newRevision, exists: true)
        if annotationsChanged || rs.spec.minReadySeconds != d.spec.minReadySeconds {
            _ = try? store.modify(ReplicaSet.self, key: rs.key) {
                $0.metadata.annotations = updated.metadata.annotations
                $0.spec.minReadySeconds = d.spec.minReadySeconds
            }
            return // the ReplicaSet's update syncs the deployment again
        }
        let rsRevision = rs.metadata.annotations.valueScanning(forKey: Self.revisionAnnotation) ?? ""
        let noProgressing = d.status.conditionReason("Progressing") == nil && Self.hasProgressDeadline(d)
        guard d.metadata.annotations.valueScanning(forKey: Self.revisionAnnotation) != rsRevision || noProgressing else { return }
        _ = try? store.modify(Deployment.self, key: d.key) {
            $0.metadata.annotations[Self.revisionAnnotation] = rsRevision
            if noProgressing {
                self.setCondition(&$0.status, "Progressing", "True", "FoundNewReplicaSet", "Found new replica set \"\(rs.name)\"")
            }
        }
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
            var meta = ObjectMeta(name: "\(d.name)-\(hash)", namespace: d.metadata.namespace, labels: template.labels)
            meta.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: d.name, uid: d.metadata.uid)]
            var spec = ReplicaSetSpec(replicas: d.spec.strategy.type == .recreate ? 0 : replicas, selector: selector, template: template)
            spec.minReadySeconds = d.spec.minReadySeconds
            var newRS = ReplicaSet(metadata: meta, spec: spec)
            _ = ReplicaSetAnnotations.setForNewReplicaSet(d, &newRS, newRevision: nextRevision, exists: false)
            do {
                let rs = try store.create(newRS)
                if rs.spec.replicas > 0 {
                    recorder.record(d, reason: "ScalingReplicaSet", message: "Scaled up replica set \(rs.name) from 0 to \(rs.spec.replicas)", from: Self.eventSource)
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

    /// isScalingEvent: an active ReplicaSet annotated with a different desired size (one without
    /// the annotation says nothing).
    private func isScalingEvent(_ d: Deployment, _ owned: [ReplicaSet]) -> Bool {
        owned.contains { rs in
            guard rs.spec.replicas > 0, let desired = Int(rs.metadata.annotations.valueScanning(forKey: Self.desiredAnnotation) ?? "") else { return false }
            return desired != d.spec.replicas
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
        recorder.record(d, reason: "ScalingReplicaSet", message: "Scaled \(direction) replica set \(rs.name) from \(oldScale) to \(newScale)", from: Self.eventSource)
        return true
    }

    /// Scales for a change of spec.replicas (deployment sync.go scale): the single active
    /// ReplicaSet takes it all; a saturated new ReplicaSet leaves the old ones at 0; during a
    /// rolling update the change is shared in proportion to each ReplicaSet's size.
    private func scale(_ d: Deployment, newRS: ReplicaSet?, oldRSs: [ReplicaSet]) {
        let all = (oldRSs + [newRS].compactMap { $0 })
        let active = all.filter { $0.spec.replicas > 0 }
        if active.count <= 1 {
            // FindActiveOrLatest: the one active, else the new one, else the newest old one.
            if let target = active.first ?? newRS ?? all.last, target.spec.replicas != d.spec.replicas {
                scaleReplicaSet(target, to: d.spec.replicas, d)
            }
            return
        }
        if let newRS, isSaturated(d, newRS) {
            for rs in oldRSs where rs.spec.replicas > 0 { scaleReplicaSet(rs, to: 0, d) }
            return
        }
        guard d.spec.strategy.type == .rollingUpdate else { return }
        let surge = RolloutMath.surgeAndUnavailable(d).surge
        let allowed = d.spec.replicas > 0 ? Saturating.add(d.spec.replicas, surge) : 0
        let current = active.reduce(0) { $0 + $1.spec.replicas }
        let toAdd = allowed - current
        // ReplicaSetsBySizeNewer when adding, BySizeOlder when removing: larger first either way.
        let ordered = active.sorted { a, b in
            if a.spec.replicas != b.spec.replicas { return a.spec.replicas > b.spec.replicas }
            let older = (a.metadata.creationTimestamp, a.name) < (b.metadata.creationTimestamp, b.name)
            return toAdd > 0 ? !older : older
        }
        var sizes: [String: Int] = [:]
        var added = 0
        for rs in ordered {
            let share = toAdd == 0 ? 0 : RolloutMath.proportion(rs, d, toAdd: toAdd, added: added)
            sizes[rs.name] = rs.spec.replicas + share
            added += share
        }
        // Leftovers go to the largest ReplicaSet.
        if let first = ordered.first, toAdd != 0 { sizes[first.name] = max(0, (sizes[first.name] ?? 0) + toAdd - added) }
        for rs in ordered { scaleReplicaSet(rs, to: sizes[rs.name] ?? rs.spec.replicas, d) }
    }

    /// IsSaturated: the new ReplicaSet has every replica the deployment wants, all available.
    private func isSaturated(_ d: Deployment, _ rs: ReplicaSet) -> Bool {
        rs.spec.replicas == d.spec.replicas && Int(rs.metadata.annotations.valueScanning(forKey: Self.desiredAnnotation) ?? "") == d.spec.replicas
            && rs.status.availableReplicas == d.spec.replicas
    }

    // MARK: strategies

    /// One step of a rolling update; returns whether it scaled a ReplicaSet (the sync then only
    /// updates the status, as rolloutRolling returns early).
    private func rolloutRolling(_ current: Reading) -> Bool {
        let d = current.deployment
        let (created, oldRSs) = current.newRS != nil ? (current.newRS, current.oldRSs) : newAndOld(d, current.owned, create: true)
        guard let newRS = created.flatMap({ store.get(ReplicaSet.self, key: $0.key) }) else { return false }
        // Scale up the new ReplicaSet as far as maxSurge allows.
        if newRS.spec.replicas != d.spec.replicas {
            let all = oldRSs.reduce(0) { $0 + $1.spec.replicas } + newRS.spec.replicas
            let target = newRS.spec.replicas > d.spec.replicas ? d.spec.replicas
                : RolloutMath.newReplicaSetReplicas(d, allReplicas: all, newReplicas: newRS.spec.replicas)
            if scaleReplicaSet(newRS, to: target, d) { return true }
        }
        return reconcileOld(d, newRS: newRS, oldRSs: oldRSs)
    }

    /// Scales old ReplicaSets down as far as maxUnavailable allows, unhealthy pods first.
    private func reconcileOld(_ d: Deployment, newRS: ReplicaSet, oldRSs: [ReplicaSet]) -> Bool {
        var old = oldRSs.compactMap { store.get(ReplicaSet.self, key: $0.key) }
        guard old.reduce(0, { $0 + $1.spec.replicas }) > 0 else { return false }
        let unavailable = RolloutMath.surgeAndUnavailable(d).unavailable
        let minAvailable = d.spec.replicas - unavailable
        let allPods = old.reduce(0) { $0 + $1.spec.replicas } + newRS.spec.replicas
        let newUnavailable = newRS.spec.replicas - newRS.status.availableReplicas
        let maxScaledDown = allPods - minAvailable - newUnavailable
        guard maxScaledDown > 0 else { return false }
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
        guard available > minAvailable else { return cleaned > 0 }
        // scaleDownOldReplicaSetsForRollingUpdate is bounded by availability alone; here also by
        // maxScaledDown, because an old ReplicaSet just scaled down still reports its former
        // available pods until its controller syncs, and in virtual time that sync can come at
        // the same instant just after this one, which would take availability below the floor.
        var toScaleDown = min(available - minAvailable, maxScaledDown - cleaned)
        var scaled = cleaned
        for rs in old where toScaleDown > 0 && rs.spec.replicas > 0 {
            let count = min(rs.spec.replicas, toScaleDown)
            scaleReplicaSet(rs, to: rs.spec.replicas - count, d)
            toScaleDown -= count
            scaled += count
        }
        return scaled > 0
    }

    /// One step of a Recreate rollout; returns whether the sync should only update the status.
    private func rolloutRecreate(_ current: Reading) -> Bool {
        let (d, owned, existingNew, oldRSs) = (current.deployment, current.owned, current.newRS, current.oldRSs)
        var scaledDown = false
        for rs in oldRSs where rs.spec.replicas > 0 { scaledDown = scaleReplicaSet(rs, to: 0, d) || scaledDown }
        if scaledDown { return true }
        let oldPodsRunning = oldRSs.contains { !store.pods(ownedBy: $0.metadata.uid).isEmpty }
        if oldPodsRunning { return true }
        let newRS = existingNew ?? newAndOld(d, owned, create: true).0
        if let rs = newRS.flatMap({ store.get(ReplicaSet.self, key: $0.key) }), rs.spec.replicas != d.spec.replicas {
            scaleReplicaSet(rs, to: d.spec.replicas, d)
        }
        return false
    }

    /// cleanupDeployment: the old ReplicaSets beyond revisionHistoryLimit, lowest revisions
    /// first, are deleted if they are empty; a non-empty one among them is skipped, not replaced.
    private func cleanupOldReplicaSets(_ name: ObjectKey) {
        guard let current = read(name) else { return }
        let (d, newRS, old) = (current.deployment, current.newRS, current.oldRSs)
        let alive = old.filter { $0.name != newRS?.name && !$0.isTerminating }
        let excess = alive.count - d.spec.revisionHistoryLimit
        guard excess > 0 else { return }
        let byRevision = alive.sorted { (revision($0), $0.metadata.creationTimestamp) < (revision($1), $1.metadata.creationTimestamp) }
        for rs in byRevision.prefix(excess) where rs.spec.replicas == 0 && rs.status.replicas == 0
            && rs.metadata.generation <= rs.status.observedGeneration {
            try? store.delete(ReplicaSet.self, key: rs.key)
        }
    }

    // MARK: status

    /// SetDeploymentCondition: a condition with the same status and reason is left as it is
    /// (message and times too); otherwise the old one is removed and the new one appended,
    /// keeping lastTransitionTime when the status did not change. So a changed condition moves last.
    private func setCondition(_ status: inout DeploymentStatus, _ type: String, _ value: String, _ reason: String, _ message: String,
                              lastTransition: SimTime? = nil) {
        let now = store.now
        let current = status.condition(type)
        if let current, current.status == value, current.reason == reason { return }
        var transition = lastTransition ?? now
        if let current, current.status == value { transition = current.lastTransitionTime }
        status.conditions.removeAll { $0.type == type }
        status.conditions.append(DeploymentCondition(type: type, status: value, reason: reason, message: message,
                                                     lastUpdateTime: now, lastTransitionTime: transition))
    }

    /// progressDeadlineSeconds unset means math.MaxInt32 (HasProgressDeadline).
    static func hasProgressDeadline(_ d: Deployment) -> Bool { d.spec.progressDeadlineSeconds != Int(Int32.max) }

    /// DeploymentComplete: every replica updated and available, and the spec observed.
    static func isComplete(_ d: Deployment, _ status: DeploymentStatus) -> Bool {
        status.updatedReplicas == d.spec.replicas && status.replicas == d.spec.replicas
            && status.availableReplicas == d.spec.replicas && status.observedGeneration >= d.metadata.generation
    }

    /// DeploymentProgressing: more updated, ready or available pods, or fewer old ones.
    private static func isProgressing(from old: DeploymentStatus, to new: DeploymentStatus) -> Bool {
        new.updatedReplicas > old.updatedReplicas || new.replicas - new.updatedReplicas < old.replicas - old.updatedReplicas
            || new.readyReplicas > old.readyReplicas || new.availableReplicas > old.availableReplicas
    }

    /// DeploymentTimedOut: no progress reported within progressDeadlineSeconds.
    private func hasTimedOut(_ d: Deployment, _ status: DeploymentStatus) -> Bool {
        guard Self.hasProgressDeadline(d), let c = status.condition("Progressing") else { return false }
        if c.reason == "NewReplicaSetAvailable" { return false }
        if c.reason == "ProgressDeadlineExceeded" { return true }
        return c.lastUpdateTime + .seconds(d.spec.progressDeadlineSeconds) < store.now
    }

    /// calculateStatus: counts over every ReplicaSet; the conditions carried over, with Available
    /// set from the minimum availability.
    private func calculateStatus(_ d: Deployment, _ owned: [ReplicaSet], newRS: ReplicaSet?) -> DeploymentStatus {
        var status = DeploymentStatus()
        status.observedGeneration = d.metadata.generation
        status.replicas = owned.reduce(0) { $0 + $1.status.replicas }
        status.updatedReplicas = newRS?.status.replicas ?? 0
        status.readyReplicas = owned.reduce(0) { $0 + $1.status.readyReplicas }
        status.availableReplicas = owned.reduce(0) { $0 + $1.status.availableReplicas }
        // Desired replicas of every ReplicaSet, not the deployment's: during a surge the new
        // pods not yet available count. More available than desired (scaling down) is 0.
        status.unavailableReplicas = max(0, owned.reduce(0) { $0 + $1.spec.replicas } - status.availableReplicas)
        status.collisionCount = d.status.collisionCount
        status.conditions = d.status.conditions
        let unavailable = RolloutMath.surgeAndUnavailable(d).unavailable
        if status.availableReplicas >= d.spec.replicas - unavailable {
            setCondition(&status, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
        } else {
            setCondition(&status, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.")
        }
        return status
    }

    /// Writes the status: after a scaling event only the counts and Available
    /// (syncDeploymentStatus); otherwise also the Progressing estimate (syncRolloutStatus).
    private func syncStatus(_ name: ObjectKey, estimatingProgress: Bool) {
        guard let current = read(name) else { return }
        let (d, newRS) = (current.deployment, current.newRS)
        var status = calculateStatus(d, current.owned, newRS: newRS)
        if estimatingProgress {
            estimateProgress(d, &status, newRS: newRS)
        }
        guard status != d.status else {
            if estimatingProgress { requeueStuckDeployment(d, status) }
            return
        }
        _ = try? store.modify(Deployment.self, key: name) { $0.status = status }
    }

    /// The Progressing condition (syncRolloutStatus). A complete rollout whose ReplicaSets all
    /// run the new template is not estimated again: scaling it or losing pods leaves it complete.
    private func estimateProgress(_ d: Deployment, _ status: inout DeploymentStatus, newRS: ReplicaSet?) {
        guard Self.hasProgressDeadline(d) else {
            status.conditions.removeAll { $0.type == "Progressing" }
            return
        }
        let current = d.status.condition("Progressing")
        if status.replicas == status.updatedReplicas && current?.reason == "NewReplicaSetAvailable" { return }
        // Made only for a condition that changes (most syncs of a growing rollout change none).
        func message(_ predicate: String) -> String {
            newRS.map { String(concatenating: "ReplicaSet \"", $0.name, "\" ", predicate) }
                ?? String(concatenating: "Deployment \"", d.name, "\" ", predicate)
        }
        if Self.isComplete(d, status) {
            setCondition(&status, "Progressing", "True", "NewReplicaSetAvailable", message("has successfully progressed."))
        } else if Self.isProgressing(from: d.status, to: status) {
            // Progress refreshes lastUpdateTime even with the same reason: remove, then set.
            let keep = current?.status == "True" ? current?.lastTransitionTime : nil
            status.conditions.removeAll { $0.type == "Progressing" }
            setCondition(&status, "Progressing", "True", "ReplicaSetUpdated", message("is progressing."), lastTransition: keep)
        } else if hasTimedOut(d, status) {
            setCondition(&status, "Progressing", "False", "ProgressDeadlineExceeded", message("has timed out progressing."))
        }
    }

    /// A rollout with no progress is looked at again when its deadline passes, so that it
    /// times out without waiting for another event. A rollout that completed and has since
    /// lost pods (NewReplicaSetAvailable) never times out: upstream still requeues it, rate
    /// limited, for as long as pods are missing, but those syncs find the store as the last one
    /// left it and change nothing, so they are not simulated (they were most of a chaos soak's
    /// work); the pods' comings and goings sync it as before.
    private func requeueStuckDeployment(_ d: Deployment, _ status: DeploymentStatus) {
        guard Self.hasProgressDeadline(d), let c = d.status.condition("Progressing"), !Self.isComplete(d, status),
              c.reason != "ProgressDeadlineExceeded", c.reason != "NewReplicaSetAvailable" else { return }
        let deadline = c.lastUpdateTime + .seconds(d.spec.progressDeadlineSeconds)
        if deadline - store.now < .seconds(1) {
            queue.add(d.key)
            return
        }
        // A second more, as upstream adds against clock skew; timing out needs now > deadline.
        let at = deadline + .seconds(1)
        if let pending = progressChecks[d.key], pending <= at, pending > store.now { return }
        progressChecks[d.key] = at
        let name = d.key
        lifeline.schedule(on: store.clock, after: at - store.now, owner: self) { controller in
            guard controller.progressChecks[name] == at else { return }
            controller.progressChecks[name] = nil
            controller.queue.add(name)
        }
    }
}
