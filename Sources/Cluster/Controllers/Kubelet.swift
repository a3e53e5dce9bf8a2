/// One node's kubelet: renews the node's lease, reports the node's schedulability, starts bound
/// pods (ContainerCreating; per container the image, Created, Started; then Running and, with no
/// readiness probe, Ready at once) and stops deleted ones (Killing, then the object goes once the
/// container has exited or the grace period ends). A failed node's kubelet does nothing at all
/// until it recovers.
final class Kubelet {
    static let component = "kubelet"

    let nodeName: String
    let store: Store
    let recorder: EventRecorder
    /// This kubelet as its events' source (its own correlator, as each kubelet has upstream).
    let eventSource: EventSource
    let random: RandomSource
    let registry: ImageRegistry
    let pace: Pace
    /// Where this node's containers write their output.
    let logs: ContainerLogs
    private var queue: WorkQueue<ObjectKey>!
    private(set) var isRunning = true
    /// Pods (by uid) with a lifecycle step in flight, so a resync does not start it twice.
    var inFlight: Set<ObjectInstance> = []
    /// Back-off of restarts (key pod uid + container) and of image pulls (pod uid + image).
    var restartBackOff = BackOff()
    var pullBackOff = BackOff()
    /// Container instances (by container id) whose application and probes are being followed.
    /// Prehashed: the ids are 77 characters, and a set growing with a node's pods hashed every
    /// one again at each growth.
    var supervised: Set<PrehashedString> = []
    /// Probe state per container instance and probe kind.
    var probeWorkers: [String: ProbeWorker] = [:]
    /// How an exited container instance ended, until it becomes lastState on restart (by pod uid + container).
    var exited: [String: ContainerTermination] = [:]
    private var stopping: Set<String> = []
    /// The images this node's runtime has pulled (kept across pods and node failures).
    private var images = ImageStore()
    private var ipam: PodIPAllocator
    private var podIPs: [ObjectInstance: String] = [:]
    /// What the kubelet last saw of spec.unschedulable (kubelet `lastNodeUnschedulable`).
    private var lastNodeUnschedulable = false
    /// What this kubelet's timers hold of it (not a weak reference: see `Lifeline`).
    let lifeline = Lifeline()
    /// Its words for every pod of a template, shared with the cluster's other kubelets.
    private let messages: KubeletMessages

    init(nodeName: String, podCIDR: String, store: Store, recorder: EventRecorder, random: RandomSource,
         registry: ImageRegistry, pace: Pace, logs: ContainerLogs, messages: KubeletMessages) {
        self.nodeName = nodeName
        self.messages = messages
        eventSource = EventSource(component: Self.component, host: nodeName)
        self.logs = logs
        self.store = store
        self.recorder = recorder
        self.random = random
        self.registry = registry
        self.pace = pace
        ipam = PodIPAllocator(cidr: podCIDR)
        queue = WorkQueue(clock: store.clock, delay: pace.kubeletReaction, name: "kubelet") { [unowned self] in self.syncPod($0) }
    }

    deinit { lifeline.end() }

    // MARK: heartbeats

    func startHeartbeats() {
        lifeline.schedule(on: store.clock, after: pace.leaseRenewInterval, owner: self) { $0.heartbeat() }
        lifeline.schedule(on: store.clock, after: pace.nodeStatusReport, owner: self) { $0.reportNodeStatus() }
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
        lifeline.schedule(on: store.clock, after: pace.nodeStatusReport, owner: self) { $0.reportNodeStatus() }
    }

    private func heartbeat() {
        if isRunning {
            _ = try? store.modify(Lease.self, nodeName, namespace: Lease.nodeLeaseNamespace) { $0.renewTime = self.store.now }
            recordSchedulableChange()
        }
        lifeline.schedule(on: store.clock, after: pace.leaseRenewInterval, owner: self) { $0.heartbeat() }
    }

    /// Part of the kubelet's node status sync (every nodeStatusUpdateFrequency, 10 s, the same
    /// period as the lease): a cordon or uncordon seen since the last sync is recorded as
    /// `NodeNotSchedulable` / `NodeSchedulable` (kubelet recordNodeSchedulableEvent).
    private func recordSchedulableChange() {
        guard let node = store.get(Node.self, nodeName), node.spec.unschedulable != lastNodeUnschedulable else { return }
        lastNodeUnschedulable = node.spec.unschedulable
        let status = node.spec.unschedulable ? "NodeNotSchedulable" : "NodeSchedulable"
        recorder.record(node, reason: status, message: "Node \(nodeName) status is now: \(status)", from: eventSource)
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
        supervised.removeAll()
        probeWorkers.removeAll()
        for pod in store.pods(onNode: nodeName) {
            queue.add(pod.key)
            resumeContainers(of: pod)
        }
    }

    func observe(_ pod: Pod) { queue.add(pod.key) }

