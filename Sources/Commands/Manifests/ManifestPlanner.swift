import Cluster

/// What writing one manifest object would do, worked out before anything is written.
enum ManifestChange {
    case create(any APIObject)
    case update(any APIObject)
    case unchanged(any APIObject)

    /// The object as it will be stored.
    var result: any APIObject {
        switch self {
        case .create(let o), .update(let o), .unchanged(let o): o
        }
    }
}

/// `kubectl apply` against the live object: kubectl's three-way merge of the file, the live
/// object and the last-applied configuration (the live object's annotation, see
/// LastAppliedConfiguration). What the file says wins. Labels, annotations, template labels and
/// annotations and nodeSelector are merged key by key: a key the last apply set and the file no
/// longer has is removed, a key someone else set (`kubectl label`, controllers, the kubelet) is
/// kept. `spec.replicas` and `spec.unschedulable` left out of the file keep the live value
/// unless the last apply set them: then the patch deletes them and the API server defaults them
/// (1 replica, schedulable). The rest of the spec is the file's, with Kubernetes' defaults for
/// what it leaves out; admission's default tolerations and node-lifecycle taints are kept.
enum ManifestPlanner {
    static let managedAnnotationPrefix = "deployment.kubernetes.io/"
    /// The template generation the API server keeps on each DaemonSet.
    static let daemonSetTemplateGeneration = "deprecated.daemonset.template.generation"
    static let managedTaintPrefix = "node.kubernetes.io/"
    static let kubeletLabels = ["kubernetes.io/hostname", "kubernetes.io/os", "kubernetes.io/arch", "beta.kubernetes.io/os", "beta.kubernetes.io/arch"]

    /// kube-apiserver's ValidatePodUpdate message (without the spec diff it appends).
    static let podUpdateForbidden = "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

    static func change(for decoded: DecodedObject, in store: Store) throws -> ManifestChange {
        switch decoded.object {
        case let d as Deployment: try workload(d, decoded, live: store.get(Deployment.self, key: d.key))
        case let rs as ReplicaSet: try workload(rs, decoded, live: store.get(ReplicaSet.self, key: rs.key))
        case let p as Pod: try pod(p, live: store.get(Pod.self, key: p.key))
        case let ds as DaemonSet: try daemonSet(ds, live: store.get(DaemonSet.self, key: ds.key))
        case let n as Node: node(n, decoded, live: store.get(Node.self, n.name), now: store.now)
        case let ns as Namespace: namespace(ns, live: store.get(Namespace.self, ns.name))
        case let pdb as PodDisruptionBudget: budget(pdb, live: store.get(PodDisruptionBudget.self, key: pdb.key))
        case let service as Service: self.service(service, live: store.get(Service.self, key: service.key))
        default: preconditionFailure("not served from manifests: \(decoded.kind)")
        }
    }

    private static func outcome<T: APIObject>(_ desired: T, live: T) -> ManifestChange {
        desired == live ? .unchanged(live) : .update(desired)
    }

    /// Labels and annotations, merged three ways.
    private static func mergedMetadata(_ file: ObjectMeta, original: ManifestValue?, live: ObjectMeta) -> ObjectMeta {
        var meta = live
        let o = original?["metadata"]
        meta.labels = ThreeWayMerge.map(file: file.labels, original: o?["labels"]?.stringMap ?? [:], live: live.labels)
        meta.annotations = ThreeWayMerge.map(file: file.annotations, original: o?["annotations"]?.stringMap ?? [:], live: live.annotations)
        return meta
    }

    /// The file's pod template, with its labels, annotations and nodeSelector merged three ways.
    private static func mergedTemplate(_ file: PodTemplate, original: ManifestValue?, live: PodTemplate) -> PodTemplate {
        var template = file
        let o = original?["spec"]?["template"]
        template.labels = ThreeWayMerge.map(file: file.labels, original: o?["metadata"]?["labels"]?.stringMap ?? [:], live: live.labels)
        template.annotations = ThreeWayMerge.map(file: file.annotations, original: o?["metadata"]?["annotations"]?.stringMap ?? [:],
                                                 live: live.annotations)
        template.spec.nodeSelector = ThreeWayMerge.map(file: file.spec.nodeSelector, original: o?["spec"]?["nodeSelector"]?.stringMap ?? [:],
                                                       live: live.spec.nodeSelector)
        return template
    }

