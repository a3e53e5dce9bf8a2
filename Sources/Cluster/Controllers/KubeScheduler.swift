/// The default scheduler (pkg/scheduler): for each unscheduled pod, filter the nodes, score the
/// feasible ones, bind to the best (ties broken by the seeded generator), or report why not.
final class KubeScheduler {
    static let component = "default-scheduler"
    static let eventSource = EventSource(component: component)

    private let store: Store
    private let recorder: EventRecorder
    private let random: RandomSource
    private let cache = SchedulerCache()
    private var queue: WorkQueue<ObjectKey>!
    private let retryInterval: SimDuration
    /// Pods that did not fit, with when they were parked; retried when the cluster changes
    /// (MoveAllToActiveOrBackoffQueue) or once they have waited the retry interval.
    /// Sharded: a scale past the nodes' room leaves tens of thousands here.
    private var unschedulable = ShardedDictionary<ObjectKey, SimTime>()
    private var nextStartNodeIndex = 0
    /// Scratch for topology spreading (see TopologySpreadScore.scores).
    private var spreadScratch = TopologySpreadScore.Scratch()
    /// The feasible nodes' indexes of the cycle in progress (see `Array.overwrite`).
    private var feasibleScratch: [Int] = []
    /// Each node's resource score, kept while its figures and the pod's request stay the same.
    private var resourceScores = ResourceScores()
    private var hostSelection = HostSelection()
    private var sampled = SampledPlacement()
    /// Whether cycles the sampled placement can answer skip the walk over the nodes (tests
    /// turn it off to compare the two).
    var placesBySample = true
    /// Cycles the sampled placement answered.
    private(set) var placedBySample = 0
    /// How many nodes each scheduling cycle scored (for `kubesim bench` and the sampling tests).
    let tally = SchedulingTally()

    /// What this controller's timers hold of it (not a weak reference: see `Lifeline`).
    private let lifeline = Lifeline()

    deinit { lifeline.end() }

    init(store: Store, recorder: EventRecorder, random: RandomSource, pace: Pace) {
        self.store = store
        self.recorder = recorder
        self.random = random
        retryInterval = pace.unschedulableRetry
        queue = WorkQueue(clock: store.clock, delay: pace.schedulerReaction, name: "scheduler") { [unowned self] in self.schedule($0) }
        store.watch([.pod, .node]) { [unowned self] in self.observe($0) }
    }

    private func observe(_ event: WatchEvent) {
        cache.observe(event, store: store)
        switch event.kind {
        case .pod:
            let pod = event.pod!
            if event.type != .deleted && !pod.isScheduled && !pod.isTerminating {
                if event.type == .added { queue.add(pod.key) }
            } else if event.type == .deleted || event.oldPod?.isTerminating == false && pod.isTerminating {
                if event.type == .deleted { unschedulable.removeValue(forKey: pod.key) } // a deleted Pending pod is not retried
                if pod.isScheduled { retryUnschedulable() } // freed resources
            }
        case .node:
            let old = event.old as? Node, node = event.object as! Node
            // What a node update can change about where pods fit (nodeSchedulingPropertiesChange):
            // its spec (cordon, taints), allocatable, readiness and labels (a selector or node
            // affinity a Pending pod waits for).
            if old == nil || old!.spec != node.spec || old!.status.allocatable != node.status.allocatable || old!.isReady != node.isReady
                || old!.metadata.labels != node.metadata.labels {
                retryUnschedulable()
            }
        default:
            break
        }
    }

    private func retryUnschedulable() {
        for key in unschedulable.keys.sorted() { queue.add(key) }
        unschedulable.removeAll()
    }

    // MARK: filtering

    enum FilterFailure: Hashable {
        case unschedulable, taint(Taint), selector, ports, insufficient(String), tooManyPods

        var reason: String {
            switch self {
            case .unschedulable: "node(s) were unschedulable"
            case .taint(let t): "node(s) had untolerated taint {\(t.key): \(t.value)}"
            case .selector: "node(s) didn't match Pod's node affinity/selector"
            case .ports: "node(s) didn't have free ports for the requested pod ports"
            case .insufficient(let r): "Insufficient \(r)"
            case .tooManyPods: "Too many pods"
            }
        }

        /// Resource shortages could be solved by evicting lower-priority pods; the rest could not.
        var isResolvableByPreemption: Bool {
            switch self {
            // NodePorts' rejection is Unschedulable, not unresolvable: evicting the holder would free the port.
            case .insufficient, .tooManyPods, .ports: true
            default: false
            }
        }
    }

