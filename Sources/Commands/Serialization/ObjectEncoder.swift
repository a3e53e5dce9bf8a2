import Cluster

/// Objects as Kubernetes' JSON: the fields in the order of Kubernetes' Go structs, empty
/// fields omitted, timestamps in RFC 3339, quantities in canonical form.
public enum ObjectEncoder {
    public static func encode(_ object: any APIObject) -> JSONValue {
        switch object {
        case let p as Pod: pod(p)
        case let rs as ReplicaSet: replicaSet(rs)
        case let d as Deployment: deployment(d)
        case let ds as DaemonSet: daemonSet(ds)
        case let n as Node: node(n)
        case let e as Event: event(e)
        case let l as Lease: lease(l)
        case let ns as Namespace: namespace(ns)
        case let pdb as PodDisruptionBudget: podDisruptionBudget(pdb)
        case let s as Service: service(s)
        case let slice as EndpointSlice: endpointSlice(slice)
        case let ep as Endpoints: endpoints(ep)
        default: .null
        }
    }

    /// An object's metadata alone, as `encode(object)["metadata"]` has it (a Table row's
    /// PartialObjectMetadata needs only this, for thousands of rows).
    public static func metadata(of object: any APIObject) -> JSONValue {
        metadata(object.metadata, namespaced: type(of: object).kind.isNamespaced)
    }

    /// `kind: List` wrapper that kubectl prints for several objects.
    public static func list(_ objects: [any APIObject]) -> JSONValue {
        .object([
            ("apiVersion", .string("v1")),
            ("items", .array(objects.map(encode))),
            ("kind", .string("List")),
            ("metadata", .object([("resourceVersion", .string(""))])),
        ])
    }

    typealias Fields = [(String, JSONValue)]

    static func time(_ t: SimTime) -> JSONValue { .string(CalendarTime.rfc3339(t)) }

    private static func header(_ kind: Kind, _ meta: ObjectMeta) -> Fields {
        [("apiVersion", .string(kind.apiVersion)), ("kind", .string(kind.rawValue)), ("metadata", metadata(meta, namespaced: kind.isNamespaced))]
    }

    /// A Namespace: the `kubernetes` finalizer in spec, the phase in status.
    static func namespace(_ ns: Namespace) -> JSONValue {
        .object(header(.namespace, ns.metadata) + [
            ("spec", ns.finalizers.isEmpty ? .object([]) : .object([("finalizers", .array(ns.finalizers.map { .string($0) }))])),
            ("status", .object((ns.conditions.isEmpty ? [] : [("conditions", .array(ns.conditions.map { c in
                .object([("lastTransitionTime", time(c.lastTransitionTime)), ("message", .string(c.message)), ("reason", .string(c.reason)),
                         ("status", .string(c.status)), ("type", .string(c.type))])
            }))]) + [("phase", .string(ns.phase))])),
        ])
    }

    static func metadata(_ m: ObjectMeta, namespaced: Bool = true) -> JSONValue {
        var f: Fields = []
        if !m.annotations.isEmpty { f.append(("annotations", .map(m.annotations))) }
        f.append(("creationTimestamp", time(m.creationTimestamp)))
        if let grace = m.deletionGracePeriodSeconds { f.append(("deletionGracePeriodSeconds", .int(Int64(grace)))) }
        if let t = m.deletionTimestamp { f.append(("deletionTimestamp", time(t))) }
        if !m.generateName.isEmpty { f.append(("generateName", .string(m.generateName))) }
        if m.generation > 0 { f.append(("generation", .int(m.generation))) }
        if !m.labels.isEmpty { f.append(("labels", .map(m.labels))) }
        f.append(("name", .string(m.name)))
        if namespaced { f.append(("namespace", .string(m.namespace))) }
        if !m.ownerReferences.isEmpty {
            f.append(("ownerReferences", .array(m.ownerReferences.map { r in
                .object([("apiVersion", .string(r.apiVersion)), ("blockOwnerDeletion", .bool(r.blockOwnerDeletion)),
                         ("controller", .bool(r.controller)), ("kind", .string(r.kind)), ("name", .string(r.name)), ("uid", .string(r.uid))])
            })))
        }
        // omitempty, as metav1.ObjectMeta: an object not stored (a dry run) has none.
        if !m.resourceVersion.isEmpty { f.append(("resourceVersion", .string(m.resourceVersion))) }
        f.append(("uid", .string(m.uid)))
        return .object(f)
    }

