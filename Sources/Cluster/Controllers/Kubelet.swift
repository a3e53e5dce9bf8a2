/// One node's kubelet: renews the node's lease, starts bound pods (ContainerCreating with
/// Pulling/Pulled/Created/Started, Running 0/1, then 1/1 once ready) and stops deleted ones
/// (Killing, then the object goes once the container has exited or the grace period ends).
/// A failed node's kubelet does nothing at all until it recovers.
final class Kubelet {
    static let component = "kubelet"

    let nodeName: String
    private let store: Store
    private let recorder: EventRecorder
    private let random: RandomSource
    private let pace: Pace
    private var queue: WorkQueue<ObjectKey>!
    private(set) var isRunning = true
    /// Pods (by uid) with a lifecycle step in flight, so a resync does not start it twice.
    private var inFlight: Set<String> = []
    private var stopping: Set<String> = []
    private let podIPPrefix: String
    private var nextIP = 2

    init(nodeName: String, nodeIndex: Int, store: Store, recorder: EventRecorder, random: RandomSource, pace: Pace) {
        self.nodeName = nodeName
        self.store = store
        self.recorder = recorder
        self.random = random
        self.pace = pace
        podIPPrefix = "10.244.\(nodeIndex % 256)."
        queue = WorkQueue(clock: store.clock, delay: pace.kubeletReaction) { [unowned self] in self.syncPod($0) }
    }

    // MARK: heartbeats

    func startHeartbeats() {
        store.clock.schedule(after: pace.leaseRenewInterval) { [weak self] in self?.heartbeat() }
        store.clock.schedule(after: pace.nodeStatusReport) { [weak self] in self?.reportNodeStatus() }
    }

    /// Re-posts the node's status: the conditions stay, their lastHeartbeatTime moves on.
    private func reportNodeStatus() {
        if isRunning {
            let now = store.now
            _ = try? store.modify(Node.self, nodeName) { node in
                guard node.isReady else { return }
                for i in node.status.conditions.indices { node.status.conditions[i].lastHeartbeatTime = now }
            }
        }
        store.clock.schedule(after: pace.nodeStatusReport) { [weak self] in self?.reportNodeStatus() }
    }

    private func heartbeat() {
        if isRunning {
            _ = try? store.modify(Lease.self, nodeName, namespace: Lease.nodeLeaseNamespace) { $0.renewTime = self.store.now }
        }
        store.clock.schedule(after: pace.leaseRenewInterval) { [weak self] in self?.heartbeat() }
    }

    /// The machine stops answering: no heartbeats, no pod work.
    func fail() { isRunning = false }

    /// The machine answers again: renew the lease at once and resync every pod on the node.
    func recover() {
        guard !isRunning else { return }
        isRunning = true
        inFlight.removeAll()
        stopping.removeAll()
        _ = try? store.modify(Lease.self, nodeName, namespace: Lease.nodeLeaseNamespace) { $0.renewTime = self.store.now }
        for pod in store.pods(onNode: nodeName) { queue.add(pod.key) }
    }

    func observe(_ pod: Pod) { queue.add(pod.key) }

    /// The pod object is gone (possibly force-deleted mid-start): drop what was in flight for it.
    func forget(_ pod: Pod) {
        inFlight.remove(pod.metadata.uid)
        stopping.remove(pod.metadata.uid)
    }

    // MARK: pod lifecycle

    private func current(_ key: ObjectKey, uid: String) -> Pod? {
        guard isRunning, let pod = store.get(Pod.self, key: key), pod.metadata.uid == uid, pod.spec.nodeName == nodeName else { return nil }
        return pod
    }

    private func after(_ delay: SimDuration, _ pod: Pod, _ step: @escaping (Pod) -> Void) {
        let uid = pod.metadata.uid, key = pod.key
        store.clock.schedule(after: delay) { [weak self] in
            guard let self, let pod = self.current(key, uid: uid) else { return }
            step(pod)
        }
    }

    private func syncPod(_ key: ObjectKey) {
        guard isRunning, let pod = store.get(Pod.self, key: key), pod.spec.nodeName == nodeName else { return }
        if pod.isTerminating {
            stop(pod)
        } else if pod.status.containerStatuses.isEmpty && !inFlight.contains(pod.metadata.uid) {
            start(pod)
        } else if !inFlight.contains(pod.metadata.uid), case .waiting = pod.status.containerStatuses.first?.state {
            // Resumed after the node came back mid-start: pull again.
            pull(pod)
        }
    }

    private func writeStatus(_ pod: Pod, _ change: (inout Pod) -> Void) -> Pod? {
        var updated = pod
        change(&updated)
        updated.metadata.resourceVersion = ""
        return try? store.update(updated)
    }