    /// Why `node` cannot take `pod`; empty when it can. Filters run in the default plugin order
    /// (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit)
    /// and stop at the first that rejects the node (RunFilterPlugins), so each node is counted
    /// under one plugin; only NodeResourcesFit may give several reasons.
    private func filter(_ pod: Pod, wanting want: ResourceAmounts, hostPorts: [SchedulerCache.HostPort], _ node: SchedulerCache.NodeState,
                        _ figures: SchedulerCache.Figures) -> [FilterFailure] {
        // NodeUnschedulable: a cordoned node, unless the pod tolerates the unschedulable taint.
        if figures.unschedulable {
            let toleration = Taint(key: Taint.unschedulableKey, effect: "NoSchedule")
            if !pod.spec.tolerations.contains(where: { $0.tolerates(toleration) }) { return [.unschedulable] }
        }
        // NodeName has nothing to check: pods with spec.nodeName never reach the scheduler.
        // TaintToleration: the first NoSchedule or NoExecute taint not tolerated.
        if !node.schedulingTaints.isEmpty {
            for taint in node.schedulingTaints where !pod.spec.tolerations.contains(where: { $0.tolerates(taint) }) { return [.taint(taint)] }
        }
        // NodeAffinity (nodeSelector).
        if !pod.spec.nodeSelector.isEmpty && !pod.spec.nodeSelector.allSatisfy({ node.box.object.metadata.labels[$0.key] == $0.value }) {
            return [.selector]
        }
        // NodeAffinity (required terms; daemon pods are pinned to their node by matchFields).
        if let affinity = pod.spec.nodeAffinity, !affinity.matches(node.box.object) { return [.selector] }
        // NodePorts: a host port another pod on the node holds.
        if !hostPorts.isEmpty && !cache.portsAreFree(hostPorts, onNode: node.index) { return [.ports] }
        // NodeResourcesFit.
        let short = Self.shortfall(want, figures)
        var failures: [FilterFailure] = []
        if short.pods { failures.append(.tooManyPods) }
        if short.cpu { failures.append(.insufficient("cpu")) }
        if short.memory { failures.append(.insufficient("memory")) }
        return failures
    }

    /// NodeResourcesFit's checks on the figures alone: what the node lacks for `want`. The
    /// scheduling cycle reads it directly for plain nodes, without building a list of reasons.
    @inline(__always)
    static func shortfall(_ want: ResourceAmounts, _ node: SchedulerCache.Figures) -> (pods: Bool, cpu: Bool, memory: Bool) {
        (node.roomPods < 1, want.cpuMillis > 0 && want.cpuMillis > node.roomCPU, want.memoryBytes > 0 && want.memoryBytes > node.roomMemory)
    }

    /// How many feasible nodes to look for before scoring (numFeasibleNodesToFind).
    static func feasibleNodesToFind(_ total: Int) -> Int {
        if total < 100 { return total }
        let percentage = max(5, 50 - total / 125)
        return max(100, total * percentage / 100)
    }

    // MARK: scheduling one pod

    private func schedule(_ key: ObjectKey) {
        guard var pod = store.get(Pod.self, key: key), !pod.isScheduled, !pod.isTerminating else { return }
        switch pickNode(for: pod) {
        case .unschedulable(let message):
            fail(pod, message: message)
        case .node(let chosen):
            pod.spec.nodeName = chosen
            pod.status.setCondition("PodScheduled", "True", at: store.now)
            pod.metadata.resourceVersion = ""
            // The cache counts the pod on its node from the binding's watch event, delivered
            // before the update returns.
            guard let bound = try? store.update(consume pod) else { return }
            recorder.record(bound, reason: "Scheduled", message: String(concatenating: "Successfully assigned ", bound.metadata.namespace, "/", bound.metadata.name, " to ", chosen), from: Self.eventSource)
        }
    }

    private enum Placement {
        case node(String)
        case unschedulable(String)
    }