    static func selector(_ s: LabelSelector) -> JSONValue {
        var f: Fields = []
        let equality = s.requirements.filter { $0.op == .equals }
        let expressions = s.requirements.filter { $0.op != .equals }
        if !expressions.isEmpty {
            f.append(("matchExpressions", .array(expressions.map { r in
                let op: String = switch r.op {
                case .in: "In"
                case .notIn, .notEquals: "NotIn"
                case .exists: "Exists"
                default: "DoesNotExist"
                }
                var e: Fields = [("key", .string(r.key)), ("operator", .string(op))]
                if !r.values.isEmpty { e.append(("values", .array(r.values.map { .string($0) }))) }
                return .object(e)
            })))
        }
        if !equality.isEmpty {
            f.append(("matchLabels", .map(Dictionary(uniqueKeysWithValues: equality.map { ($0.key, $0.values.first ?? "") }))))
        }
        return .object(f)
    }

    static func resources(_ r: ResourceAmounts, limits: ResourceAmounts = ResourceAmounts()) -> JSONValue {
        func list(_ amounts: ResourceAmounts) -> Fields {
            var fields: Fields = []
            if amounts.cpuMillis > 0 { fields.append(("cpu", .string(Quantity.formatCPU(amounts.cpuMillis)))) }
            if amounts.memoryBytes > 0 { fields.append(("memory", .string(Quantity.formatMemory(amounts.memoryBytes)))) }
            return fields
        }
        var f: Fields = []
        if !list(limits).isEmpty { f.append(("limits", .object(list(limits)))) }
        if !list(r).isEmpty { f.append(("requests", .object(list(r)))) }
        return .object(f)
    }

    /// A container's env list, as the API returns it (name, then value when not empty).
    static func environment(_ env: [EnvVar]) -> JSONValue {
        .array(env.map { e in .object([("name", .string(e.name))] + (e.value.isEmpty ? [] : [("value", .string(e.value))])) })
    }

    static func nodeAffinity(_ a: NodeAffinity) -> JSONValue {
        func requirements(_ rs: [NodeSelectorRequirement]) -> JSONValue {
            .array(rs.map { r in
                var f: Fields = [("key", .string(r.key)), ("operator", .string(r.operator))]
                if !r.values.isEmpty { f.append(("values", .array(r.values.map { .string($0) }))) }
                return .object(f)
            })
        }
        let terms: [JSONValue] = a.requiredTerms.map { term in
            var f: Fields = []
            if !term.matchExpressions.isEmpty { f.append(("matchExpressions", requirements(term.matchExpressions))) }
            if !term.matchFields.isEmpty { f.append(("matchFields", requirements(term.matchFields))) }
            return .object(f)
        }
        return .object([("nodeAffinity", .object([("requiredDuringSchedulingIgnoredDuringExecution",
                                                    .object([("nodeSelectorTerms", .array(terms))]))]))])
    }

