/// Runs one pod of each DaemonSet on every eligible node (pkg/controller/daemon): claims pods by
/// selector, creates a pod pinned to each node that should run one (the scheduler binds it, as
/// upstream does since 1.12), deletes pods from nodes that no longer qualify, replaces old pods
/// during a rolling update, and reports status.
final class DaemonSetController {
    static let component = "daemonset-controller"
    static let eventSource = EventSource(component: component)
    static let burstReplicas = 250
    /// Pod labels linking a daemon pod to the template it was made from.
    static let revisionHashLabel = "controller-revision-hash"
    static let templateGenerationLabel = "pod-template-generation"
    static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

    private let store: Store
    private let recorder: EventRecorder
    private var queue: WorkQueue<ObjectKey>!
    /// failedPodsBackoff: per DaemonSet, generation and node, how long to wait before deleting the
    /// next failed pod there (1s doubling to 15m), so a kubelet that keeps rejecting pods is not hammered.
    private var failedPodBackoff: [String: (delay: SimDuration, last: SimTime)] = [:]
    static let initialBackoff = SimDuration.seconds(1)
    static let maxBackoff = SimDuration.seconds(15 * 60)

    init(store: Store, recorder: EventRecorder, pace: Pace) {
        self.store = store
        self.recorder = recorder
        queue = WorkQueue(clock: store.clock, delay: pace.controllerReaction, name: "daemonset") { [unowned self] in self.sync($0) }
        store.watch([.daemonSet, .pod, .node]) { [unowned self] in self.observe($0) }
    }

    private func observe(_ event: WatchEvent) {
        switch event.kind {
        case .daemonSet:
            queue.add(event.object.key)
        case .pod:
            let pod = event.pod!, old = event.oldPod
            // Nearly every pod is another controller's, keeps its owner and labels, and is none of
            // this controller's business: told apart in place, before the fuller comparison.
            if pod.metadata.controllerUID != nil, pod.metadata.controllerName(ofKind: "DaemonSet") == nil,
               old == nil || old!.metadata.sharesFields(with: pod.metadata)
                || (old!.metadata.controllerName(ofKind: "DaemonSet") == nil && old!.metadata.labels == pod.metadata.labels) {
                return
            }
            if event.type != .deleted, let old, !ReplicaSetController.mattersToReplicaSets(old, pod) { return }
            // Owners are in the pod's own namespace.
            let namespace = pod.metadata.namespace
            if let name = pod.metadata.controllerName(ofKind: "DaemonSet") { queue.add(ObjectKey(namespace: namespace, name: name)) }
            if let name = old?.metadata.controllerName(ofKind: "DaemonSet"), old?.metadata.controllerUID != pod.metadata.controllerUID {
                queue.add(ObjectKey(namespace: namespace, name: name))
            }
            if pod.metadata.controllerUID == nil || (old != nil && old!.metadata.labels != pod.metadata.labels) {
                for ds in store.list(DaemonSet.self, namespace: namespace) where ds.spec.selector.matches(pod.metadata.labels) { queue.add(ds.key) }
            }
        case .node:
            // A node joining, leaving, or changing labels, taints or readiness may change where daemons run.
            let node = event.object as! Node, old = event.old as? Node
            if let old, old.metadata.labels == node.metadata.labels, old.spec == node.spec, old.isReady == node.isReady { return }
            for ds in store.list(DaemonSet.self) { queue.add(ds.key) }
        default:
            break
        }
    }

    // MARK: which nodes

