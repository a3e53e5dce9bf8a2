import Cluster

/// A manifest object ready to be written: the object as its file describes it, plus what
/// applying it needs to know about the file.
struct DecodedObject {
    var source: ManifestSource
    var object: any APIObject
    /// Fields the file leaves out that keep the cluster's value when the object already exists
    /// (`spec.replicas`, `spec.unschedulable`), so `kubectl scale` and `kubectl cordon` survive a
    /// re-apply, as they do with kubectl apply.
    var keepsLive: Set<String> = []
    /// Server-side validation errors beyond what the store checks itself.
    var causes: [String] = []
    /// The document as the file wrote it, for kubectl's last-applied-configuration.
    var manifest: ManifestValue = .null

    var kind: Kind { type(of: object).kind }
    var name: String { object.metadata.name }
}

/// Turns a schema-valid document into a cluster object, with Kubernetes' defaults for what the
/// file leaves out. Values the API server could not decode (a bad quantity) are thrown as its
/// BadRequest; values it would decode but refuse are collected as Invalid causes.
struct ManifestDecoder {
    let source: ManifestSource
    let kind: Kind
    private var causes: [String] = []

    private init(source: ManifestSource, kind: Kind) {
        self.source = source
        self.kind = kind
    }

    static func decode(_ value: ManifestValue, kind: Kind, source: ManifestSource) throws -> DecodedObject {
        var decoder = ManifestDecoder(source: source, kind: kind)
        var decoded = try decoder.object(value)
        decoded.causes = decoder.causes
        return decoded
    }

    private mutating func object(_ value: ManifestValue) throws -> DecodedObject {
        let meta = try metadata(value["metadata"])
        let spec = value["spec"] ?? .object([])
        switch kind {
        case .deployment:
            let deployment = Deployment(metadata: meta, spec: try deploymentSpec(spec))
            return DecodedObject(source: source, object: deployment, keepsLive: spec["replicas"] == nil ? ["spec.replicas"] : [])
        case .replicaSet:
            var rsSpec = ReplicaSetSpec(replicas: try int32(spec["replicas"], "ReplicaSetSpec", "spec.replicas") ?? 1,
                                        selector: selector(spec["selector"]), template: try template(spec["template"]))
            rsSpec.minReadySeconds = try int32(spec["minReadySeconds"], "ReplicaSetSpec", "spec.minReadySeconds") ?? 0
            causes += ServerRules.nonNegative(rsSpec.minReadySeconds, "spec.minReadySeconds")
            let rs = ReplicaSet(metadata: meta, spec: rsSpec)
            return DecodedObject(source: source, object: rs, keepsLive: spec["replicas"] == nil ? ["spec.replicas"] : [])
        case .daemonSet:
            return DecodedObject(source: source, object: DaemonSet(metadata: meta, spec: try daemonSetSpec(spec)))
        case .pod:
            return DecodedObject(source: source, object: Pod(metadata: meta, spec: try podSpec(value["spec"], path: "spec")))
        case .node:
            var node = Node(metadata: meta, status: NodeStatus(capacity: try capacity(value["status"]?["capacity"])))
            node.spec.unschedulable = spec["unschedulable"]?.bool ?? false
            for (i, item) in (spec["taints"]?.array ?? []).enumerated() {
                let taint = Taint(key: item["key"]?.string ?? "", value: item["value"]?.string ?? "", effect: item["effect"]?.string ?? "")
                causes += ServerRules.taint(taint, "spec.taints[\(i)]")
                node.spec.taints.append(taint)
            }
            return DecodedObject(source: source, object: node, keepsLive: spec["unschedulable"] == nil ? ["spec.unschedulable"] : [])
        case .namespace:
            var namespace = Namespace(name: meta.name, labels: meta.labels)
            namespace.metadata.annotations = meta.annotations
            return DecodedObject(source: source, object: namespace)
        case .podDisruptionBudget:
            return DecodedObject(source: source, object: PodDisruptionBudget(metadata: meta, spec: try budgetSpec(spec)))
        case .service:
            return DecodedObject(source: source, object: Service(metadata: meta, spec: try serviceSpec(spec)))
        case .event, .lease:
            preconditionFailure("\(kind) is not served from manifests")
        case .endpointSlice, .endpoints:
            preconditionFailure("\(kind) is not served from manifests")
        }
    }

