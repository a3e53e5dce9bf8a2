/// The simulated API server and etcd in one: validated create/get/list/update/delete with
/// resourceVersions, and a watch stream every controller listens to.
public final class Store {
    let clock: VirtualClock
    let random: RandomSource
    private var lastResourceVersion: Int64 = 0
    /// Each watcher with the kinds it asked for: most controllers read two or three kinds, and a
    /// build-up writes five events a pod, so a change reaches only the watchers of its kind.
    private var watchers: [(kinds: KindSet, handler: (WatchEvent) -> Void)] = []
    /// Whether any watcher reads events: until one does, a recorded event is never built as an
    /// object (see RecordedEvents).
    private(set) var watchesEvents = false
    /// Admission for new pods (the API server's mutating plugins, e.g. DefaultTolerationSeconds).
    var admitPod: ((inout Pod) -> Void)?

    let nodes = ObjectTable<Node>()
    let pods = ObjectTable<Pod>()
    let replicaSets = ObjectTable<ReplicaSet>()
    let deployments = ObjectTable<Deployment>()
    /// Events API clients wrote or changed; the components' events are `recordedEvents`.
    let events = ObjectTable<Event>()
    let recordedEvents = RecordedEvents()
    /// Told of every event write, stored or recorded, in order: the event TTL's bookkeeping
    /// (EventExpiry), which as a watcher would make every recorded event built as an object.
    var eventWritten: ((EventWrite) -> Void)?
    /// The last write of a recorded event an API client takes out into `events` (its expiry
    /// stays what it was); nil for the table's own writes, which happen now.
    var takenOutEventWrittenAt: SimTime?
    let leases = ObjectTable<Lease>()
    let daemonSets = ObjectTable<DaemonSet>()
    let namespaces = ObjectTable<Namespace>()
    /// The namespace last found active by admission, until any namespace is written: nearly
    /// every object is created in one namespace, five events a pod among them.
    var lastAdmittingNamespace: String?
    let podDisruptionBudgets = ObjectTable<PodDisruptionBudget>()
    let services = ObjectTable<Service>()
    /// Services with a selector: while there are none (the `kubernetes` service has none), a
    /// pod write asks the endpoints controllers' question without visiting a service.
    private(set) var selectingServices = 0
    let endpointSlices = ObjectTable<EndpointSlice>()
    let endpoints = ObjectTable<Endpoints>()
    private let nodeRequests = NodeRequestTally()
    /// etcd's space quota: creations past it are refused as etcd refuses them.
    var quota = EtcdQuota() { didSet { creationsSurelyInQuota = [0, 0] } }
    /// Creations that fit whatever they are, counted down from the last full check of each etcd
    /// (by `EtcdQuota.etcdIndex`): its usage is summed over every kind, and most creations are far from it.
    var creationsSurelyInQuota = [0, 0]

    /// Namespace uids come from their own sequence, seeded from (a copy of) the shared one:
    /// creating a namespace does not shift the names and
    /// timings every later pod draws.
    private let namespaceRandom: RandomSource
    /// Services draw uids, cluster IPs and node ports from their own sequence too.
    let serviceRandom: RandomSource
    /// And the endpoints controllers' objects: names and uids of slices come from here.
    private let endpointRandom: RandomSource
    /// Events draw their uids from their own sequence: recording fewer (the spam filter, the
    /// aggregator) or more of them never shifts the names and timings of pods.
    let eventRandom: RandomSource