    /// The pod object is gone (possibly force-deleted mid-start): drop what was in flight for it.
    func forget(_ pod: Pod) {
        inFlight.remove(ObjectInstance(pod))
        forgetContainers(of: pod)
        stopping.remove(pod.metadata.uid)
        if let ip = podIPs.removeValue(forKey: ObjectInstance(pod)) { ipam.release(ip) }
    }

    // MARK: pod lifecycle

    func current(_ key: ObjectKey, uid: String) -> Pod? {
        guard isRunning, let pod = store.get(Pod.self, key: key), pod.metadata.uid == uid, pod.spec.nodeName == nodeName else { return nil }
        return pod
    }

    func after(_ delay: SimDuration, _ pod: Pod, _ step: @escaping (Pod) -> Void) {
        let uid = pod.metadata.uid, key = pod.key
        // One closure a step (see `Lifeline.schedule(on:after:_:)`): each container's start
        // comes through here three times.
        lifeline.schedule(on: store.clock, after: delay) { [unowned(unsafe) self] in
            guard let pod = self.current(key, uid: uid) else { return }
            step(pod)
        }
    }

    private func syncPod(_ key: ObjectKey) {
        guard isRunning, let pod = store.get(Pod.self, key: key), pod.spec.nodeName == nodeName else { return }
        if pod.isTerminating {
            stop(pod)
            return
        }
        let instance = ObjectInstance(pod)
        if inFlight.contains(instance) { return }
        if pod.status.containerStatuses.isEmpty {
            start(pod)
        } else if let next = pod.status.containerStatuses.firstIndex(where: { $0.isWaitingToStart }) {
            // Resumed after the node came back mid-start: carry on from the first container not started.
            inFlight.insert(instance)
            startContainer(next, of: pod)
        } else {
            reconcileReadiness(pod)
        }
    }

    /// The status manager's reconcile (status_manager.go, needsReconcile): Ready and
    /// ContainersReady are the kubelet's to say, from its containers. One another component
    /// set (the node lifecycle controller marks the pods of an unreachable node not ready) is
    /// put back at the next sync, as when the node answers again.
    private func reconcileReadiness(_ pod: Pod) {
        let now = store.now
        var expected = pod.status
        expected.refreshReadiness(at: now)
        let kinds = ["Ready", "ContainersReady"]
        guard kinds.contains(where: { expected.condition($0)?.status != pod.status.condition($0)?.status }) else { return }
        _ = writeStatus(pod) { $0.status.refreshReadiness(at: now) }
    }

    func writeStatus(_ pod: Pod, _ change: (inout Pod) -> Void) -> Pod? {
        var updated = pod
        change(&updated)
        updated.metadata.resourceVersion = ""
        return try? store.update(consume updated)
    }

    private func start(_ pod: Pod) {
        let hostIP = store.get(Node.self, nodeName)?.status.internalIP ?? ""
        // A pod in the node's network has the node's address (kubelet's podIPs for
        // hostNetwork); others need a free one of the node's range, else the sandbox cannot be
        // created and the pod stays Pending.
        let ip: String
        if pod.spec.hostNetwork {
            ip = hostIP
        } else {
            let instance = ObjectInstance(pod)
            guard let allocated = podIPs[instance] ?? ipam.allocate() else { return }
            podIPs[instance] = allocated
            ip = allocated
        }
        inFlight.insert(ObjectInstance(pod))
        let now = store.now
        let unready = messages.unready(pod.spec.containers.count == 1 ? pod.spec.containers[0].name : pod.spec.containers.map(\.name).joined(separator: " "))
        guard let created = writeStatus(pod, { p in
            p.status.startTime = now
            p.status.hostIP = hostIP
            p.status.podIP = ip
            p.status.setStartingConditions(at: now, unready: unready)
            p.status.containerStatuses = p.spec.containers.map {
                ContainerStatus(name: $0.name, image: $0.image, state: .waiting(reason: "ContainerCreating"))
            }
        }) else { return }
        startContainer(0, of: created)
    }

    /// Starts the pod's containers one after another, as the kubelet's SyncPod does: the image
    /// (pulled or found), Created, Started; after the last one the pod is Running.
    private func startContainer(_ index: Int, of pod: Pod) {
        guard index < pod.spec.containers.count else { return run(pod) }
        // The steps hold the container's name, not a copy of the container each: its spec is
        // read again from the pod where it is needed (a container's probes never change).
        let name = pod.spec.containers[index].name
        ensureImage(pod.spec.containers[index], in: pod) { [unowned self] pod in
            after(pace.containerCreate, pod) { [unowned self] pod in
                recorder.record(pod, reason: "Created", message: messages.created(name), from: eventSource, container: name)
                after(pace.containerStart, pod) { [unowned self] pod in
                    recorder.record(pod, reason: "Started", message: messages.started(name), from: eventSource, container: name)
                    guard index + 1 < pod.spec.containers.count else { return run(pod) }
                    let now = store.now
                    guard let started = writeStatus(pod, { p in
                        guard index < p.status.containerStatuses.count, index < p.spec.containers.count else { return }
                        markRunning(&p.status.containerStatuses[index], p.spec.containers[index], at: now)
                    }) else { return }
                    supervise(started)
                    startContainer(index + 1, of: started)
                }
            }
        }
    }

