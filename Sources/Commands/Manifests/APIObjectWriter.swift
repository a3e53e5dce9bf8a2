import Cluster

/// Creates and replaces objects for API requests through the same steps `kubectl create -f` and
/// `kubectl apply -f` take (ManifestApplier's store writes, ManifestPlanner's update rules,
/// ServerRules' validation), so both front ends accept and refuse the same things.
public enum APIObjectWriter {
    /// POST: the object as stored (or, with `dryRun`, as it would be).
    public static func create(_ body: APIObjectBody, in cluster: Cluster, dryRun: Bool) throws -> any APIObject {
        let object = body.object
        try refuseInvalid(body, object, cluster)
        if dryRun { return try dryRunCreate(object, in: cluster) }
        if let node = object as? Node { return try ManifestApplier(cluster: cluster, mode: .create).createNode(node) }
        return try ManifestApplier.create(object, in: cluster.store)
    }

    /// PUT (and the result of a PATCH): the body replaces the live object's labels, annotations,
    /// owner references and spec; status stays the live one, as the API server's update
    /// strategies reset status on the main resource. A non-empty resourceVersion must be current.
    public static func replace(_ body: APIObjectBody, in cluster: Cluster, dryRun: Bool) throws -> any APIObject {
        let kind = body.kind
        guard let live = cluster.store.object(kind: kind, key: body.object.key) else { throw APIError.notFound(kind, body.object.name) }
        let resourceVersion = body.resourceVersion
        if !resourceVersion.isEmpty && resourceVersion != live.metadata.resourceVersion { throw APIError.conflict(kind, live.name) }
        var decoded = body.decoded
        decoded.object = keepingUnread(decoded.object, live: live)
        // An update says every field: one it leaves out is defaulted (uncordon's patch removes
        // spec.unschedulable), not kept from the live object as a re-applied file's is.
        decoded.keepsLive = []
        var result: any APIObject
        switch kind {
        case .event, .lease:
            result = decoded.object
        default:
            try refuseInvalid(body, decoded.object, cluster)
            result = try ManifestPlanner.change(for: decoded, in: cluster.store).result
            result = replacingMetadata(result, with: decoded.object)
        }
        result.metadata.resourceVersion = live.metadata.resourceVersion
        // The server's own metadata: the store bumps the generation when the spec changes.
        result.metadata.generation = live.metadata.generation
        result.metadata.deletionTimestamp = live.metadata.deletionTimestamp
        result.metadata.deletionGracePeriodSeconds = live.metadata.deletionGracePeriodSeconds
        if dryRun { return dryRunUpdate(result, in: cluster.store) }
        return try update(result, in: cluster.store)
    }

    /// Writes an object whose status (or spec) the caller changed: the store's update, no planning.
    public static func write(_ object: any APIObject, in cluster: Cluster, dryRun: Bool) throws -> any APIObject {
        if dryRun { return dryRunUpdate(object, in: cluster.store) }
        return try update(object, in: cluster.store)
    }

    /// What a dry-run update answers: the object as the write would have left it, its
    /// generation moved on when its spec changed (`kubectl diff` shows that line too).
    private static func dryRunUpdate(_ object: any APIObject, in store: Store) -> any APIObject {
        var result = object
        result.metadata.generation = store.generation(afterUpdateTo: object)
        return result
    }

    static func update<T: APIObject>(_ object: T, in store: Store) throws -> any APIObject {
        try store.update(object)
    }

    // MARK: validation

    /// The decoder's causes and the annotation limit, with the store's own causes in
    /// ValidateObjectMeta's order (metadata first), found on a scratch cluster.
    private static func refuseInvalid(_ body: APIObjectBody, _ object: any APIObject, _ cluster: Cluster) throws {
        let extra = ServerRules.annotationSize(object.metadata.annotations)
        guard !body.decoded.causes.isEmpty || !extra.isEmpty else { return }
        var causes: [String] = []
        let scratch = scratchCluster(like: cluster, namespace: object.metadata.namespace)
        // The scratch cluster's controllers hold it unowned: keep it alive while its store is written.
        withExtendedLifetime(scratch) {
            do {
                _ = try ManifestApplier.create(object, in: scratch.store)
            } catch let error as APIError where error.reason == .invalid {
                causes = error.causes
            } catch {}
        }
        let metadataCauses = causes.prefix { $0.hasPrefix("metadata.") }.count
        causes.insert(contentsOf: extra, at: metadataCauses)
        causes += body.decoded.causes
        let meta = object.metadata
        throw APIError.invalid(body.kind, meta.name.isEmpty ? meta.generateName : meta.name, causes)
    }

