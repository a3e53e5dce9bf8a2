/// A whole simulated cluster: the store, the virtual clock, one seeded random sequence and every
/// control loop. Nothing happens until the owner advances time.
public final class Cluster {
    public let clock: VirtualClock
    public let store: Store
    public let pace: Pace
    public let seed: UInt64
    let random: RandomSource
    public let recorder: EventRecorder
    let fleet: KubeletFleet
    let registry: ImageRegistry
    /// The words every kubelet writes in its events, made once for all of them.
    private let kubeletMessages = KubeletMessages()
    /// Containers' output (`kubectl logs`).
    public let logs = ContainerLogs()
    /// Requests the pods answered (simulated traffic, port-forwards, `sim serve`).
    public let traffic = TrafficLedger()
    /// kube-proxy's backend choice for requests sent to a service.
    public let proxy: ServiceProxy
    /// Simulated clients' steady flows of requests to services (`sim traffic`).
    public private(set) lazy var trafficGenerator = TrafficGenerator(cluster: self)
    private var controllers: [AnyObject] = []
    /// The default scheduler, for tests that look inside it.
    var scheduler: KubeScheduler { controllers.lazy.compactMap { $0 as? KubeScheduler }.first! }
    /// What the scheduler's cycles scored.
    public let scheduling: SchedulingTally
    private var nodeCount = 0

    public static let defaultNodeCapacity = ResourceAmounts(cpuMillis: 4000, memoryBytes: 8 << 30, pods: 110)

    /// A cluster with `nodes` Ready worker nodes `node-1`…`node-N` of the default size.
    public init(seed: UInt64 = 1, pace: Pace = .demo, nodes: Int = 3) {
        self.seed = seed
        self.pace = pace
        clock = VirtualClock()
        random = RandomSource(seed: seed)
        store = Store(clock: clock, random: random)
        recorder = EventRecorder(store: store)
        fleet = KubeletFleet(store: store)
        registry = ImageRegistry(seed: seed)
        proxy = ServiceProxy(seed: seed)
        // DefaultTolerationSeconds admission: every pod tolerates a not-ready or unreachable node
        // for the pace's toleration, then is evicted.
        let tolerationSeconds = pace.defaultTolerationSeconds
        func defaultToleration(_ key: String) -> Toleration {
            Toleration(key: key, operator: "Exists", effect: "NoExecute", tolerationSeconds: tolerationSeconds)
        }
        // Nearly every pod asks for no toleration of its own and gets these two: one list every
        // such pod shares (copied only if a pod's are changed), not a heap block of its own.
        let bothDefaults = [defaultToleration(Taint.notReadyKey), defaultToleration(Taint.unreachableKey)]
        store.admitPod = { pod in
            PodAdmission.admit(&pod)
            let requestsSomething = pod.spec.containers.contains { $0.requests.cpuMillis > 0 || $0.requests.memoryBytes > 0 }
            pod.status.qosClass = requestsSomething ? "Burstable" : "BestEffort"
            func lacks(_ key: String) -> Bool { !pod.spec.tolerations.contains { $0.key == key && $0.effect == "NoExecute" } }
            let lacksNotReady = lacks(Taint.notReadyKey), lacksUnreachable = lacks(Taint.unreachableKey)
            guard lacksNotReady || lacksUnreachable else { return }
            if pod.spec.tolerations.isEmpty { return pod.spec.tolerations = bothDefaults }
            // Room for both at once (no list of keys built either): appended one by one, the
            // list grew twice, two heap blocks a pod.
            pod.spec.tolerations.reserveCapacity(pod.spec.tolerations.count + (lacksNotReady ? 1 : 0) + (lacksUnreachable ? 1 : 0))
            if lacksNotReady { pod.spec.tolerations.append(defaultToleration(Taint.notReadyKey)) }
            if lacksUnreachable { pod.spec.tolerations.append(defaultToleration(Taint.unreachableKey)) }
        }
        let scheduler = KubeScheduler(store: store, recorder: recorder, random: random, pace: pace)
        scheduling = scheduler.tally
        controllers = [
            DeploymentController(store: store, recorder: recorder, pace: pace),
            ReplicaSetController(store: store, recorder: recorder, pace: pace),
            DaemonSetController(store: store, recorder: recorder, pace: pace),
            scheduler,
            NodeLifecycleController(store: store, recorder: recorder, pace: pace),
            TaintEvictionController(store: store, recorder: recorder, pace: pace),
            GarbageCollector(store: store, pace: pace),
            PodGarbageCollector(store: store),
            NamespaceController(store: store, pace: pace),
            DisruptionController(store: store, recorder: recorder, pace: pace),
            EndpointSliceController(store: store),
            EndpointsController(store: store),
        ]
        for name in Namespace.builtIn { _ = try? store.create(Namespace(name: name)) }
        _ = try? store.create(Service.apiServer())
        controllers.append(APIServerEndpointReconciler(store: store))
        traffic.podExists = { [unowned store] uid, tally in store.get(Pod.self, tally.podName, namespace: tally.namespace)?.metadata.uid == uid }
        for i in stride(from: 1, through: nodes, by: 1) {
            _ = try? addNode(name: "node-\(i)", capacity: Cluster.defaultNodeCapacity, ready: true)
        }
    }