    private func start(_ pod: Pod) {
        inFlight.insert(pod.metadata.uid)
        let ip = podIPPrefix + String(nextIP)
        nextIP = nextIP % 250 + 2
        let hostIP = store.get(Node.self, nodeName)?.status.internalIP ?? ""
        let now = store.now
        guard let created = writeStatus(pod, { p in
            p.status.startTime = now
            p.status.hostIP = hostIP
            p.status.podIP = ip
            p.status.setCondition("PodReadyToStartContainers", "True", at: now)
            p.status.setCondition("Initialized", "True", at: now)
            p.status.setCondition("Ready", "False", at: now, reason: "ContainersNotReady", message: "containers with unready status: [\(p.spec.containers.map(\.name).joined(separator: " "))]")
            p.status.setCondition("ContainersReady", "False", at: now, reason: "ContainersNotReady", message: "containers with unready status: [\(p.spec.containers.map(\.name).joined(separator: " "))]")
            p.status.setCondition("PodScheduled", "True", at: p.status.condition("PodScheduled")?.lastTransitionTime ?? now)
            p.status.containerStatuses = p.spec.containers.map {
                ContainerStatus(name: $0.name, image: $0.image, state: .waiting(reason: "ContainerCreating"))
            }
        }) else { return }
        pull(created)
    }

    private func pull(_ pod: Pod) {
        inFlight.insert(pod.metadata.uid)
        guard let container = pod.spec.containers.first else { return }
        recorder.record(pod, reason: "Pulling", message: "Pulling image \"\(container.image)\"", component: Self.component, host: nodeName)
        let took = random.duration(in: pace.imagePull)
        let size = 6_000_000 + random.int(in: 0...90_000_000)
        after(took, pod) { [unowned self] pod in
            recorder.record(pod, reason: "Pulled",
                            message: "Successfully pulled image \"\(container.image)\" in \(took) (\(took) including waiting). Image size: \(size) bytes.",
                            component: Self.component, host: nodeName)
            after(pace.containerCreate, pod) { [unowned self] pod in
                for c in pod.spec.containers {
                    recorder.record(pod, reason: "Created", message: "Created container: \(c.name)", component: Self.component, host: nodeName)
                }
                after(pace.containerStart, pod) { [unowned self] pod in run(pod) }
            }
        }
    }

    private func run(_ pod: Pod) {
        for c in pod.spec.containers {
            recorder.record(pod, reason: "Started", message: "Started container \(c.name)", component: Self.component, host: nodeName)
        }
        let now = store.now
        guard let running = writeStatus(pod, { p in
            p.status.phase = "Running"
            for i in p.status.containerStatuses.indices {
                p.status.containerStatuses[i].state = .running(startedAt: now)
                p.status.containerStatuses[i].started = true
                p.status.containerStatuses[i].containerID = "containerd://" + String(format64(random.next()))
            }
        }) else { return }
        after(pace.readinessDelay, running) { [unowned self] pod in
            let now = store.now
            _ = writeStatus(pod) { p in
                for i in p.status.containerStatuses.indices { p.status.containerStatuses[i].ready = true }
                p.status.setCondition("ContainersReady", "True", at: now)
                p.status.setCondition("Ready", "True", at: now)
            }
            inFlight.remove(pod.metadata.uid)
        }
    }

    private func format64(_ value: UInt64) -> String { String(value, radix: 16).leftPadded(16) + String(value &* 31, radix: 16).leftPadded(16) }

    /// Graceful stop: Killing, then the pod object is removed once the container has exited
    /// (or the grace period ran out).
    private func stop(_ pod: Pod) {
        guard stopping.insert(pod.metadata.uid).inserted else { return }
        inFlight.remove(pod.metadata.uid)
        let wasRunning = pod.status.containerStatuses.contains { if case .running = $0.state { return true } else { return false } }
        var wait = SimDuration.milliseconds(100)
        if wasRunning {
            for c in pod.spec.containers {
                recorder.record(pod, reason: "Killing", message: "Stopping container \(c.name)", component: Self.component, host: nodeName)
            }
            let grace = SimDuration.seconds(pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds)
            wait = min(pace.containerStop, grace)
        }
        let uid = pod.metadata.uid, key = pod.key
        store.clock.schedule(after: wait) { [weak self] in
            guard let self, self.current(key, uid: uid) != nil else { return }
            self.stopping.remove(uid)
            try? self.store.delete(Pod.self, key: key, gracePeriodSeconds: 0)
        }
    }
}