    init(clock: VirtualClock, random: RandomSource) {
        self.clock = clock
        self.random = random
        var peek = random.generator // a copy: the shared sequence is not advanced
        namespaceRandom = RandomSource(seed: peek.next() ^ 0x6e61_6d65_7370_6163)
        serviceRandom = RandomSource(seed: peek.next() ^ 0x7365_7276_6963_6573)
        endpointRandom = RandomSource(seed: peek.next() ^ 0x656e_6470_6f69_6e74)
        eventRandom = RandomSource(seed: peek.next() ^ 0x6576_656e_7473_0000)
        // A pod is written four times on its way to Running, its owner, labels and node rarely
        // changing: those writes skip re-deriving the index keys. Owner lists are compared
        // first as arrays (a shared buffer compares at once); the closures take each kind, not
        // `any APIObject`, whose every read copied the whole metadata.
        let sameOwner: (Pod, Pod) -> Bool = {
            $0.metadata.ownerReferences == $1.metadata.ownerReferences || $0.metadata.controllerUID == $1.metadata.controllerUID
        }
        pods.addIndex(IndexName.owner, sameKeys: sameOwner, key: Self.byOwner)
        // A pod waiting to be scheduled is filed under no node: nothing asks for the pods of node
        // "", and filing every pending pod there (all of a scale-up's) only to take each out at
        // its binding cost a set insertion and removal a pod.
        pods.addIndex(IndexName.node, sameKeys: { $0.spec.nodeName == $1.spec.nodeName }, key: { $0.spec.nodeName.isEmpty ? nil : $0.spec.nodeName })
        pods.addIndex(IndexName.orphan, sameKeys: sameOwner, key: { $0.metadata.controllerUID == nil ? "" : nil })
        replicaSets.addIndex(IndexName.owner, key: Self.byOwner)
        endpointSlices.addIndex(IndexName.owner, key: Self.byOwner)
        pods.didChange = { [nodeRequests] old, new in nodeRequests.replace(old, with: new) }
        events.didChange = { [unowned self] _, new in
            if let new { eventWritten?(.object(new.metadata, at: takenOutEventWrittenAt ?? clock.now)) }
        }
        namespaces.didChange = { [unowned self] _, _ in lastAdmittingNamespace = nil }
        services.didChange = { [unowned self] old, new in
            selectingServices += (new?.spec.selector?.isEmpty == false ? 1 : 0) - (old?.spec.selector?.isEmpty == false ? 1 : 0)
        }
    }

    public var now: SimTime { clock.now }

    private static func byOwner<T: APIObject>(_ object: T) -> String? { object.metadata.controllerUID }
    private static func byLabel<T: APIObject>(_ object: T) -> [String] { object.metadata.labels.map { "\($0.key)=\($0.value)" }.sorted() }

    /// What the stored objects of the etcd that holds `kind` take, estimated from their counts
    /// (see EtcdQuota: events have an etcd of their own).
    func estimatedBytes(storing kind: Kind) -> Int {
        Kind.allCases.reduce(0) { sum, other in
            EtcdQuota.sharesEtcd(kind, other) ? sum + count(of: other) * EtcdQuota.estimatedSize(of: other) : sum
        }
    }

    /// How many objects of `kind` are stored.
    private func count(of kind: Kind) -> Int {
        switch kind {
        case .node: nodes.count
        case .pod: pods.count
        case .replicaSet: replicaSets.count
        case .deployment: deployments.count
        case .event: events.count + recordedEvents.count
        case .lease: leases.count
        case .daemonSet: daemonSets.count
        case .namespace: namespaces.count
        case .podDisruptionBudget: podDisruptionBudgets.count
        case .service: services.count
        case .endpointSlice: endpointSlices.count
        case .endpoints: endpoints.count
        }
    }

    /// The resourceVersion of the latest write (what a list's metadata.resourceVersion says).
    public var currentResourceVersion: Int64 { lastResourceVersion }

    /// Registers a watcher for every change to the given kinds (all kinds by default), in the
    /// order registered. Watchers must not write to the store while being notified; controllers
    /// only enqueue work.
    public func watch(_ kinds: KindSet = .all, _ handler: @escaping (WatchEvent) -> Void) {
        watchers.append((kinds, handler))
        if kinds.contains(.event) { watchesEvents = true }
    }

    func notify(_ event: WatchEvent) {
        for w in watchers where w.kinds.contains(event.kind) { w.handler(event) }
    }

    private func table<T: APIObject>(_ type: T.Type) -> ObjectTable<T> {
        switch T.kind {
        case .node: nodes as! ObjectTable<T>
        case .pod: pods as! ObjectTable<T>
        case .replicaSet: replicaSets as! ObjectTable<T>
        case .deployment: deployments as! ObjectTable<T>
        case .event: events as! ObjectTable<T>
        case .lease: leases as! ObjectTable<T>
        case .namespace: namespaces as! ObjectTable<T>
        case .daemonSet: daemonSets as! ObjectTable<T>
        case .podDisruptionBudget: podDisruptionBudgets as! ObjectTable<T>
        case .service: services as! ObjectTable<T>
        case .endpointSlice: endpointSlices as! ObjectTable<T>
        case .endpoints: endpoints as! ObjectTable<T>
        }
    }