    /// (shouldRun, shouldContinueRunning) for `ds` on `node` (NodeShouldRunDaemonPod): the node
    /// must match the template's nodeName, nodeSelector and node affinity; an untolerated
    /// NoSchedule taint stops new pods, an untolerated NoExecute taint also removes running ones.
    static func nodeShouldRunDaemonPod(_ node: Node, _ ds: DaemonSet) -> (shouldRun: Bool, shouldContinueRunning: Bool) {
        var spec = ds.spec.template.spec
        DaemonPodTolerations.apply(to: &spec)
        if !spec.nodeName.isEmpty && spec.nodeName != node.name { return (false, false) }
        let fitsSelector = spec.nodeSelector.allSatisfy { node.metadata.labels[$0.key] == $0.value }
        let fitsAffinity = spec.nodeAffinity?.matches(node) ?? true
        if !fitsSelector || !fitsAffinity { return (false, false) }
        let untolerated = node.spec.taints.filter { taint in !spec.tolerations.contains { $0.tolerates(taint) } }
        if untolerated.contains(where: { $0.effect == "NoSchedule" || $0.effect == "NoExecute" }) {
            return (false, !untolerated.contains { $0.effect == "NoExecute" })
        }
        return (true, true)
    }

    /// The node a daemon pod belongs to: its nodeName once bound, else the node its affinity pins (GetTargetNodeName).
    static func targetNode(_ pod: Pod) -> String? {
        pod.isScheduled ? pod.spec.nodeName : pod.spec.nodeAffinity?.pinnedNodeName
    }

    static func templateGeneration(_ ds: DaemonSet) -> String {
        ds.metadata.annotations[templateGenerationAnnotation] ?? String(ds.metadata.generation)
    }

    static func isUpdated(_ pod: Pod, _ ds: DaemonSet, hash: String) -> Bool {
        pod.metadata.labels[revisionHashLabel] == hash || pod.metadata.labels[templateGenerationLabel] == templateGeneration(ds)
    }

    private func isAvailable(_ pod: Pod, minReadySeconds: Int) -> Bool {
        guard pod.isReady else { return false }
        if minReadySeconds == 0 { return true }
        let since = pod.status.condition("Ready")?.lastTransitionTime ?? store.now
        return since + .seconds(Double(minReadySeconds)) <= store.now
    }

    // MARK: sync

    private func sync(_ name: ObjectKey) {
        guard let ds = store.get(DaemonSet.self, key: name), !ds.isTerminating else { return }
        if ds.spec.selector.isEmpty {
            recorder.record(ds, type: "Warning", reason: "SelectingAll", message: "This daemon set is selecting all pods. A non-empty selector is required.", from: Self.eventSource)
            return
        }
        let hash = TemplateHash.compute(ds.spec.template)
        let nodes = store.list(Node.self)
        var byNode = nodeToDaemonPods(ds)
        manage(ds, nodes: nodes, byNode: byNode)
        if ds.spec.updateStrategy.type == "RollingUpdate" {
            byNode = nodeToDaemonPods(ds)
            rollingUpdate(ds, nodes: nodes, byNode: byNode, hash: hash)
        }
        updateStatus(ds, nodes: nodes, byNode: nodeToDaemonPods(ds), hash: hash)
    }

    /// Claims pods (adopting matching orphans, releasing owned pods that no longer match) and
    /// groups them by the node they are for, oldest first.
    private func nodeToDaemonPods(_ ds: DaemonSet) -> [String: [Pod]] {
        var claimed: [Pod] = []
        for pod in store.pods(ownedBy: ds.metadata.uid) {
            if ds.spec.selector.matches(pod.metadata.labels) {
                claimed.append(pod)
            } else if !pod.isTerminating {
                _ = try? store.modify(Pod.self, key: pod.key) { $0.metadata.ownerReferences.removeAll { $0.uid == ds.metadata.uid } }
            }
        }
        let ref = ownerReference(ds)
        for key in store.pods.names(index: IndexName.orphan, key: "").sorted() where key.namespace == ds.metadata.namespace {
            guard let pod = store.get(Pod.self, key: key), !pod.isTerminating, ds.spec.selector.matches(pod.metadata.labels) else { continue }
            if let adopted = try? store.modify(Pod.self, key: key, { $0.metadata.ownerReferences.append(ref) }) { claimed.append(adopted) }
        }
        var byNode: [String: [Pod]] = [:]
        for pod in claimed {
            guard let node = Self.targetNode(pod) else { continue }
            byNode[node, default: []].append(pod)
        }
        for key in byNode.keys { byNode[key]!.sort(by: Self.olderFirst) }
        return byNode
    }