    /// Filters and scores the nodes for `pod`. It writes nothing to the cache: the figures it reads
    /// are held only here, so the binding's write, which changes them, does not copy them all.
    private func pickNode(for pod: Pod) -> Placement {
        let order = cache.order
        let total = order.count
        guard total > 0 else { return .unschedulable("no nodes available to schedule pods") }
        let wanted = Self.feasibleNodesToFind(total)
        var reasons: [String: Int] = [:]
        var preemption: [String: Int] = [:]
        var examined = 0
        let requests = pod.spec.requests
        // The request as the resource plugins read it, for the tree's placement or the walk's scores.
        let want = ResourceScores.Want(nonZero: SchedulerCache.scoringRequests(pod), requested: requests)
        // Most nodes are plain (schedulable, untainted) and most pods select none and ask for no
        // host port: for those
        // only the resource fit can reject, and it is read from the figures alone.
        let hostPorts = SchedulerCache.hostPorts(of: pod)
        let selectsNodes = !pod.spec.nodeSelector.isEmpty || pod.spec.nodeAffinity != nil || !hostPorts.isEmpty
        var position = nextStartNodeIndex % total // the nodes may have shrunk since
        if placesBySample && !selectsNodes,
           let placed = sampled.place(pod, want: want, cache: cache,
                                      start: position, wanted: wanted,
                                      rejects: { !filter(pod, wanting: requests, hostPorts: [], cache.node(index: $0)!, cache.figures[$0]).isEmpty },
                                      draw: { random.int(in: 0...($0 - 1)) }) {
            nextStartNodeIndex = (nextStartNodeIndex + placed.examined) % total
            tally.scored(placed.scored)
            placedBySample += 1
            return .node(cache.node(index: placed.node)!.name)
        }
        let figures = cache.figures
        // Read through buffers: a plain node costs a few loads and compares, no copy of its
        // figures, no bounds or uniqueness checks.
        var feasible: [Int] = []
        swap(&feasible, &feasibleScratch) // refilled in its own buffer, given back at the end
        defer { swap(&feasible, &feasibleScratch) }
        var foundCount = 0
        feasible.overwrite(count: wanted, filler: 0) { found in
            figures.withUnsafeBufferPointer { figures in
                order.withUnsafeBufferPointer { order in
                    while examined < total && foundCount < wanted {
                        let index = order[position]
                        examined += 1
                        position = position + 1 == total ? 0 : position + 1
                        if !selectsNodes && !figures[index].unschedulable && !figures[index].hasSchedulingTaints
                            && Self.shortfall(requests, figures[index]) == (false, false, false) {
                            found[foundCount] = index
                            foundCount += 1
                            continue
                        }
                        let failures = filter(pod, wanting: requests, hostPorts: hostPorts, cache.node(index: index)!, figures[index])
                        if failures.isEmpty {
                            found[foundCount] = index
                            foundCount += 1
                        } else {
                            for f in failures { reasons[f.reason, default: 0] += 1 }
                            preemption[failures.allSatisfy(\.isResolvableByPreemption) ? "No preemption victims found for incoming pod" : "Preemption is not helpful for scheduling", default: 0] += 1
                        }
                    }
                }
            }
        }
        feasible.removeLast(wanted - foundCount)
        nextStartNodeIndex = (nextStartNodeIndex + examined) % total
        guard !feasible.isEmpty else {
            // FitError: per-reason node counts, sorted as strings; then the preemption plugin's
            // verdict (every pod has priority 0, so preemption never finds victims).
            func summary(_ counts: [String: Int]) -> String { counts.map { "\($0.value) \($0.key)" }.sorted().joined(separator: ", ") }
            return .unschedulable("0/\(total) nodes are available: \(summary(reasons)). preemption: 0/\(total) nodes are available: \(summary(preemption)).")
        }
        // A plugin that skips scoring adds the same (nothing) to every node.
        tally.scored(feasible.count)
        let spreads = TopologySpreadScore.scores(for: pod, feasible: feasible, figures: figures, cache: cache, scratch: &spreadScratch)
        resourceScores.score(want, feasible: feasible, figures: figures, amounts: cache.amounts,
                             nodeIndexLimit: cache.nodeIndexLimit)
        // Default plugin weights: PodTopologySpread 2, NodeResourcesFit 1, BalancedAllocation 1.
        let picked = hostSelection.pick(count: feasible.count, resource: resourceScores.last,
                                        spread: spreads ? spreadScratch.normalized : nil) { random.int(in: 0...($0 - 1)) }
        let chosen = feasible[picked]
        return .node(cache.node(index: chosen)!.name)
    }

    private func fail(_ pod: Pod, message: String) {
        recorder.record(pod, type: "Warning", reason: "FailedScheduling", message: message, from: Self.eventSource)
        var updated = pod
        updated.status.setCondition("PodScheduled", "False", at: store.now, reason: "Unschedulable", message: message)
        updated.metadata.resourceVersion = ""
        _ = try? store.update(consume updated)
        let parkedAt = store.now
        unschedulable[pod.key] = parkedAt
        // Periodic flush of unschedulable pods (podMaxInUnschedulablePodsDuration), counted from
        // this failure: a pod retried and parked again meanwhile waits for its own later flush,
        // so each Pending pod is flushed once per interval, not once for every failure it had.
        lifeline.schedule(on: store.clock, after: retryInterval, owner: self) { scheduler in
            guard scheduler.unschedulable[pod.key] == parkedAt else { return }
            scheduler.unschedulable.removeValue(forKey: pod.key)
            scheduler.queue.add(pod.key)
        }
    }
}