    /// Name, namespace (empty when the file names none: the applier fills in kubectl's), labels and annotations.
    private func metadata(_ value: ManifestValue?) throws -> ObjectMeta {
        let m = value ?? .object([])
        return ObjectMeta(name: m["name"]?.string ?? "", generateName: m["generateName"]?.string ?? "",
                          namespace: kind.isNamespaced ? m["namespace"]?.string ?? "" : "",
                          labels: m["labels"]?.stringMap ?? [:], annotations: m["annotations"]?.stringMap ?? [:])
    }

    // MARK: workloads

    private mutating func deploymentSpec(_ spec: ManifestValue) throws -> DeploymentSpec {
        var result = DeploymentSpec(replicas: try int32(spec["replicas"], "DeploymentSpec", "spec.replicas") ?? 1,
                                    selector: selector(spec["selector"]), template: try template(spec["template"]))
        let strategy = spec["strategy"]
        let typeText = strategy?["type"]?.string
        result.strategy.type = typeText.flatMap(DeploymentStrategy.Kind.init(rawValue:)) ?? .rollingUpdate
        if let rolling = strategy?["rollingUpdate"] {
            // IntOrString holds its number as an int32.
            for field in ["maxSurge", "maxUnavailable"] {
                _ = try int32(rolling[field], "RollingUpdateDeployment", "spec.strategy.rollingUpdate.\(field)")
            }
            if let surge = rolling["maxSurge"]?.scalarText { result.strategy.maxSurge = surge }
            if let unavailable = rolling["maxUnavailable"]?.scalarText { result.strategy.maxUnavailable = unavailable }
        }
        causes += ServerRules.strategy(result.strategy, typeText: typeText, hasRollingUpdate: strategy?["rollingUpdate"] != nil)
        if let v = try int32(spec["minReadySeconds"], "DeploymentSpec", "spec.minReadySeconds") { result.minReadySeconds = v }
        if let v = try int32(spec["revisionHistoryLimit"], "DeploymentSpec", "spec.revisionHistoryLimit") { result.revisionHistoryLimit = v }
        if let v = try int32(spec["progressDeadlineSeconds"], "DeploymentSpec", "spec.progressDeadlineSeconds") { result.progressDeadlineSeconds = v }
        result.paused = spec["paused"]?.bool ?? false
        causes += ServerRules.nonNegative(result.minReadySeconds, "spec.minReadySeconds")
        causes += ServerRules.nonNegative(result.revisionHistoryLimit, "spec.revisionHistoryLimit")
        if result.progressDeadlineSeconds <= result.minReadySeconds {
            causes.append("spec.progressDeadlineSeconds: Invalid value: \(result.progressDeadlineSeconds): must be greater than minReadySeconds")
        }
        return result
    }

    private mutating func daemonSetSpec(_ spec: ManifestValue) throws -> DaemonSetSpec {
        var result = DaemonSetSpec(selector: selector(spec["selector"]), template: try template(spec["template"]))
        let strategy = spec["updateStrategy"]
        if let type = strategy?["type"]?.string {
            result.updateStrategy.type = type
            if type != "RollingUpdate" && type != "OnDelete" {
                causes.append("spec.updateStrategy.type: Unsupported value: \"\(type)\": supported values: \"OnDelete\", \"RollingUpdate\"")
            }
        }
        if let rolling = strategy?["rollingUpdate"] {
            for field in ["maxSurge", "maxUnavailable"] {
                _ = try int32(rolling[field], "RollingUpdateDaemonSet", "spec.updateStrategy.rollingUpdate.\(field)")
            }
            if let unavailable = rolling["maxUnavailable"]?.scalarText { result.updateStrategy.maxUnavailable = unavailable }
            if let surge = rolling["maxSurge"]?.scalarText { result.updateStrategy.maxSurge = surge }
        }
        if let v = try int32(spec["minReadySeconds"], "DaemonSetSpec", "spec.minReadySeconds") { result.minReadySeconds = v }
        if let v = try int32(spec["revisionHistoryLimit"], "DaemonSetSpec", "spec.revisionHistoryLimit") { result.revisionHistoryLimit = v }
        causes += ServerRules.nonNegative(result.minReadySeconds, "spec.minReadySeconds")
        causes += ServerRules.nonNegative(result.revisionHistoryLimit, "spec.revisionHistoryLimit")
        return result
    }

