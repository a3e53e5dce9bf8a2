/// Keeps each PodDisruptionBudget's status current (pkg/controller/disruption): how many of its
/// pods are expected and healthy, how many must stay healthy, and so how many evictions it
/// allows now. Woken by changes to budgets and to the pods they select, and again when an
/// eviction it has not seen happen (status.disruptedPods) times out.
final class DisruptionController {
    static let component = "controllermanager"
    static let eventSource = EventSource(component: component)
    /// How long an eviction's pod counts as already gone before the controller stops expecting
    /// its deletion (DeletionTimeout).
    static let deletionTimeout = SimDuration.seconds(120)
    static let conditionType = "DisruptionAllowed"

    private let store: Store
    private let recorder: EventRecorder
    private var queue: WorkQueue<ObjectKey>!

    init(store: Store, recorder: EventRecorder, pace: Pace) {
        self.store = store
        self.recorder = recorder
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction, name: "disruption") { [unowned self] in self.sync($0) }
        store.watch([.podDisruptionBudget, .pod]) { [unowned self] event in
            switch event.kind {
            case .podDisruptionBudget:
                if event.type != .deleted { self.queue.add(event.object.key) }
            case .pod:
                // The budgets of the pod before and after the change (a relabel moves it), each
                // version asked on its own: no array of the two is made on every pod write.
                if let old = event.oldPod { for pdb in self.store.budgets(guarding: old) { self.queue.add(pdb.key) } }
                if let pod = event.pod { for pdb in self.store.budgets(guarding: pod) { self.queue.add(pdb.key) } }
            default:
                break
            }
        }
    }

    private func sync(_ key: ObjectKey) {
        guard let pdb = store.get(PodDisruptionBudget.self, key: key) else { return }
        let pods = store.pods(guardedBy: pdb)
        if pods.isEmpty {
            recorder.record(pdb, reason: "NoPods", message: "No matching pods found", from: Self.eventSource)
        }
        let counts: BudgetMath.Expected
        do {
            counts = try BudgetMath.expected(pdb, pods: pods, scaleOf: controllerScale)
        } catch let error as BudgetMath.SyncError {
            recorder.record(pdb, type: "Warning", reason: "CalculateExpectedPodCountFailed",
                            message: "Failed to calculate the number of expected pods: \(error.message)", from: Self.eventSource)
            failSafe(pdb, error.message)
            return
        } catch { return }
        if !counts.unmanagedPods.isEmpty {
            recorder.record(pdb, type: "Warning", reason: "UnmanagedPods", message: "Pods selected by this PodDisruptionBudget (selector: \(Self.selectorText(pdb.spec.selector))) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set \".spec.minAvailable\" field of the PDB to an integer value.",
                            from: Self.eventSource)
        }
        let now = store.now
        let (disrupted, recheck) = disruptedPods(pdb, pods: pods, now: now)
        let healthy = BudgetMath.currentHealthy(pods, disrupted: disrupted, now: now)
        _ = try? store.modify(PodDisruptionBudget.self, key: key) { pdb in
            BudgetMath.setStatus(&pdb, currentHealthy: healthy, desiredHealthy: counts.desiredHealthy,
                                 expectedPods: counts.expectedPods, disruptedPods: disrupted, now: now)
        }
        if let recheck { queue.add(key, after: recheck - now) }
    }

    /// The evictions still expected to end in a deletion; a pod not deleted within the timeout
    /// is reported and forgotten (buildDisruptedPodMap). Also returns when the next one times out.
    private func disruptedPods(_ pdb: PodDisruptionBudget, pods: [Pod], now: SimTime) -> ([String: SimTime], SimTime?) {
        var kept: [String: SimTime] = [:]
        var recheck: SimTime?
        for pod in pods where !pod.isTerminating {
            guard let disruptedAt = pdb.status.disruptedPods[pod.name] else { continue }
            let expectedDeletion = disruptedAt + Self.deletionTimeout
            if expectedDeletion < now {
                // Upstream names the budget `namespace/namespace` in this message.
                recorder.record(pod, type: "Warning", reason: "NotDeleted",
                                message: "Pod was expected by PDB \(pdb.namespace)/\(pdb.namespace) to be deleted but it wasn't", from: Self.eventSource)
            } else {
                kept[pod.name] = disruptedAt
                recheck = min(recheck ?? expectedDeletion, expectedDeletion)
            }
        }
        return (kept, recheck)
    }

    /// Sets disruptionsAllowed to 0 with a SyncFailed condition, so no eviction passes a budget
    /// the controller could not compute.
    private func failSafe(_ pdb: PodDisruptionBudget, _ message: String) {
        let now = store.now
        _ = try? store.modify(PodDisruptionBudget.self, key: pdb.key) { pdb in
            pdb.status.disruptionsAllowed = 0
            BudgetMath.setCondition(&pdb.status, status: "False", reason: "SyncFailed", message: message,
                                    observedGeneration: pdb.status.observedGeneration, now: now)
        }
    }

    /// The scale of a pod's controller, as the controller finders resolve it: a Deployment
    /// through its ReplicaSet, a lone ReplicaSet itself; other kinds have no scale subresource here.
    private func controllerScale(_ ref: OwnerReference, namespace: String) throws -> (uid: String, scale: Int)? {
        switch ref.kind {
        case "ReplicaSet":
            guard let rs = store.get(ReplicaSet.self, ref.name, namespace: namespace), rs.metadata.uid == ref.uid else { return nil }
            guard let owner = rs.metadata.controllerRef, owner.kind == "Deployment" else { return (rs.metadata.uid, rs.spec.replicas) }
            guard let d = store.get(Deployment.self, owner.name, namespace: namespace), d.metadata.uid == owner.uid else { return nil }
            return (d.metadata.uid, d.spec.replicas)
        case "Deployment":
            guard let d = store.get(Deployment.self, ref.name, namespace: namespace), d.metadata.uid == ref.uid else { return nil }
            return (d.metadata.uid, d.spec.replicas)
        case "DaemonSet":
            throw BudgetMath.SyncError(message: "daemonsets.apps does not implement the scale subresource")
        default:
            return nil
        }
    }

    /// `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`
    /// is how Go prints the selector in the UnmanagedPods event.
    static func selectorText(_ selector: LabelSelector?) -> String {
        guard let selector else { return "nil" }
        let labels = selector.matchLabels.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)," }.joined()
        return "&LabelSelector{MatchLabels:map[string]string{\(labels)},MatchExpressions:[]LabelSelectorRequirement{},}"
    }
}

extension Store {
    /// The budgets whose selector picks `pod` (GetPodPodDisruptionBudgets), by name.
    public func budgets(guarding pod: Pod) -> [PodDisruptionBudget] {
        guard podDisruptionBudgets.count > 0 else { return [] }
        return list(PodDisruptionBudget.self, namespace: pod.metadata.namespace).filter { $0.guards(pod) }
    }

    /// The pods `pdb` selects, terminating ones included.
    public func pods(guardedBy pdb: PodDisruptionBudget) -> [Pod] {
        guard let selector = pdb.spec.selector else { return [] }
        return list(Pod.self, selector: selector, namespace: pdb.metadata.namespace)
    }
}