    /// podByCreationTimestampAndPhase: bound pods first, then by creation time, then by name.
    static func olderFirst(_ a: Pod, _ b: Pod) -> Bool {
        if a.isScheduled != b.isScheduled { return a.isScheduled }
        if a.metadata.creationTimestamp != b.metadata.creationTimestamp { return a.metadata.creationTimestamp < b.metadata.creationTimestamp }
        return a.name < b.name
    }

    private func ownerReference(_ ds: DaemonSet) -> OwnerReference {
        OwnerReference(apiVersion: "apps/v1", kind: "DaemonSet", name: ds.name, uid: ds.metadata.uid)
    }

    /// Creates the missing daemon pods and deletes those that must go (manage / podsShouldBeOnNode).
    private func manage(_ ds: DaemonSet, nodes: [Node], byNode: [String: [Pod]]) {
        var needing: [String] = [], toDelete: [String] = []
        for node in nodes {
            let (shouldRun, shouldContinueRunning) = Self.nodeShouldRunDaemonPod(node, ds)
            let pods = byNode[node.name] ?? []
            if shouldRun && pods.isEmpty {
                needing.append(node.name)
            } else if shouldContinueRunning {
                var running: [Pod] = []
                for pod in pods where !pod.isTerminating {
                    if pod.status.phase == "Failed" {
                        let key = "\(ds.metadata.uid)/\(ds.status.observedGeneration)/\(node.name)"
                        if let backoff = failedPodBackoff[key], store.now < backoff.last + backoff.delay {
                            queue.add(ds.key, after: backoff.last + backoff.delay - store.now)
                            continue
                        }
                        let delay = failedPodBackoff[key].map { min($0.delay + $0.delay, Self.maxBackoff) } ?? Self.initialBackoff
                        failedPodBackoff[key] = (delay, store.now)
                        recorder.record(ds, type: "Warning", reason: "FailedDaemonPod",
                                        message: "Found failed daemon pod \(pod.metadata.namespace)/\(pod.name) on node \(node.name), will try to kill it", from: Self.eventSource)
                        toDelete.append(pod.name)
                    } else if pod.status.phase == "Succeeded" {
                        recorder.record(ds, reason: "SucceededDaemonPod",
                                        message: "Found succeeded daemon pod \(pod.metadata.namespace)/\(pod.name) on node \(node.name), will try to delete it", from: Self.eventSource)
                        toDelete.append(pod.name)
                    } else {
                        running.append(pod)
                    }
                }
                // Without surge, one pod per node: keep the oldest.
                toDelete += running.dropFirst().map(\.name)
            } else if !pods.isEmpty {
                toDelete += pods.filter { !$0.isTerminating }.map(\.name)
            }
        }
        // Pods pinned to a node that no longer exists will never be scheduled: delete them.
        let nodeNames = Set(nodes.map(\.name))
        for (node, pods) in byNode.sorted(by: { $0.key < $1.key }) where !nodeNames.contains(node) {
            toDelete += pods.filter { !$0.isScheduled && !$0.isTerminating }.map(\.name)
        }
        syncNodes(ds, delete: toDelete, createOn: needing)
    }