    private static func scratchCluster(like cluster: Cluster, namespace: String) -> Cluster {
        let scratch = Cluster(seed: cluster.seed, pace: cluster.pace, nodes: 0)
        if !namespace.isEmpty, !scratch.store.namespaceExists(namespace) { _ = try? scratch.store.create(Namespace(name: namespace)) }
        return scratch
    }

    /// `dryRun=All`: every check a real create makes, against a scratch copy of the namespace.
    private static func dryRunCreate(_ object: any APIObject, in cluster: Cluster) throws -> any APIObject {
        let kind = type(of: object).kind
        let namespace = object.metadata.namespace
        if kind.isNamespaced, !cluster.store.namespaceExists(namespace) { throw APIError.notFound(.namespace, namespace) }
        if !object.name.isEmpty, cluster.store.object(kind: kind, key: object.key) != nil { throw APIError.alreadyExists(kind, object.name) }
        let scratch = scratchCluster(like: cluster, namespace: kind.isNamespaced ? namespace : "")
        var created = try withExtendedLifetime(scratch) { try ManifestApplier.create(object, in: scratch.store) }
        // The scratch store's clock and versions are its own: the object is made now, and a
        // dry run stores nothing, so it has no resourceVersion.
        created.metadata.creationTimestamp = cluster.now
        created.metadata.resourceVersion = ""
        return created
    }

    // MARK: what the body cannot say

    /// Fields the manifest decoder does not read keep their live values, so a body read from
    /// the API (`kubectl get -o json`, a patch of it) does not lose them.
    private static func keepingUnread(_ object: any APIObject, live: any APIObject) -> any APIObject {
        switch (object, live) {
        case (var pod as Pod, let livePod as Pod):
            pod.spec = keepingUnread(pod.spec, live: livePod.spec)
            return pod
        case (var d as Deployment, let liveD as Deployment):
            d.spec.template.spec = keepingUnread(d.spec.template.spec, live: liveD.spec.template.spec)
            return d
        case (var rs as ReplicaSet, let liveRS as ReplicaSet):
            rs.spec.template.spec = keepingUnread(rs.spec.template.spec, live: liveRS.spec.template.spec)
            return rs
        case (var ds as DaemonSet, let liveDS as DaemonSet):
            ds.spec.template.spec = keepingUnread(ds.spec.template.spec, live: liveDS.spec.template.spec)
            return ds
        case (var lease as Lease, let liveLease as Lease):
            // renewTime is a MicroTime, printed here at whole seconds: the same second is the live time.
            let difference = (liveLease.renewTime - lease.renewTime).milliseconds
            if lease.renewTime.milliseconds % 1000 == 0, (0..<1000).contains(difference) { lease.renewTime = liveLease.renewTime }
            return lease
        case (var event as Event, let liveEvent as Event):
            event.metadata.uid = liveEvent.metadata.uid
            return event
        default:
            return object
        }
    }

    private static func keepingUnread(_ spec: PodSpec, live: PodSpec) -> PodSpec {
        var spec = spec
        spec.nodeAffinity = live.nodeAffinity
        spec.restartPolicy = live.restartPolicy
        spec.schedulerName = live.schedulerName
        spec.serviceAccountName = live.serviceAccountName
        if spec.volumes.isEmpty { spec.volumes = live.volumes }
        spec.priority = spec.priority ?? live.priority
        spec.preemptionPolicy = spec.preemptionPolicy ?? live.preemptionPolicy
        spec.enableServiceLinks = spec.enableServiceLinks ?? live.enableServiceLinks
        for i in spec.containers.indices where spec.containers[i].volumeMounts.isEmpty {
            spec.containers[i].volumeMounts = live.containers.first { $0.name == spec.containers[i].name }?.volumeMounts ?? []
        }
        return spec
    }

    /// An update replaces labels, annotations and owner references outright (the planner merges
    /// them three ways, as `kubectl apply` does); a namespace keeps its name label.
    private static func replacingMetadata(_ result: any APIObject, with body: any APIObject) -> any APIObject {
        var result = result
        result.metadata.labels = body.metadata.labels
        result.metadata.annotations = body.metadata.annotations
        result.metadata.ownerReferences = body.metadata.ownerReferences
        switch (result, body) {
        case (var d as Deployment, let b as Deployment):
            d.spec.template = b.spec.template
            return d
        case (var rs as ReplicaSet, let b as ReplicaSet):
            rs.spec.template = b.spec.template
            return rs
        case (var ds as DaemonSet, let b as DaemonSet):
            ds.spec.template = b.spec.template
            return ds
        case (var ns as Namespace, _):
            ns.metadata.labels["kubernetes.io/metadata.name"] = ns.name
            return ns
        default:
            return result
        }
    }
}