    /// The kubelet's EnsureImageExists: `IfNotPresent` with the image on the node, or `Never`,
    /// uses what is there; `Always` (the default for `:latest` and untagged images) pulls every
    /// time. The image is the node's from then on.
    func ensureImage(_ container: Container, in pod: Pod, then next: @escaping (Pod) -> Void) {
        let image = container.image
        let present = images.contains(image)
        if present && container.imagePullPolicy != "Always" {
            recorder.record(pod, reason: "Pulled", message: ImageEventMessages.alreadyPresent(image), from: eventSource, container: container.name)
            return next(pod)
        }
        if container.imagePullPolicy == "Never" {
            let message = "Container image \"\(image)\" is not present with pull policy of Never"
            recorder.record(pod, type: "Warning", reason: "ErrImageNeverPull", message: message, from: eventSource, container: container.name)
            _ = writeStatus(pod) { p in
                if let i = p.status.containerStatuses.firstIndex(where: { $0.name == container.name }) {
                    p.status.containerStatuses[i].state = .waiting(reason: "ErrImageNeverPull")
                }
            }
            inFlight.remove(ObjectInstance(pod))
            return
        }
        recorder.record(pod, reason: "Pulling", message: messages.pulling(image), from: eventSource, container: container.name)
        let took = registry.behavior(of: image).pullTime ?? random.duration(in: pace.imagePull)
        after(took, pod) { [unowned self] pod in
            guard !registry.behavior(of: image).missing else { return pullFailed(container, in: pod, retry: next) }
            images.add(image)
            let shown = took.description // formatted once, shown twice
            recorder.record(pod, reason: "Pulled",
                            message: String(concatenating: "Successfully pulled image \"", image, "\" in ", shown, " (", shown,
                                                     " including waiting). Image size: ", String(registry.size(of: image)), " bytes."),
                            from: eventSource, container: container.name)
            next(pod)
        }
    }

    /// Every container runs: the pod is Running. A container without a readiness probe is ready
    /// on its first Running status (prober_manager UpdatePodStatus), so there is no 0/1 window.
    private func run(_ pod: Pod) {
        let now = store.now
        let running = writeStatus(pod) { p in
            p.status.phase = "Running"
            for i in p.status.containerStatuses.indices where !p.status.containerStatuses[i].isRunning && i < p.spec.containers.count {
                markRunning(&p.status.containerStatuses[i], p.spec.containers[i], at: now)
            }
            p.status.refreshReadiness(at: now)
        }
        inFlight.remove(ObjectInstance(pod))
        if let running { supervise(running) }
    }

    /// A new container instance runs. Without a startup probe it has started at once; without a
    /// readiness probe it is ready on its first Running status, and a probe is the only thing
    /// that may hold either back (prober_manager UpdatePodStatus).
    func markRunning(_ status: inout ContainerStatus, _ container: Container, at now: SimTime) {
        status.state = .running(startedAt: now)
        status.waitingMessage = ""
        status.terminatedStartedAt = nil
        status.started = container.startupProbe == nil
        status.ready = status.started && container.readinessProbe == nil
        // 64 hex digits, as containerd's ids have, spread from one draw of the seeded generator
        // (so the draws every later name depends on stay as they were).
        status.containerID = StableHash.hex(random.next(), count: 64, after: "containerd://")
    }

    /// Graceful stop: Killing, then the pod object is removed once the container has exited
    /// (or the grace period ran out).
    private func stop(_ pod: Pod) {
        guard stopping.insert(pod.metadata.uid).inserted else { return }
        inFlight.remove(ObjectInstance(pod))
        let wasRunning = pod.status.containerStatuses.contains { if case .running = $0.state { return true } else { return false } }
        var wait = SimDuration.milliseconds(100)
        if wasRunning {
            for c in pod.spec.containers {
                recorder.record(pod, reason: "Killing", message: "Stopping container \(c.name)", from: eventSource, container: c.name)
            }
            let grace = SimDuration.seconds(pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds)
            wait = min(pace.containerStop, grace)
        }
        let uid = pod.metadata.uid, key = pod.key
        lifeline.schedule(on: store.clock, after: wait, owner: self) { kubelet in
            guard kubelet.current(key, uid: uid) != nil else { return }
            kubelet.stopping.remove(uid)
            try? kubelet.store.delete(Pod.self, key: key, gracePeriodSeconds: 0)
        }
    }
}

extension ContainerStatus {
    /// Still being created (a start the node's failure interrupted, or an image pull waiting for
    /// its retry). A container refused its image (ErrImageNeverPull) is not retried.
    var isWaitingToStart: Bool {
        if case .waiting(let reason) = state {
            return restartCount == 0 && lastState == nil && ["ContainerCreating", "ErrImagePull", "ImagePullBackOff"].contains(reason)
        }
        return false
    }

    var isRunning: Bool {
        if case .running = state { return true }
        return false
    }
}