    static func podSpec(_ s: PodSpec) -> JSONValue {
        var f: Fields = []
        if let affinity = s.nodeAffinity { f.append(("affinity", nodeAffinity(affinity))) }
        f += [("containers", .array(s.containers.map { c in
            var cf: Fields = []
            if !c.env.isEmpty { cf.append(("env", environment(c.env))) }
            cf += [("image", .string(c.image)), ("imagePullPolicy", .string(c.imagePullPolicy)), ("name", .string(c.name))]
            if !c.ports.isEmpty {
                cf.append(("ports", .array(c.ports.map { p in
                    .object([("containerPort", .int(Int64(p.containerPort)))] + (p.hostPort == 0 ? [] : [("hostPort", .int(Int64(p.hostPort)))])
                            + (p.name.isEmpty ? [] : [("name", .string(p.name))])
                            + [("protocol", .string(p.protocol))])
                })))
            }
            cf.append(("resources", resources(c.requests, limits: c.limits)))
            cf.append(("terminationMessagePath", .string("/dev/termination-log")))
            cf.append(("terminationMessagePolicy", .string("File")))
            if !c.volumeMounts.isEmpty {
                cf.append(("volumeMounts", .array(c.volumeMounts.map { m in
                    .object([("mountPath", .string(m.mountPath)), ("name", .string(m.name))] + (m.readOnly ? [("readOnly", .bool(true))] : []))
                })))
            }
            addProbes(of: c, to: &cf)
            return .object(cf)
        }))]
        f.append(("dnsPolicy", .string("ClusterFirst")))
        if let links = s.enableServiceLinks { f.append(("enableServiceLinks", .bool(links))) }
        if s.hostNetwork { f.append(("hostNetwork", .bool(true))) }
        if !s.nodeName.isEmpty { f.append(("nodeName", .string(s.nodeName))) }
        if !s.nodeSelector.isEmpty { f.append(("nodeSelector", .map(s.nodeSelector))) }
        if let policy = s.preemptionPolicy { f.append(("preemptionPolicy", .string(policy))) }
        if let priority = s.priority { f.append(("priority", .int(Int64(priority)))) }
        f.append(("restartPolicy", .string(s.restartPolicy)))
        f.append(("schedulerName", .string(s.schedulerName)))
        f.append(("securityContext", .object([])))
        if !s.serviceAccountName.isEmpty && !s.nodeName.isEmpty {
            f.append(("serviceAccount", .string(s.serviceAccountName)))
            f.append(("serviceAccountName", .string(s.serviceAccountName)))
        }
        f.append(("terminationGracePeriodSeconds", .int(Int64(s.terminationGracePeriodSeconds))))
        if !s.tolerations.isEmpty {
            f.append(("tolerations", .array(s.tolerations.map(toleration))))
        }
        if !s.volumes.isEmpty { f.append(("volumes", .array(s.volumes.map(serviceAccountVolume)))) }
        return .object(f)
    }

    /// The projected volume the ServiceAccount admission plugin adds, as the API server stores it.
    static func serviceAccountVolume(_ v: Volume) -> JSONValue {
        let token: JSONValue = .object([("serviceAccountToken", .object([("expirationSeconds", .int(Int64(v.tokenExpirationSeconds))), ("path", .string("token"))]))])
        let ca: JSONValue = .object([("configMap", .object([("items", .array([.object([("key", .string("ca.crt")), ("path", .string("ca.crt"))])])),
                                                           ("name", .string("kube-root-ca.crt"))]))])
        let namespace: JSONValue = .object([("downwardAPI", .object([("items", .array([.object([
            ("fieldRef", .object([("apiVersion", .string("v1")), ("fieldPath", .string("metadata.namespace"))])), ("path", .string("namespace")),
        ])]))]))])
        return .object([("name", .string(v.name)), ("projected", .object([("defaultMode", .int(420)), ("sources", .array([token, ca, namespace]))]))])
    }

    static func template(_ t: PodTemplate) -> JSONValue {
        var meta: Fields = []
        if !t.annotations.isEmpty { meta.append(("annotations", .map(t.annotations))) }
        meta.append(("creationTimestamp", .null))
        if !t.labels.isEmpty { meta.append(("labels", .map(t.labels))) }
        return .object([("metadata", .object(meta)), ("spec", podSpec(t.spec))])
    }