    /// A field the file leaves out keeps the live value only if the last apply did not set it.
    private static func keepsLive(_ field: String, _ decoded: DecodedObject, original: ManifestValue?) -> Bool {
        guard decoded.keepsLive.contains(field) else { return false }
        var value = original
        for part in field.split(separator: ".") { value = value?[String(part)] }
        return value == nil
    }

    private static func original(_ live: some APIObject) -> ManifestValue? {
        LastAppliedConfiguration.original(in: live.metadata.annotations)
    }

    // MARK: workloads

    /// A Deployment or ReplicaSet from the file over the live one: the file sets labels and the
    /// spec; replicas left out keep the live count; the selector may not change.
    private static func workload<W: ReplicatedWorkload>(_ new: W, _ decoded: DecodedObject, live: W?) throws -> ManifestChange {
        guard let live, !new.name.isEmpty else { return .create(new) }
        let original = original(live)
        var desired = live
        desired.metadata = mergedMetadata(new.metadata, original: original, live: live.metadata)
        desired.spec = new.spec
        desired.template = mergedTemplate(new.template, original: original, live: live.template)
        if keepsLive("spec.replicas", decoded, original: original) { desired.replicas = live.replicas }
        if desired.selector != live.selector {
            throw ManifestErrors.invalid(W.kind, live.name, [ServerRules.immutableSelector(desired.selector)])
        }
        return outcome(desired, live: live)
    }

    /// A DaemonSet from the file over the live one: labels and spec from the file (the API
    /// server keeps its template-generation annotation); the selector may not change.
    private static func daemonSet(_ new: DaemonSet, live: DaemonSet?) throws -> ManifestChange {
        guard let live, !new.name.isEmpty else { return .create(new) }
        let original = original(live)
        var desired = live
        desired.metadata = mergedMetadata(new.metadata, original: original, live: live.metadata)
        desired.spec = new.spec
        desired.spec.template = mergedTemplate(new.spec.template, original: original, live: live.spec.template)
        if desired.spec.selector != live.spec.selector {
            throw ManifestErrors.invalid(.daemonSet, live.name, [ServerRules.immutableSelector(desired.spec.selector)])
        }
        return outcome(desired, live: live)
    }

    /// A PodDisruptionBudget from the file over the live one: labels and spec from the file
    /// (policy/v1 lets every spec field change); the controller's status stays.
    private static func budget(_ new: PodDisruptionBudget, live: PodDisruptionBudget?) -> ManifestChange {
        guard let live, !new.name.isEmpty else { return .create(new) }
        var desired = live
        desired.metadata = mergedMetadata(new.metadata, original: original(live), live: live.metadata)
        desired.spec = new.spec
        return outcome(desired, live: live)
    }

    /// A Service from the file over the live one: labels and spec from the file, with the
    /// cluster IP and node ports the API server allocated kept when the file leaves them out (a
    /// cluster IP the file changes is refused by the store: it may not change once set).
    private static func service(_ new: Service, live: Service?) -> ManifestChange {
        guard let live, !new.name.isEmpty else { return .create(new) }
        var desired = live
        desired.metadata = mergedMetadata(new.metadata, original: original(live), live: live.metadata)
        desired.spec = new.spec
        desired.spec.keepAllocatedValues(of: live.spec)
        return outcome(desired, live: live)
    }

    // MARK: pods

    /// What DefaultTolerationSeconds admission adds to every pod.
    static func isAdmissionDefault(_ t: Toleration) -> Bool {
        [Taint.notReadyKey, Taint.unreachableKey].contains(t.key) && t.operator == "Exists" && t.effect == "NoExecute"
    }