    public var now: SimTime { clock.now }

    // MARK: time

    /// Runs the cluster for `duration` of virtual time.
    public func advance(by duration: SimDuration) { clock.advance(to: clock.now + duration) }

    /// Runs the cluster toward `target`, asking `mayContinue` after each timer whether to go on
    /// (the dashboard's per-frame budget). Work left over stays queued in order, so running in
    /// slices fires the same timers in the same order as one `advance`. Returns whether the
    /// cluster reached `target`.
    @discardableResult
    public func advance(toward target: SimTime, while mayContinue: () -> Bool) -> Bool {
        clock.advance(to: target, while: mayContinue)
    }

    /// Runs the cluster until `condition` holds (checked after every timer) or `timeout` passes.
    /// Returns whether the condition was met.
    @discardableResult
    public func advance(until condition: () -> Bool, timeout: SimDuration) -> Bool {
        let deadline = clock.now + timeout
        if condition() { return true }
        while clock.fireNext(notAfter: deadline) {
            if condition() { return true }
        }
        clock.advance(to: deadline)
        return condition()
    }

    // MARK: nodes (the `sim` verbs)

    /// Adds a node and its kubelet. `ready: false` models a machine joining: it registers
    /// NotReady and becomes Ready once its kubelet is up.
    @discardableResult
    public func addNode(name: String? = nil, capacity: ResourceAmounts = Cluster.defaultNodeCapacity, ready: Bool = false) throws -> Node {
        let nodeName = name ?? nextNodeName()
        let index = nodeCount + 1
        var node = Node(metadata: ObjectMeta(name: nodeName, labels: [
            "kubernetes.io/hostname": nodeName, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
            "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": "amd64",
        ]), status: NodeStatus(capacity: capacity))
        node.status.internalIP = "192.168.49.\((index + 1) % 256)"
        node.spec.podCIDR = "10.244.\(index % 256).0/24"
        node.status.conditions = ready ? NodeConditions.healthy(at: clock.now) : NodeConditions.starting(at: clock.now)
        // The kubelet registers its node with this taint, unstamped (only the node controller stamps taints).
        if !ready { node.spec.taints = [Taint(key: Taint.notReadyKey, effect: "NoSchedule")] }
        let created = try store.create(node)
        nodeCount += 1
        try store.create(Lease(metadata: ObjectMeta(name: nodeName, namespace: Lease.nodeLeaseNamespace), holderIdentity: nodeName,
                               leaseDurationSeconds: 40, renewTime: clock.now))
        let kubelet = Kubelet(nodeName: nodeName, podCIDR: node.spec.podCIDR, store: store, recorder: recorder, random: random,
                              registry: registry, pace: pace, logs: logs, messages: kubeletMessages)
        fleet.add(kubelet)
        kubelet.startHeartbeats()
        recorder.record(created, reason: "Starting", message: "Starting kubelet.", component: Kubelet.component, host: nodeName)
        recorder.record(created, reason: "RegisteredNode", message: "Node \(nodeName) event: Registered Node \(nodeName) in Controller", component: NodeLifecycleController.component)
        if !ready {
            // Weakly: the clock holds this until it fires, and a kubelet holds the store that
            // holds the clock, so a strong capture kept a cluster let go before then forever.
            // The kubelet by its lifeline: a weak reference would slow every retain of it.
            clock.schedule(after: pace.nodeStartup) { [weak self, lifeline = kubelet.lifeline, unowned(unsafe) kubelet] in
                guard let self, lifeline.isAlive, kubelet.isRunning else { return }
                let now = self.clock.now
                if let up = try? self.store.modify(Node.self, nodeName, {
                    $0.status.conditions = NodeConditions.healthy(at: now)
                    $0.spec.taints.removeAll { $0.key == Taint.notReadyKey }
                }) {
                    self.recorder.record(up, reason: "NodeReady", message: "Node \(nodeName) status is now: NodeReady", component: Kubelet.component, host: nodeName)
                }
            }
        }
        return created
    }

    private func nextNodeName() -> String {
        var i = nodeCount + 1
        while store.get(Node.self, "node-\(i)") != nil { i += 1 }
        return "node-\(i)"
    }

    public func kubeletIsRunning(_ node: String) -> Bool { fleet.kubelets[node]?.isRunning ?? false }

    /// The node's machine stops answering (its kubelet goes silent).
    public func failNode(_ name: String) throws {
        guard let kubelet = fleet.kubelets[name] else { throw APIError.notFound(.node, name) }
        kubelet.fail()
    }

    /// The node's machine answers again.
    public func recoverNode(_ name: String) throws {
        guard let kubelet = fleet.kubelets[name] else { throw APIError.notFound(.node, name) }
        kubelet.recover()
    }
}
