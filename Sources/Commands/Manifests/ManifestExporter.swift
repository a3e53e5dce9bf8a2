import Cluster

/// The whole cluster as manifests: YAML documents that `kubectl apply -f` takes back into an
/// empty cluster (namespaces first, then nodes, so objects find their namespace and bare pods
/// their node) and that a real cluster would accept. Namespaced objects name their namespace.
/// What the user declared is written; what the cluster made or reports is not: no status, no
/// uid, resourceVersion, creationTimestamp or generation, no objects with a controller (a
/// Deployment's ReplicaSets and pods come back from the Deployment), no annotations or taints
/// the controllers keep, no default tolerations admission adds. Fields print in
/// `kubectl get -o yaml` order, from the same encoder.
public enum ManifestExporter {
    public static func export(_ cluster: Cluster) -> String {
        let store = cluster.store
        var documents: [JSONValue] = []
        // The four a cluster starts with exist wherever the file is applied.
        documents += store.list(Namespace.self).filter { !Namespace.builtIn.contains($0.name) && !$0.isTerminating }.map(namespace)
        documents += store.list(Node.self).map(node)
        documents += store.list(Deployment.self).filter { !$0.isTerminating }.map(deployment)
        documents += store.list(ReplicaSet.self).filter { $0.metadata.controllerRef == nil && !$0.isTerminating }.map(replicaSet)
        documents += store.list(DaemonSet.self).filter { !$0.isTerminating }.map(daemonSet)
        documents += store.list(Pod.self).filter { $0.metadata.controllerRef == nil && !$0.isTerminating }
            .map { pod($0, defaultTolerationSeconds: cluster.pace.defaultTolerationSeconds) }
        documents += store.list(PodDisruptionBudget.self).filter { !$0.isTerminating }
            .map { document(.podDisruptionBudget, $0.metadata, spec: ObjectEncoder.podDisruptionBudget($0)["spec"]) }
        // The kubernetes service is the API server's own; the rest keep their allocated cluster IP
        // and node ports, as `kubectl get -o yaml` shows them, so a re-import gets the same addresses.
        documents += store.list(Service.self).filter { !$0.isTerminating && !($0.namespace == "default" && $0.name == "kubernetes") }
            .map { document(.service, $0.metadata, spec: ObjectEncoder.service($0)["spec"]) }
        return documents.map(YAMLWriter.write).joined(separator: "---\n")
    }

    private static func document(_ kind: Kind, _ meta: ObjectMeta, spec: JSONValue?) -> JSONValue {
        var fields: [(String, JSONValue)] = [("apiVersion", .string(kind.apiVersion)), ("kind", .string(kind.rawValue)),
                                             ("metadata", metadata(meta, namespaced: kind.isNamespaced))]
        if let spec { fields.append(("spec", spec)) }
        return .object(fields)
    }

    /// Name, namespace, labels and the user's annotations: nothing the server sets.
    private static func metadata(_ m: ObjectMeta, namespaced: Bool) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        let annotations = m.annotations.filter {
            !$0.key.hasPrefix(ManifestPlanner.managedAnnotationPrefix) && $0.key != ManifestPlanner.daemonSetTemplateGeneration
                && $0.key != LastAppliedConfiguration.key
        }
        if !annotations.isEmpty { fields.append(("annotations", .map(annotations))) }
        if !m.labels.isEmpty { fields.append(("labels", .map(m.labels))) }
        fields.append(("name", .string(m.name)))
        if namespaced { fields.append(("namespace", .string(m.namespace))) }
        return .object(fields)
    }

    /// A namespace without the name label the API server adds to every one.
    private static func namespace(_ ns: Namespace) -> JSONValue {
        var meta = ns.metadata
        meta.labels["kubernetes.io/metadata.name"] = nil
        return document(.namespace, meta, spec: nil)
    }

    /// A pod template without the `creationTimestamp: null` the API server prints in it.
    private static func template(_ t: PodTemplate) -> JSONValue {
        let encoded = ObjectEncoder.template(t)
        return encoded.setting("metadata", encoded["metadata"]?.setting("creationTimestamp", nil))
    }

    private static func deployment(_ d: Deployment) -> JSONValue {
        let spec = ObjectEncoder.deployment(d)["spec"]?.setting("template", template(d.spec.template))
        return document(.deployment, d.metadata, spec: spec)
    }

    private static func replicaSet(_ rs: ReplicaSet) -> JSONValue {
        let spec = ObjectEncoder.replicaSet(rs)["spec"]?.setting("template", template(rs.spec.template))
        return document(.replicaSet, rs.metadata, spec: spec)
    }

    private static func daemonSet(_ ds: DaemonSet) -> JSONValue {
        let spec = ObjectEncoder.daemonSet(ds)["spec"]?.setting("template", template(ds.spec.template))
        return document(.daemonSet, ds.metadata, spec: spec)
    }

    /// A bare pod keeps its node (a real cluster binds it there too) but not what admission and
    /// the API server added: default tolerations, the default service account and its token
    /// volume, priority and the service-link default.
    private static func pod(_ p: Pod, defaultTolerationSeconds: Int) -> JSONValue {
        var spec = p.spec
        spec.tolerations.removeAll { ManifestPlanner.isAdmissionDefault($0) && $0.tolerationSeconds == defaultTolerationSeconds }
        spec.volumes.removeAll { $0.name.hasPrefix("kube-api-access-") }
        for i in spec.containers.indices { spec.containers[i].volumeMounts.removeAll { $0.name.hasPrefix("kube-api-access-") } }
        spec.priority = nil
        spec.preemptionPolicy = nil
        spec.enableServiceLinks = nil
        let encoded = ObjectEncoder.podSpec(spec).setting("serviceAccount", nil).setting("serviceAccountName", nil)
        return document(.pod, p.metadata, spec: encoded)
    }

    /// A node as its owner declares it: labels, user taints and cordon. Its size is status
    /// (reported by the kubelet), so it is not written; podCIDR is allocated by the cluster.
    private static func node(_ n: Node) -> JSONValue {
        var spec: [(String, JSONValue)] = []
        let taints = n.spec.taints.filter { !$0.key.hasPrefix(ManifestPlanner.managedTaintPrefix) }
        if !taints.isEmpty {
            spec.append(("taints", .array(taints.map { t in
                var fields: [(String, JSONValue)] = [("effect", .string(t.effect)), ("key", .string(t.key))]
                if !t.value.isEmpty { fields.append(("value", .string(t.value))) }
                return .object(fields)
            })))
        }
        if n.spec.unschedulable { spec.append(("unschedulable", .bool(true))) }
        return document(.node, n.metadata, spec: spec.isEmpty ? nil : .object(spec))
    }
}

extension JSONValue {
    /// This object with `key` set to `value`, or removed when `value` is nil.
    func setting(_ key: String, _ value: JSONValue?) -> JSONValue {
        guard case .object(var pairs) = self else { return self }
        if let i = pairs.firstIndex(where: { $0.0 == key }) {
            if let value { pairs[i].1 = value } else { pairs.remove(at: i) }
        } else if let value {
            pairs.append((key, value))
        }
        return .object(pairs)
    }
}