    /// A pod's spec is fixed once created, apart from its images; labels and annotations may change.
    private static func pod(_ new: Pod, live: Pod?) throws -> ManifestChange {
        guard let live, !new.name.isEmpty else { return .create(new) }
        var proposed = new.spec
        if proposed.nodeName.isEmpty { proposed.nodeName = live.spec.nodeName }
        for t in live.spec.tolerations where isAdmissionDefault(t) && !proposed.tolerations.contains(where: { $0.key == t.key && $0.effect == t.effect }) {
            proposed.tolerations.append(t)
        }
        // What admission and defaulting set stays unless the file says otherwise (an apply
        // merges into the live object).
        if proposed.volumes.isEmpty { proposed.volumes = live.spec.volumes }
        proposed.priority = proposed.priority ?? live.spec.priority
        proposed.preemptionPolicy = proposed.preemptionPolicy ?? live.spec.preemptionPolicy
        proposed.enableServiceLinks = proposed.enableServiceLinks ?? live.spec.enableServiceLinks
        for i in proposed.containers.indices where proposed.containers[i].volumeMounts.isEmpty {
            proposed.containers[i].volumeMounts = live.spec.containers.first { $0.name == proposed.containers[i].name }?.volumeMounts ?? []
        }
        var withLiveImages = proposed
        if withLiveImages.containers.count == live.spec.containers.count {
            // An image may change; its pull policy was defaulted from the image and goes with it.
            for i in withLiveImages.containers.indices {
                withLiveImages.containers[i].image = live.spec.containers[i].image
                withLiveImages.containers[i].imagePullPolicy = live.spec.containers[i].imagePullPolicy
            }
        }
        guard withLiveImages == live.spec else { throw ManifestErrors.invalid(.pod, live.name, [podUpdateForbidden]) }
        var desired = live
        desired.metadata = mergedMetadata(new.metadata, original: original(live), live: live.metadata)
        desired.spec = proposed
        return outcome(desired, live: live)
    }

    // MARK: namespaces

    /// The file sets labels and annotations; the server keeps its name label.
    private static func namespace(_ new: Namespace, live: Namespace?) -> ManifestChange {
        guard let live else { return .create(new) }
        var desired = live
        desired.metadata = mergedMetadata(new.metadata, original: original(live), live: live.metadata)
        return outcome(desired, live: live)
    }

    // MARK: nodes

    private static func node(_ new: Node, _ decoded: DecodedObject, live: Node?, now: SimTime) -> ManifestChange {
        guard let live else { return .create(new) }
        let original = original(live)
        var desired = live
        desired.metadata = mergedMetadata(new.metadata, original: original, live: live.metadata)
        for key in kubeletLabels where desired.metadata.labels[key] == nil { desired.metadata.labels[key] = live.metadata.labels[key] }
        if !keepsLive("spec.unschedulable", decoded, original: original) { desired.spec.unschedulable = new.spec.unschedulable }
        // Taints neither the file nor the last apply mention are someone else's (`kubectl taint`).
        if decoded.manifest["spec"]?["taints"] == nil && original?["spec"]?["taints"] == nil { return outcome(desired, live: live) }
        let isManaged = { (t: Taint) in t.key.hasPrefix(managedTaintPrefix) }
        let fileTaints = new.spec.taints.filter { !isManaged($0) }
        let liveTaints = live.spec.taints.filter { !isManaged($0) }
        let sameTaints = fileTaints.map { [$0.key, $0.value, $0.effect] } == liveTaints.map { [$0.key, $0.value, $0.effect] }
        if !sameTaints {
            desired.spec.taints = live.spec.taints.filter(isManaged) + fileTaints.map { stamped($0, now: now) }
        }
        // Capacity is the kubelet's to report (status), so an existing node keeps its own.
        return outcome(desired, live: live)
    }

    /// NoExecute taints carry the time they were added; eviction counts from it.
    static func stamped(_ taint: Taint, now: SimTime) -> Taint {
        var t = taint
        if t.effect == "NoExecute" && t.timeAdded == nil { t.timeAdded = now }
        return t
    }
}

/// Deployments and ReplicaSets alike: a spec with a replica count and a fixed selector.
protocol ReplicatedWorkload: APIObject, Equatable {
    associatedtype Spec: Equatable
    var spec: Spec { get set }
    var replicas: Int { get set }
    var selector: LabelSelector { get }
    var template: PodTemplate { get set }
}

extension Deployment: ReplicatedWorkload {
    var replicas: Int {
        get { spec.replicas }
        set { spec.replicas = newValue }
    }
    var template: PodTemplate {
        get { spec.template }
        set { spec.template = newValue }
    }
    var selector: LabelSelector { spec.selector }
}

extension ReplicaSet: ReplicatedWorkload {
    var replicas: Int {
        get { spec.replicas }
        set { spec.replicas = newValue }
    }
    var template: PodTemplate {
        get { spec.template }
        set { spec.template = newValue }
    }
    var selector: LabelSelector { spec.selector }
}