    static func pod(_ p: Pod) -> JSONValue {
        var status: Fields = []
        if !p.status.conditions.isEmpty {
            status.append(("conditions", .array(p.status.conditions.map { c in
                var cf: Fields = [("lastProbeTime", .null), ("lastTransitionTime", time(c.lastTransitionTime))]
                if !c.message.isEmpty { cf.append(("message", .string(c.message))) }
                if !c.reason.isEmpty { cf.append(("reason", .string(c.reason))) }
                cf += [("status", .string(c.status)), ("type", .string(c.type))]
                return .object(cf)
            })))
        }
        if !p.status.containerStatuses.isEmpty {
            status.append(("containerStatuses", .array(p.status.containerStatuses.map { cs in
                var cf: Fields = []
                if !cs.containerID.isEmpty { cf.append(("containerID", .string(cs.containerID))) }
                cf += [("image", .string(cs.image)), ("imageID", .string(cs.imageID)), ("lastState", lastState(cs)),
                       ("name", .string(cs.name)), ("ready", .bool(cs.ready)), ("restartCount", .int(Int64(cs.restartCount))),
                       ("started", .bool(cs.started))]
                let state: JSONValue = switch cs.state {
                case .waiting(let reason): waiting(reason, message: cs.waitingMessage)
                case .running(let at): .object([("running", .object([("startedAt", time(at))]))])
                case let .terminated(reason, code, at): terminated(cs, reason: reason, exitCode: code, finishedAt: at)
                }
                cf.append(("state", state))
                return .object(cf)
            })))
        }
        if !p.status.hostIP.isEmpty {
            status.append(("hostIP", .string(p.status.hostIP)))
            status.append(("hostIPs", .array([.object([("ip", .string(p.status.hostIP))])])))
        }
        if !p.status.message.isEmpty { status.append(("message", .string(p.status.message))) }
        status.append(("phase", .string(p.status.phase)))
        if !p.status.podIP.isEmpty {
            status.append(("podIP", .string(p.status.podIP)))
            status.append(("podIPs", .array([.object([("ip", .string(p.status.podIP))])])))
        }
        status.append(("qosClass", .string(p.status.qosClass)))
        if !p.status.reason.isEmpty { status.append(("reason", .string(p.status.reason))) }
        if let start = p.status.startTime { status.append(("startTime", time(start))) }
        return .object(header(.pod, p.metadata) + [("spec", podSpec(p.spec)), ("status", .object(status))])
    }

    static func replicaSet(_ rs: ReplicaSet) -> JSONValue {
        var spec: Fields = []
        if rs.spec.minReadySeconds > 0 { spec.append(("minReadySeconds", .int(Int64(rs.spec.minReadySeconds)))) }
        spec += [("replicas", .int(Int64(rs.spec.replicas))), ("selector", selector(rs.spec.selector)), ("template", template(rs.spec.template))]
        var status: Fields = []
        if rs.status.availableReplicas > 0 { status.append(("availableReplicas", .int(Int64(rs.status.availableReplicas)))) }
        // Zeros left out where the Go fields are omitempty (replicas is not): a ReplicaSet
        // scaled to 0 reads `{observedGeneration: N, replicas: 0}`.
        if rs.status.fullyLabeledReplicas > 0 { status.append(("fullyLabeledReplicas", .int(Int64(rs.status.fullyLabeledReplicas)))) }
        if rs.status.observedGeneration > 0 { status.append(("observedGeneration", .int(rs.status.observedGeneration))) }
        if rs.status.readyReplicas > 0 { status.append(("readyReplicas", .int(Int64(rs.status.readyReplicas)))) }
        status.append(("replicas", .int(Int64(rs.status.replicas))))
        return .object(header(.replicaSet, rs.metadata) + [("spec", .object(spec)), ("status", .object(status))])
    }

    static func deployment(_ d: Deployment) -> JSONValue {
        var strategy: Fields = []
        if d.spec.strategy.type == .rollingUpdate {
            strategy.append(("rollingUpdate", .object([("maxSurge", intOrString(d.spec.strategy.maxSurge)),
                                                       ("maxUnavailable", intOrString(d.spec.strategy.maxUnavailable))])))
        }
        strategy.append(("type", .string(d.spec.strategy.type.rawValue)))
        var spec: Fields = []
        if d.spec.minReadySeconds > 0 { spec.append(("minReadySeconds", .int(Int64(d.spec.minReadySeconds)))) }
        if d.spec.paused { spec.append(("paused", .bool(true))) }
        spec += [("progressDeadlineSeconds", .int(Int64(d.spec.progressDeadlineSeconds))), ("replicas", .int(Int64(d.spec.replicas))),
                 ("revisionHistoryLimit", .int(Int64(d.spec.revisionHistoryLimit))), ("selector", selector(d.spec.selector)),
                 ("strategy", .object(strategy)), ("template", template(d.spec.template))]
        let s = d.status
        var status: Fields = []
        if s.availableReplicas > 0 { status.append(("availableReplicas", .int(Int64(s.availableReplicas)))) }
        if s.collisionCount > 0 { status.append(("collisionCount", .int(Int64(s.collisionCount)))) }
        if !s.conditions.isEmpty {
            status.append(("conditions", .array(s.conditions.map { c in
                .object([("lastTransitionTime", time(c.lastTransitionTime)), ("lastUpdateTime", time(c.lastUpdateTime)),
                         ("message", .string(c.message)), ("reason", .string(c.reason)), ("status", .string(c.status)), ("type", .string(c.type))])
            })))
        }
        // omitempty: a deployment the controller has not synced yet has `status: {}`.
        if s.observedGeneration > 0 { status.append(("observedGeneration", .int(s.observedGeneration))) }
        if s.readyReplicas > 0 { status.append(("readyReplicas", .int(Int64(s.readyReplicas)))) }
        if s.replicas > 0 { status.append(("replicas", .int(Int64(s.replicas)))) }
        if s.unavailableReplicas > 0 { status.append(("unavailableReplicas", .int(Int64(s.unavailableReplicas)))) }
        if s.updatedReplicas > 0 { status.append(("updatedReplicas", .int(Int64(s.updatedReplicas)))) }
        return .object(header(.deployment, d.metadata) + [("spec", .object(spec)), ("status", .object(status))])
    }