    /// Where an object of `type` named `name` in `namespace` is filed (cluster-scoped kinds ignore the namespace).
    @inline(__always)
    private func key<T: APIObject>(_ type: T.Type, _ name: String, _ namespace: String) -> ObjectKey {
        ObjectKey(namespace: T.kind.isNamespaced ? namespace : "", name: name)
    }

    private func nextResourceVersion() -> String { String(nextVersion()) }

    func nextVersion() -> Int64 {
        lastResourceVersion += 1
        return lastResourceVersion
    }

    /// A random UUID (version 4 layout) drawn from the seeded generator.
    func newUID(from random: RandomSource? = nil) -> String {
        let random = random ?? self.random
        let high = random.next()
        return Self.uid(high: high, low: random.next())
    }

    /// The UUID two draws make (a recorded event keeps its draws and writes this when read).
    static func uid(high: UInt64, low: UInt64) -> String {
        // Written in place: one allocation for the string, none for the digits.
        // Version 4 in the 13th digit, the RFC 4122 variant in the 17th.
        let versioned = (high & ~(0xF << 12)) | (4 << 12)
        let variant = (low & ~(0xC << 60)) | (8 << 60)
        // 8-4-4-4-12 digits: the first word's sixteen, then the second's.
        return String(unsafeUninitializedCapacity: 36) { out in
            let raw = UnsafeMutableRawBufferPointer(out)
            raw.storeBytes(of: HexDigits.eight(UInt32(truncatingIfNeeded: versioned >> 32)), toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: HexDigits.four(UInt16(truncatingIfNeeded: versioned >> 16)), toByteOffset: 9, as: UInt32.self)
            raw.storeBytes(of: HexDigits.four(UInt16(truncatingIfNeeded: versioned)), toByteOffset: 14, as: UInt32.self)
            raw.storeBytes(of: HexDigits.four(UInt16(truncatingIfNeeded: variant >> 48)), toByteOffset: 19, as: UInt32.self)
            raw.storeBytes(of: HexDigits.four(UInt16(truncatingIfNeeded: variant >> 32)), toByteOffset: 24, as: UInt32.self)
            raw.storeBytes(of: HexDigits.eight(UInt32(truncatingIfNeeded: variant)), toByteOffset: 28, as: UInt64.self)
            (out[8], out[13], out[18], out[23]) = (UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "-"))
            return 36
        }
    }

    /// The random sequence a kind's uids (and, for slices, generated names) come from: kinds
    /// created as side effects have their own, so they do not shift the names every later pod draws.
    private func ownSequence(_ kind: Kind) -> RandomSource {
        switch kind {
        case .namespace: namespaceRandom
        case .service: serviceRandom
        case .endpointSlice, .endpoints: endpointRandom
        case .event: eventRandom
        default: random
        }
    }

    // MARK: reads

    /// The object `name` in `namespace`.
    public func get<T: APIObject>(_ type: T.Type, _ name: String, namespace: String) -> T? { get(type, key: key(type, name, namespace)) }

    /// The pod `name` in `namespace`, read from the pods' table directly rather than through
    /// the generic path: the dashboard reads 150,000 pods in one pass.
    public func pod(_ name: String, namespace: String) -> Pod? { pods[ObjectKey(namespace: namespace, name: name)] }

    /// The cluster-scoped object `name` (a Node, a Namespace).
    public func get<T: ClusterScopedObject>(_ type: T.Type, _ name: String) -> T? { table(type)[ObjectKey(namespace: "", name: name)] }

    /// The object stored under `key`.
    public func get<T: APIObject>(_ type: T.Type, key: ObjectKey) -> T? { table(type)[key] ?? recorded(type, key) }

    /// Objects of a kind matching `selector`, in one namespace (or all, with nil), sorted by
    /// namespace then name. Equality requirements use the label index.
    public func list<T: APIObject>(_ type: T.Type, selector: LabelSelector = LabelSelector(), namespace: String? = nil) -> [T] {
        let t = table(type)
        let namespace = T.kind.isNamespaced ? namespace : nil
        if T.kind == .event { return allEvents(in: namespace).filter { selector.matches($0.metadata.labels) } as! [T] }
        if let eq = selector.requirements.first(where: { $0.op == .equals }), T.kind.hasLabelIndex {
            // The index by label starts on the first list by label of its kind, filing what is
            // stored then: a build-up lists none, and filing every pod under "key=value"
            // strings was about 1% of its work.
            if !t.hasIndex(IndexName.label) {
                t.addIndex(IndexName.label, sameKeys: { $0.metadata.labels == $1.metadata.labels }, Self.byLabel)
            }
            return t.names(index: IndexName.label, key: "\(eq.key)=\(eq.values[0])")
                .filter { namespace == nil || $0.namespace == namespace }.sorted()
                .compactMap { t[$0] }.filter { selector.matches($0.metadata.labels) }
        }
        // Without a selector every object is kept: no second copy of each.
        guard !selector.requirements.isEmpty else { return t.all(in: namespace) }
        return t.all(in: namespace).filter { selector.matches($0.metadata.labels) }
    }

    /// Whether `name` is a namespace (whatever its phase).
    public func namespaceExists(_ name: String) -> Bool { namespaces[ObjectKey(namespace: "", name: name)] != nil }

    public func count<T: APIObject>(_ type: T.Type) -> Int { count(of: T.kind) }

    /// Pods no controller owns (read through the orphan index, not a scan of every pod).
    public func podsWithoutController() -> [Pod] { pods.byIndex(IndexName.orphan, "") }

    /// Pods whose controller is the object with `uid`.
    public func pods(ownedBy uid: String) -> [Pod] { pods.byIndex(IndexName.owner, uid) }
    public func replicaSets(ownedBy uid: String) -> [ReplicaSet] { replicaSets.byIndex(IndexName.owner, uid) }
    public func endpointSlices(ownedBy uid: String) -> [EndpointSlice] { endpointSlices.byIndex(IndexName.owner, uid) }
    /// Pods bound to `node` (unscheduled pods are on no node's list).
    public func pods(onNode node: String) -> [Pod] { pods.byIndex(IndexName.node, node) }
    public func podCount(onNode node: String) -> Int { pods.names(index: IndexName.node, key: node).count }
    /// The keys of the pods bound to `node`, unordered.
    public func podKeys(onNode node: String) -> ShardedSet<ObjectKey> { pods.names(index: IndexName.node, key: node) }

    /// What the pods bound to `node` that are not terminating request: sums kept on every pod
    /// write, for views that summarize nodes of thousands of pods every frame.
    public func activeRequests(onNode node: String) -> ResourceAmounts { nodeRequests.requests(onNode: node) }
    /// The events about one object, by name. Only `describe` asks, so the index by involved
    /// object is started the first time it does: until then the five events a pod are written
    /// without it (a build-up of 150,000 pods never describes one), after that each describe
    /// reads the index instead of scanning every event (~50 ms a describe at 30,000 pods).
    public func events(about uid: String) -> [Event] {
        if !events.hasIndex(IndexName.involvedObject) {
            events.addIndex(IndexName.involvedObject, key: { $0.involvedObject.uid })
        }
        return inKeyOrder(events.byIndex(IndexName.involvedObject, uid) + recordedEvents.positions(about: uid).map { recordedEvents[$0].event })
    }

    // MARK: writes

    /// Creates an object: fills in uid, resourceVersion, creationTimestamp and a generated name,
    /// after Kubernetes' validation.
    @discardableResult
    public func create<T: APIObject>(_ object: consuming T) throws -> T {
        var obj = consume object
        let t = table(T.self)
        if T.kind.isNamespaced {
            if obj.metadata.namespace.isEmpty { obj.metadata.namespace = "default" }
            try admitIntoNamespace(obj)
        } else {
            obj.metadata.namespace = ""
        }
        if obj.metadata.name.isEmpty && !obj.metadata.generateName.isEmpty {
            repeat {
                obj.metadata.name = NameGenerator.generate(base: obj.metadata.generateName, using: &(T.kind == .endpointSlice ? endpointRandom : random).generator)
            } while t[obj.key] != nil
        }
        if T.kind == .pod, var pod = obj as? Pod, let admit = admitPod {
            admit(&pod)
            obj = pod as! T
        }
        if var ds = obj as? DaemonSet {
            DaemonSetStrategy.prepareForCreate(&ds)
            obj = ds as! T
        }
        try Validation.validate(obj)
        let key = obj.key
        if t[key] != nil || hasRecorded(T.self, key) { throw APIError.alreadyExists(T.kind, obj.metadata.name) }
        try checkQuota(storing: T.kind)
        if var service = obj as? Service {
            try ServiceAllocation.allocate(&service, taken: services.all(), random: serviceRandom)
            obj = service as! T
        }
        obj.metadata.uid = newUID(from: ownSequence(T.kind))
        obj.metadata.resourceVersion = nextResourceVersion()
        obj.metadata.creationTimestamp = clock.now
        // Events have no spec, and the event strategy leaves generation unset (omitted).
        obj.metadata.generation = T.kind == .event ? 0 : 1
        obj.truncateToSeconds()
        t.insert(obj, key: key)
        notify(WatchEvent(type: .added, old: nil, object: obj))
        return obj
    }

    /// Replaces an object. A non-empty resourceVersion must match the stored one (optimistic concurrency).
    @discardableResult
    /// The generation an update to `object` would leave it with (one more when its spec
    /// changes): a dry run stores nothing but answers with what the write would have made.
    public func generation<T: APIObject>(afterUpdateTo object: T) -> Int64 {
        guard let old = table(T.self).box(object.key)?.object ?? recorded(T.self, object.key) else { return object.metadata.generation }
        return Validation.specChanged(old, object) ? old.metadata.generation + 1 : old.metadata.generation
    }

    public func update<T: APIObject>(_ object: consuming T) throws -> T {
        let t = table(T.self)
        let key = object.key
        guard let box = t.box(key) ?? takeOutRecordedEvent(T.self, key) else { throw APIError.notFound(T.kind, object.metadata.name) }
        let old = box.object
        if !object.metadata.resourceVersion.isEmpty && object.metadata.resourceVersion != old.metadata.resourceVersion {
            throw APIError.conflict(T.kind, object.metadata.name)
        }
        // Moved, not copied: a second reference to the pod's storage would make the writes below
        // (the resourceVersion, the truncated times) copy it and its condition lists.
        var obj = consume object
        // Read before written: writing even the same value makes the metadata's shared box this
        // copy's own (the resourceVersion lives outside it).
        if obj.metadata.uid != old.metadata.uid { obj.metadata.uid = old.metadata.uid }
        if obj.metadata.creationTimestamp != old.metadata.creationTimestamp { obj.metadata.creationTimestamp = old.metadata.creationTimestamp }
        obj.metadata.resourceVersion = old.metadata.resourceVersion
        if var ds = obj as? DaemonSet, let oldDS = old as? DaemonSet {
            DaemonSetStrategy.prepareForUpdate(&ds, old: oldDS)
            obj = ds as! T
        }
        if var service = obj as? Service, let oldService = old as? Service, service.spec != oldService.spec {
            try ServiceUpdate.prepare(&service, old: oldService, others: services.all().filter { $0.key != old.key }, random: serviceRandom)
            obj = service as! T
        }
        obj.truncateToSeconds()
        if obj == old { return old } // a no-op write does not bump the version or wake watchers
        if Validation.needsValidation(old, obj) { try Validation.validate(obj) }
        if Validation.specChanged(old, obj) { obj.metadata.generation = old.metadata.generation + 1 }
        obj.metadata.resourceVersion = nextResourceVersion()
        t.replace(box, with: obj, key: key)
        notify(WatchEvent(type: .modified, old: old, object: obj))
        return obj
    }

    /// Reads, changes and writes back an object in one step (a patch).
    @discardableResult
    public func modify<T: APIObject>(_ type: T.Type, _ name: String, namespace: String, _ change: (inout T) throws -> Void) throws -> T {
        try modify(type, key: key(type, name, namespace), change)
    }

    /// Patches the cluster-scoped object `name`.
    @discardableResult
    public func modify<T: ClusterScopedObject>(_ type: T.Type, _ name: String, _ change: (inout T) throws -> Void) throws -> T {
        try modify(type, key: ObjectKey(namespace: "", name: name), change)
    }

    /// Patches the object stored under `key`.
    @discardableResult
    public func modify<T: APIObject>(_ type: T.Type, key: ObjectKey, _ change: (inout T) throws -> Void) throws -> T {
        guard var obj = get(type, key: key) else { throw APIError.notFound(T.kind, key.name) }
        try change(&obj)
        obj.metadata.resourceVersion = ""
        return try update(consume obj)
    }

    /// Deletes an object. A pod bound to a node is deleted gracefully: it gets a deletionTimestamp
    /// and stays (Terminating) until its kubelet confirms, or the grace period is 0.
    public func delete<T: APIObject>(_ type: T.Type, _ name: String, namespace: String, gracePeriodSeconds: Int? = nil) throws {
        try delete(type, key: key(type, name, namespace), gracePeriodSeconds: gracePeriodSeconds)
    }

    /// Deletes the cluster-scoped object `name`.
    public func delete<T: ClusterScopedObject>(_ type: T.Type, _ name: String, gracePeriodSeconds: Int? = nil) throws {
        try delete(type, key: ObjectKey(namespace: "", name: name), gracePeriodSeconds: gracePeriodSeconds)
    }

    /// Deletes the object stored under `key`.
    public func delete<T: APIObject>(_ type: T.Type, key: ObjectKey, gracePeriodSeconds: Int? = nil) throws {
        let t = table(type)
        let name = key.name
        if t[key] == nil, let i = recordedPosition(type, key) { return deleteRecordedEvent(at: i) }
        guard let old = t[key] else { throw APIError.notFound(T.kind, name) }
        if T.kind == .namespace, var namespace = old as? Namespace {
            // NamespaceLifecycle refuses; otherwise the first delete starts termination and the
            // namespace controller finishes it (a repeat changes nothing).
            if Namespace.immortal.contains(name) { throw APIError.forbidden(.namespace, name, "this namespace may not be deleted") }
            if !namespace.finalizers.isEmpty {
                guard !namespace.isTerminating else { return }
                namespace.metadata.deletionTimestamp = clock.now
                namespace.metadata.deletionGracePeriodSeconds = 0
                namespace.phase = Namespace.terminating
                namespace.metadata.resourceVersion = nextResourceVersion()
                namespaces.put(namespace)
                notify(WatchEvent(type: .modified, old: old as? Namespace, object: namespace))
                return
            }
        }
        if T.kind == .pod, var pod = old as? Pod {
            let grace = gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds
            let finished = pod.status.phase == "Succeeded" || pod.status.phase == "Failed"
            if pod.isScheduled && grace > 0 && !finished {
                if let existing = pod.metadata.deletionGracePeriodSeconds, existing <= grace { return }
                pod.metadata.deletionTimestamp = clock.now + .seconds(grace)
                pod.metadata.deletionGracePeriodSeconds = grace
                pod.metadata.resourceVersion = nextResourceVersion()
                pod.truncateToSeconds()
                pods.put(pod)
                notify(WatchEvent(type: .modified, old: old as? Pod, object: pod))
                return
            }
        }
        t.remove(key)
        var gone = old
        gone.metadata.resourceVersion = nextResourceVersion()
        notify(WatchEvent(type: .deleted, old: old, object: gone))
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

extension Store {
    /// Any stored object by kind, namespace and name (for code that works across kinds; cluster-scoped kinds ignore the namespace).
    public func object(kind: Kind, name: String, namespace: String) -> (any APIObject)? {
        object(kind: kind, key: ObjectKey(namespace: kind.isNamespaced ? namespace : "", name: name))
    }

    public func object(kind: Kind, key: ObjectKey) -> (any APIObject)? {
        switch kind {
        case .node: get(Node.self, key: key)
        case .pod: get(Pod.self, key: key)
        case .replicaSet: get(ReplicaSet.self, key: key)
        case .deployment: get(Deployment.self, key: key)
        case .event: get(Event.self, key: key)
        case .lease: get(Lease.self, key: key)
        case .namespace: get(Namespace.self, key: key)
        case .daemonSet: get(DaemonSet.self, key: key)
        case .podDisruptionBudget: get(PodDisruptionBudget.self, key: key)
        case .service: get(Service.self, key: key)
        case .endpointSlice: get(EndpointSlice.self, key: key)
        case .endpoints: get(Endpoints.self, key: key)
        }
    }

    /// Names of a kind's objects in `namespace` (ignored for kinds outside namespaces), in the
    /// order `list` gives them, without copying the objects.
    public func names(kind: Kind, namespace: String) -> [String] {
        let namespace = kind.isNamespaced ? namespace : ""
        switch kind {
        case .node: return nodes.orderedNames(in: namespace)
        case .pod: return pods.orderedNames(in: namespace)
        case .replicaSet: return replicaSets.orderedNames(in: namespace)
        case .deployment: return deployments.orderedNames(in: namespace)
        case .event: return eventKeys(in: namespace).map(\.name)
        case .lease: return leases.orderedNames(in: namespace)
        case .namespace: return namespaces.orderedNames(in: namespace)
        case .daemonSet: return daemonSets.orderedNames(in: namespace)
        case .podDisruptionBudget: return podDisruptionBudgets.orderedNames(in: namespace)
        case .service: return services.orderedNames(in: namespace)
        case .endpointSlice: return endpointSlices.orderedNames(in: namespace)
        case .endpoints: return endpoints.orderedNames(in: namespace)
        }
    }

    /// Objects of a kind matching a selector, in one namespace (nil: all), type-erased.
    public func objects(kind: Kind, selector: LabelSelector = LabelSelector(), namespace: String? = nil) -> [any APIObject] {
        switch kind {
        case .node: erased(Node.self, selector: selector)
        case .pod: erased(Pod.self, selector: selector, namespace: namespace)
        case .replicaSet: erased(ReplicaSet.self, selector: selector, namespace: namespace)
        case .deployment: erased(Deployment.self, selector: selector, namespace: namespace)
        case .event: list(Event.self, selector: selector, namespace: namespace)
        case .lease: erased(Lease.self, selector: selector, namespace: namespace)
        case .namespace: erased(Namespace.self, selector: selector)
        case .daemonSet: erased(DaemonSet.self, selector: selector, namespace: namespace)
        case .podDisruptionBudget: erased(PodDisruptionBudget.self, selector: selector, namespace: namespace)
        case .service: erased(Service.self, selector: selector, namespace: namespace)
        case .endpointSlice: erased(EndpointSlice.self, selector: selector, namespace: namespace)
        case .endpoints: erased(Endpoints.self, selector: selector, namespace: namespace)
        }
    }

    /// A list type-erased: without a selector each object is copied once, straight from the
    /// store into its existential (a list of 150,000 pods copies each pod field by field).
    private func erased<T: APIObject>(_ type: T.Type, selector: LabelSelector, namespace: String? = nil) -> [any APIObject] {
        guard selector.requirements.isEmpty else { return list(type, selector: selector, namespace: namespace) }
        return table(type).allErased(in: T.kind.isNamespaced ? namespace : nil)
    }

    public func delete(kind: Kind, name: String, namespace: String, gracePeriodSeconds: Int? = nil) throws {
        let key = ObjectKey(namespace: kind.isNamespaced ? namespace : "", name: name)
        switch kind {
        case .node: try delete(Node.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        case .pod: try delete(Pod.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        case .replicaSet: try delete(ReplicaSet.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        case .deployment: try delete(Deployment.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        case .event: try delete(Event.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        case .lease: try delete(Lease.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        case .namespace: try delete(Namespace.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        case .daemonSet: try delete(DaemonSet.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        case .podDisruptionBudget: try delete(PodDisruptionBudget.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        case .service: try delete(Service.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        case .endpointSlice: try delete(EndpointSlice.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        case .endpoints: try delete(Endpoints.self, key: key, gracePeriodSeconds: gracePeriodSeconds)
        }
    }
}

extension Kind {
    /// Kinds whose table keeps a label index (the others are few, or never selected by label in a hot path).
    var hasLabelIndex: Bool { self == .pod || self == .replicaSet || self == .deployment }
}

extension Store {
    /// How many stored pods satisfy `predicate`, read in place (no copies, no sorting).
    public func countPods(where predicate: (Pod) -> Bool) -> Int {
        pods.count(where: predicate)
    }
}