    /// A PodDisruptionBudget's spec: each bound an int32 or a percent string (a quoted number is
    /// a string, so not a valid percent).
    private mutating func budgetSpec(_ spec: ManifestValue) throws -> PodDisruptionBudgetSpec {
        var bounds: [String: String] = [:]
        for field in ["minAvailable", "maxUnavailable"] {
            _ = try int32(spec[field], "PodDisruptionBudgetSpec", "spec.\(field)")
            guard let value = spec[field], let text = value.scalarText else { continue }
            if case .string = value, Int(text) != nil {
                causes.append("spec.\(field): Invalid value: \(text): \(ServerRules.percentMessage)")
            }
            bounds[field] = text
        }
        var result = PodDisruptionBudgetSpec(minAvailable: bounds["minAvailable"], maxUnavailable: bounds["maxUnavailable"],
                                             selector: spec["selector"].map { selector($0) })
        result.unhealthyPodEvictionPolicy = spec["unhealthyPodEvictionPolicy"]?.string
        return result
    }

    /// A Service's spec with the API server's defaults: type ClusterIP, protocol TCP, targetPort
    /// the port's number, sessionAffinity None. The cluster IP and node ports are allocated on
    /// create (ServiceAllocation); ipFamilies and the traffic policies are the defaults kubesim
    /// always reports, and ExternalName services are not modelled.
    private mutating func serviceSpec(_ spec: ManifestValue) throws -> ServiceSpec {
        var ports: [ServicePort] = []
        for item in spec["ports"]?.array ?? [] {
            let port = try int32(item["port"], "ServicePort", "spec.ports.port") ?? 0
            let nodePort = try int32(item["nodePort"], "ServicePort", "spec.ports.nodePort") ?? 0
            _ = try int32(item["targetPort"], "ServicePort", "spec.ports.targetPort")
            // An absent (or zero) targetPort is the port itself.
            var target = item["targetPort"]?.scalarText ?? ""
            if target.isEmpty || target == "0" { target = String(port) }
            let proto = item["protocol"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? "TCP"
            ports.append(ServicePort(name: item["name"]?.string ?? "", protocol: proto, port: port, targetPort: target, nodePort: nodePort))
        }
        let clusterIP = spec["clusterIP"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? spec["clusterIPs"]?.array.first?.string ?? ""
        return ServiceSpec(type: spec["type"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? ServiceSpec.clusterIP,
                           selector: spec["selector"].flatMap { $0.isNull ? nil : $0.stringMap }, ports: ports, clusterIP: clusterIP,
                           sessionAffinity: spec["sessionAffinity"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? "None")
    }

    /// matchLabels as equality requirements, matchExpressions as set-based ones.
    private mutating func selector(_ value: ManifestValue?) -> LabelSelector {
        var selector = LabelSelector(matchLabels: value?["matchLabels"]?.stringMap ?? [:])
        for (i, expression) in (value?["matchExpressions"]?.array ?? []).enumerated() {
            let path = "spec.selector.matchExpressions[\(i)]"
            let key = expression["key"]?.string ?? ""
            let values = expression["values"]?.array.compactMap(\.string) ?? []
            let operatorText = expression["operator"]?.string ?? ""
            let op: LabelSelector.Requirement.Operator
            switch operatorText {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default:
                causes.append("\(path).operator: Invalid value: \"\(operatorText)\": not a valid selector operator")
                continue
            }
            if (op == .in || op == .notIn) && values.isEmpty {
                causes.append("\(path).values: Required value: must be specified when `operator` is 'In' or 'NotIn'")
            }
            if (op == .exists || op == .doesNotExist) && !values.isEmpty {
                causes.append("\(path).values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")
            }
            causes += LabelValidation.keyErrors(key).map { "\(path).key: Invalid value: \"\(key)\": \($0)" }
            selector.requirements.append(.init(key: key, op: op, values: values))
        }
        return selector
    }

    private mutating func template(_ value: ManifestValue?) throws -> PodTemplate {
        let meta = value?["metadata"] ?? .object([])
        var template = PodTemplate(labels: meta["labels"]?.stringMap ?? [:], spec: try podSpec(value?["spec"], path: "spec.template.spec"))
        template.annotations = meta["annotations"]?.stringMap ?? [:]
        return template
    }

    // MARK: pods

    private mutating func podSpec(_ value: ManifestValue?, path: String) throws -> PodSpec {
        let s = value ?? .object([])
        var containers: [Container] = []
        for (i, item) in (s["containers"]?.array ?? []).enumerated() {
            containers.append(try container(item, path: "\(path).containers[\(i)]"))
        }
        causes += ServerRules.containers(containers, "\(path).containers")
        var spec = PodSpec(containers: containers)
        spec.nodeName = s["nodeName"]?.string ?? ""
        spec.hostNetwork = s["hostNetwork"]?.bool ?? false
        if spec.hostNetwork {
            // SetDefaults_PodSpec: in the node's network a port is the node's port.
            for c in spec.containers.indices {
                for p in spec.containers[c].ports.indices where spec.containers[c].ports[p].hostPort == 0 {
                    spec.containers[c].ports[p].hostPort = spec.containers[c].ports[p].containerPort
                }
            }
            // validateHostNetwork: the two must then be the same.
            for (c, container) in spec.containers.enumerated() {
                for (p, port) in container.ports.enumerated() where port.hostPort != port.containerPort {
                    causes.append("\(path).containers[\(c)].ports[\(p)].containerPort: Invalid value: \(port.containerPort): must match `hostPort` when `hostNetwork` is true")
                }
            }
        }
        spec.nodeSelector = s["nodeSelector"]?.stringMap ?? [:]
        causes += ServerRules.labelMap(spec.nodeSelector, "\(path).nodeSelector")
        for (i, item) in (s["tolerations"]?.array ?? []).enumerated() {
            // An absent operator means Equal (the API's zero value).
            let toleration = Toleration(key: item["key"]?.string ?? "", operator: item["operator"]?.string ?? "Equal",
                                        value: item["value"]?.string ?? "", effect: item["effect"]?.string ?? "",
                                        tolerationSeconds: item["tolerationSeconds"]?.int)
            causes += ServerRules.toleration(toleration, "\(path).tolerations[\(i)]")
            spec.tolerations.append(toleration)
        }
        if let policy = s["restartPolicy"]?.string, !policy.isEmpty {
            spec.restartPolicy = policy
            // A workload's pods are replaced, never left finished: its template must restart them.
            let allowed = path.hasPrefix("spec.template") ? ["Always"] : ServerRules.restartPolicies
            if !allowed.contains(policy) { causes.append(ServerRules.unsupported(policy, "\(path).restartPolicy", allowed)) }
        }
        if let grace = s["terminationGracePeriodSeconds"]?.int {
            spec.terminationGracePeriodSeconds = grace
            causes += ServerRules.nonNegative(grace, "\(path).terminationGracePeriodSeconds")
        }
        return spec
    }

    private mutating func container(_ value: ManifestValue, path: String) throws -> Container {
        let requests = try resourceList(value["resources"]?["requests"], "\(path).resources.requests")
        // Go's json names the innermost struct and the path without indices: ContainerPort.spec.containers.ports.containerPort.
        var inIndex = false
        let portPath = path.filter { c in
            if c == "[" { inIndex = true } else if c == "]" { inIndex = false; return false }
            return !inIndex
        } + ".ports.containerPort"
        // A port without a number is kept as 0, which validation refuses (containerPort: Required value).
        let ports = try (value["ports"]?.array ?? []).map { item in
            ContainerPort(containerPort: try int32(item["containerPort"], "ContainerPort", portPath) ?? 0, name: item["name"]?.string ?? "",
                          protocol: item["protocol"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? "TCP",
                          hostPort: try int32(item["hostPort"], "ContainerPort", String(portPath.dropLast("containerPort".count)) + "hostPort") ?? 0)
        }
        let pullPolicy = value["imagePullPolicy"]?.string
        if let pullPolicy, !ServerRules.pullPolicies.contains(pullPolicy) {
            causes.append(ServerRules.unsupported(pullPolicy, "\(path).imagePullPolicy", ServerRules.pullPolicies))
        }
        var container = Container(name: value["name"]?.string ?? "", image: value["image"]?.string ?? "", requests: requests, ports: ports,
                                  imagePullPolicy: pullPolicy.flatMap { $0.isEmpty ? nil : $0 })
        container.limits = try resourceList(value["resources"]?["limits"], "\(path).resources.limits")
        causes += ServerRules.requestsWithinLimits(container, path: "\(path).resources")
        container.env = environment(value["env"])
        container.readinessProbe = ProbeManifest.decode(value["readinessProbe"], path: "\(path).readinessProbe", kind: "readinessProbe", causes: &causes)
        container.livenessProbe = ProbeManifest.decode(value["livenessProbe"], path: "\(path).livenessProbe", kind: "livenessProbe", causes: &causes)
        container.startupProbe = ProbeManifest.decode(value["startupProbe"], path: "\(path).startupProbe", kind: "startupProbe", causes: &causes)
        return container
    }

    /// resources.requests or resources.limits: the cpu and memory kubesim models.
    private mutating func resourceList(_ list: ManifestValue?, _ base: String) throws -> ResourceAmounts {
        var amounts = ResourceAmounts()
        guard let list else { return amounts }
        if let cpu = list["cpu"]?.scalarText { amounts.cpuMillis = try quantity(cpu, "\(base)[cpu]", Quantity.parseCPU) }
        if let memory = list["memory"]?.scalarText { amounts.memoryBytes = try quantity(memory, "\(base)[memory]", Quantity.parseMemory) }
        return amounts
    }

    /// A container's literal environment variables, in order (one taken from valueFrom is not kept).
    private func environment(_ env: ManifestValue?) -> [EnvVar] {
        (env?.array ?? []).compactMap { item in
            guard let name = item["name"]?.string, item["valueFrom"] == nil || item["valueFrom"]?.isNull == true else { return nil }
            return EnvVar(name: name, value: item["value"]?.scalarText ?? "")
        }
    }

    // MARK: numbers

    /// An int32 field. A number beyond int32 cannot be decoded by the API server, which answers
    /// BadRequest in Go's json wording (`… into Go struct field DeploymentSpec.spec.replicas of type int32`).
    private func int32(_ value: ManifestValue?, _ goStruct: String, _ path: String) throws -> Int? {
        guard case .int(let n)? = value else { return value?.int }
        guard n >= Int64(Int32.min) && n <= Int64(Int32.max) else {
            throw ManifestErrors.badRequest(source, kind: kind, "json: cannot unmarshal number \(n) into Go struct field \(goStruct).\(path) of type int32")
        }
        return Int(n)
    }

    // MARK: quantities

    /// A quantity the simulator can read; a negative one is Invalid, anything else unreadable is
    /// the API server's BadRequest.
    private mutating func quantity(_ text: String, _ path: String, _ parse: (String) -> Int64?) throws -> Int64 {
        if let amount = parse(text) { return amount }
        if text.hasPrefix("-"), parse(String(text.dropFirst())) != nil {
            causes.append("\(path): Invalid value: \"\(text)\": must be greater than or equal to 0")
            return 0
        }
        throw ManifestErrors.badRequest(source, kind: kind, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    }

    /// A new node's size: the default node's, with whatever status.capacity says instead.
    private mutating func capacity(_ value: ManifestValue?) throws -> ResourceAmounts {
        var capacity = Cluster.defaultNodeCapacity
        guard let value else { return capacity }
        if let cpu = value["cpu"]?.scalarText { capacity.cpuMillis = try quantity(cpu, "status.capacity[cpu]", Quantity.parseCPU) }
        if let memory = value["memory"]?.scalarText { capacity.memoryBytes = try quantity(memory, "status.capacity[memory]", Quantity.parseMemory) }
        if let pods = value["pods"]?.scalarText { capacity.pods = try quantity(pods, "status.capacity[pods]", Quantity.parseMemory) }
        return capacity
    }
}