    static func daemonSet(_ ds: DaemonSet) -> JSONValue {
        var strategy: Fields = []
        if ds.spec.updateStrategy.type == "RollingUpdate" {
            strategy.append(("rollingUpdate", .object([("maxSurge", intOrString(ds.spec.updateStrategy.maxSurge)),
                                                       ("maxUnavailable", intOrString(ds.spec.updateStrategy.maxUnavailable))])))
        }
        strategy.append(("type", .string(ds.spec.updateStrategy.type)))
        var spec: Fields = []
        if ds.spec.minReadySeconds > 0 { spec.append(("minReadySeconds", .int(Int64(ds.spec.minReadySeconds)))) }
        spec += [("revisionHistoryLimit", .int(Int64(ds.spec.revisionHistoryLimit))), ("selector", selector(ds.spec.selector)),
                 ("template", template(ds.spec.template)), ("updateStrategy", .object(strategy))]
        let s = ds.status
        var status: Fields = [("currentNumberScheduled", .int(Int64(s.currentNumberScheduled))),
                              ("desiredNumberScheduled", .int(Int64(s.desiredNumberScheduled)))]
        if s.numberAvailable > 0 { status.append(("numberAvailable", .int(Int64(s.numberAvailable)))) }
        status.append(("numberMisscheduled", .int(Int64(s.numberMisscheduled))))
        status.append(("numberReady", .int(Int64(s.numberReady))))
        if s.numberUnavailable > 0 { status.append(("numberUnavailable", .int(Int64(s.numberUnavailable)))) }
        if s.observedGeneration > 0 { status.append(("observedGeneration", .int(s.observedGeneration))) }
        if s.updatedNumberScheduled > 0 { status.append(("updatedNumberScheduled", .int(Int64(s.updatedNumberScheduled)))) }
        return .object(header(.daemonSet, ds.metadata) + [("spec", .object(spec)), ("status", .object(status))])
    }

    private static func intOrString(_ s: String) -> JSONValue { Int64(s).map { .int($0) } ?? .string(s) }