    /// A rolling update without surge (rolling_update.go): old pods that are unavailable go at
    /// once; available old pods go while fewer than maxUnavailable daemon pods are unavailable.
    /// The manage pass creates the replacement once the old pod is gone.
    private func rollingUpdate(_ ds: DaemonSet, nodes: [Node], byNode: [String: [Pod]], hash: String) {
        let desired = nodes.filter { Self.nodeShouldRunDaemonPod($0, ds).shouldRun }.count
        let maxUnavailable = max(RolloutMath.resolve(ds.spec.updateStrategy.maxUnavailable, total: desired, roundUp: true), 1)
        var unavailable = 0
        var replaceNow: [String] = [], candidates: [String] = []
        for node in byNode.keys.sorted() {
            let live = byNode[node]!.filter { !$0.isTerminating }
            let new = live.first { Self.isUpdated($0, ds, hash: hash) }
            let old = live.first { !Self.isUpdated($0, ds, hash: hash) }
            switch (old, new) {
            case (nil, nil), (.some, .some):
                unavailable += 1
            case (nil, let new?):
                if !isAvailable(new, minReadySeconds: ds.spec.minReadySeconds) { unavailable += 1 }
            case (let old?, nil):
                if !isAvailable(old, minReadySeconds: ds.spec.minReadySeconds) {
                    replaceNow.append(old.name)
                } else if unavailable < maxUnavailable {
                    candidates.append(old.name)
                }
            }
        }
        let room = min(max(maxUnavailable - unavailable, 0), candidates.count)
        syncNodes(ds, delete: replaceNow + candidates.prefix(room), createOn: [])
    }

    private func syncNodes(_ ds: DaemonSet, delete names: [String], createOn nodes: [String]) {
        let hash = TemplateHash.compute(ds.spec.template)
        var template = ds.spec.template
        DaemonPodTolerations.apply(to: &template.spec)
        template.labels[Self.templateGenerationLabel] = Self.templateGeneration(ds)
        template.labels[Self.revisionHashLabel] = hash
        var next = nodes.prefix(Self.burstReplicas).makeIterator()
        SlowStart.run(count: min(nodes.count, Self.burstReplicas)) {
            guard let node = next.next() else { return false }
            var meta = ObjectMeta(generateName: ds.name + "-", namespace: ds.metadata.namespace, labels: template.labels, annotations: template.annotations)
            meta.ownerReferences = [ownerReference(ds)]
            var spec = template.spec
            spec.nodeAffinity = NodeAffinity.pinned(to: node)
            do {
                let created = try store.create(Pod(metadata: meta, spec: spec))
                recorder.record(ds, reason: "SuccessfulCreate", message: "Created pod: \(created.name)", from: Self.eventSource)
                return true
            } catch {
                recorder.record(ds, type: "Warning", reason: "FailedCreate", message: "Error creating: \(APIError.message(of: error))", from: Self.eventSource)
                return false
            }
        }
        for name in names.prefix(Self.burstReplicas) {
            do {
                try store.delete(Pod.self, name, namespace: ds.metadata.namespace)
                recorder.record(ds, reason: "SuccessfulDelete", message: "Deleted pod: \(name)", from: Self.eventSource)
            } catch {
                recorder.record(ds, type: "Warning", reason: "FailedDelete", message: "Error deleting: \(error)", from: Self.eventSource)
            }
        }
    }

    /// updateDaemonSetStatus: counts over the nodes, looking at the oldest pod on each.
    private func updateStatus(_ ds: DaemonSet, nodes: [Node], byNode: [String: [Pod]], hash: String) {
        var status = DaemonSetStatus()
        status.observedGeneration = ds.metadata.generation
        for node in nodes {
            let shouldRun = Self.nodeShouldRunDaemonPod(node, ds).shouldRun
            let pods = byNode[node.name] ?? []
            guard shouldRun else {
                if !pods.isEmpty { status.numberMisscheduled += 1 }
                continue
            }
            status.desiredNumberScheduled += 1
            guard let pod = pods.first else { continue }
            status.currentNumberScheduled += 1
            if pod.isReady {
                status.numberReady += 1
                if isAvailable(pod, minReadySeconds: ds.spec.minReadySeconds) {
                    status.numberAvailable += 1
                } else {
                    queue.add(ds.key, after: .seconds(Double(ds.spec.minReadySeconds)))
                }
            }
            if Self.isUpdated(pod, ds, hash: hash) { status.updatedNumberScheduled += 1 }
        }
        status.numberUnavailable = status.desiredNumberScheduled - status.numberAvailable
        if status != ds.status { _ = try? store.modify(DaemonSet.self, key: ds.key) { $0.status = status } }
    }
}