    static func node(_ n: Node) -> JSONValue {
        var spec: Fields = []
        if !n.spec.podCIDR.isEmpty {
            spec.append(("podCIDR", .string(n.spec.podCIDR)))
            spec.append(("podCIDRs", .array([.string(n.spec.podCIDR)])))
        }
        if !n.spec.taints.isEmpty {
            spec.append(("taints", .array(n.spec.taints.map { t in
                var tf: Fields = [("effect", .string(t.effect)), ("key", .string(t.key))]
                // The node lifecycle controller stamps every taint it adds (SwapNodeControllerTaint).
                if let added = t.timeAdded { tf.append(("timeAdded", time(added))) }
                if !t.value.isEmpty { tf.append(("value", .string(t.value))) }
                return .object(tf)
            })))
        }
        if n.spec.unschedulable { spec.append(("unschedulable", .bool(true))) }
        // Resource names in the API server's (sorted) order.
        func amounts(_ r: ResourceAmounts, ephemeralStorage: String) -> JSONValue {
            .object([("cpu", .string(Quantity.formatCPU(r.cpuMillis))), ("ephemeral-storage", .string(ephemeralStorage)),
                     ("hugepages-1Gi", .string("0")), ("hugepages-2Mi", .string("0")),
                     ("memory", .string(Quantity.formatMemory(r.memoryBytes))), ("pods", .string(String(r.pods)))])
        }
        let status: Fields = [
            ("addresses", .array([.object([("address", .string(n.status.internalIP)), ("type", .string("InternalIP"))]),
                                  .object([("address", .string(n.name)), ("type", .string("Hostname"))])])),
            ("allocatable", amounts(n.status.allocatable, ephemeralStorage: n.status.allocatableEphemeralStorage)),
            ("capacity", amounts(n.status.capacity, ephemeralStorage: n.status.ephemeralStorage)),
            ("conditions", .array(n.status.conditions.map { c in
                .object([("lastHeartbeatTime", time(c.lastHeartbeatTime)), ("lastTransitionTime", time(c.lastTransitionTime)),
                         ("message", .string(c.message)), ("reason", .string(c.reason)), ("status", .string(c.status)), ("type", .string(c.type))])
            })),
            ("nodeInfo", .object([("architecture", .string("amd64")), ("bootID", .string(n.status.bootID(n.metadata))),
                                  ("containerRuntimeVersion", .string(n.status.containerRuntimeVersion)),
                                  ("kernelVersion", .string(n.status.kernelVersion)),
                                  // Always sent, "" since 1.31 (the Go field has no omitempty): the
                                  // Python client's model refuses a node without it.
                                  ("kubeProxyVersion", .string(n.status.kubeProxyVersion)),
                                  ("kubeletVersion", .string(n.status.kubeletVersion)),
                                  ("machineID", .string(n.status.machineID(n.metadata))),
                                  ("operatingSystem", .string("linux")), ("osImage", .string(n.status.osImage)),
                                  ("systemUUID", .string(n.status.systemUUID(n.metadata)))])),
        ]
        return .object(header(.node, n.metadata) + [("spec", .object(spec)), ("status", .object(status))])
    }

    static func event(_ e: Event) -> JSONValue {
        let ref = e.involvedObject
        // ObjectReference's and EventSource's fields are all omitempty: a node has no namespace,
        // a client's event may name no uid or apiVersion, or no source component.
        let source: Fields = [("component", e.sourceComponent), ("host", e.sourceHost)].compactMap { $0.1.isEmpty ? nil : ($0.0, .string($0.1)) }
        let involved: Fields = [("apiVersion", ref.apiVersion), ("fieldPath", ref.fieldPath), ("kind", ref.kind), ("name", ref.name),
                                ("namespace", ref.namespace), ("uid", ref.uid)].compactMap { $0.1.isEmpty ? nil : ($0.0, .string($0.1)) }
        return .object((e.action.isEmpty ? [] : [("action", .string(e.action))]) + [
            ("apiVersion", .string("v1")), ("count", .int(Int64(e.count))), ("eventTime", e.eventTime.map { .string(microTime($0)) } ?? .null),
            ("firstTimestamp", e.firstTimestamp.map(time) ?? .null),
            ("involvedObject", .object(involved)),
            ("kind", .string("Event")), ("lastTimestamp", e.lastTimestamp.map(time) ?? .null), ("message", .string(e.message)),
            ("metadata", metadata(e.metadata)), ("reason", .string(e.reason)), ("reportingComponent", .string(e.sourceComponent)),
            ("reportingInstance", .string(e.sourceHost)), ("source", .object(source)), ("type", .string(e.type)),
        ])
    }

    static func lease(_ l: Lease) -> JSONValue {
        .object(header(.lease, l.metadata) + [("spec", .object([
            ("holderIdentity", .string(l.holderIdentity)), ("leaseDurationSeconds", .int(Int64(l.leaseDurationSeconds))),
            ("renewTime", .string(microTime(l.renewTime))),
        ]))])
    }

    /// A metav1.MicroTime as the API server writes it (RFC3339Micro, always six digits):
    /// clients parse it with exactly that layout (`kubectl describe node`'s Lease line).
    public static func microTime(_ t: SimTime) -> String {
        let seconds = CalendarTime.rfc3339(t).dropLast()  // without its "Z"
        let millis = (t.unixMilliseconds % 1000 + 1000) % 1000
        let micro = String(millis * 1000)
        return seconds + "." + String(repeating: "0", count: 6 - micro.count) + micro + "Z"
    }
}
