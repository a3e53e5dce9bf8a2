import Cluster

/// `kubectl describe` for each kind, line for line as kubectl 1.33 prints it (describe.go).
enum Describer {
    static func describe(_ object: any APIObject, cluster: Cluster, showEvents: Bool) -> String {
        var w = DescribeWriter()
        // describeNamespace prints no events.
        let events = showEvents && !(object is Namespace) ? cluster.store.events(about: object.metadata.uid) : nil
        switch object {
        case let pod as Pod: PodDescriber.describe(pod, cluster: cluster, into: &w)
        case let rs as ReplicaSet: WorkloadDescriber.describe(rs, cluster: cluster, into: &w)
        case let d as Deployment: WorkloadDescriber.describe(d, cluster: cluster, into: &w)
        case let ds as DaemonSet: DaemonSetDescriber.describe(ds, cluster: cluster, into: &w)
        case let node as Node: NodeDescriber.describe(node, cluster: cluster, into: &w)
        case let pdb as PodDisruptionBudget: BudgetDescriber.describe(pdb, into: &w)
        case let s as Service: ServiceDescriber.describe(s, slices: cluster.store.endpointSlices(ofService: s.name, namespace: s.namespace), into: &w)
        case let slice as EndpointSlice: EndpointsDescriber.describe(slice, into: &w)
        case let ep as Endpoints: EndpointsDescriber.describe(ep, into: &w)
        case let ns as Namespace:
            // describeNamespace: no quotas or limit ranges exist in the simulator.
            w.write(0, "Name:\t\(ns.name)\n")
            w.labels("Labels", ns.metadata.labels)
            w.annotations("Annotations", ns.metadata.annotations)
            w.write(0, "Status:\t\(ns.phase)\n")
            if !ns.conditions.isEmpty {
                w.write(0, "Conditions:\n")
                w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
                w.write(1, "----\t------\t------------------\t------\t-------\n")
                for c in ns.conditions {
                    w.write(1, "\(c.type)\t\(c.status)\t\(time(c.lastTransitionTime))\t\(c.reason)\t\(c.message)\n")
                }
            }
            w.write(0, "\nNo resource quota.\n")
            w.write(0, "\nNo LimitRange resource.\n")
        case let e as Event:
            w.write(0, "Name:\t\(e.name)\n")
            w.write(0, "Namespace:\t\(e.metadata.namespace)\n")
            w.write(0, "Reason:\t\(e.reason)\n")
            w.write(0, "Message:\t\(e.message)\n")
        default:
            w.write(0, "Name:\t\(object.name)\n")
        }
        if let events, !(object is Event) { w.events(events, now: cluster.now) }
        return w.finish()
    }

    static func time(_ t: SimTime) -> String { CalendarTime.describe(t) }

    /// `Kind/name` of the controlling owner.
    static func controlledBy(_ meta: ObjectMeta) -> String? {
        meta.controllerRef.map { "\($0.kind)/\($0.name)" }
    }

    /// The container blocks shared by pods and pod templates.
    static func containers(_ containers: [Container], statuses: [ContainerStatus]?, space: String, into w: inout DescribeWriter) {
        w.write(0, "\(space)Containers:\(containers.isEmpty ? " <none>" : "")\n")
        let nameIndent = space.isEmpty ? "" : " "
        for c in containers {
            let status = statuses?.first { $0.name == c.name }
            w.write(1, "\(nameIndent)\(c.name):\n")
            if let status { w.write(2, "Container ID:\t\(status.containerID)\n") }
            w.write(2, "Image:\t\(c.image)\n")
            if let status { w.write(2, "Image ID:\t\(status.imageID)\n") }
            let ports = c.ports.map { "\($0.containerPort)/\($0.protocol)" }
            w.write(2, ports.count > 1 ? "Ports:\t\(ports.joined(separator: ", "))\n" : "Port:\t\(ports.first ?? "<none>")\n")
            let hostPorts = c.ports.map { "\($0.hostPort)/\($0.protocol)" }
            w.write(2, hostPorts.count > 1 ? "Host Ports:\t\(hostPorts.joined(separator: ", "))\n" : "Host Port:\t\(hostPorts.first ?? "<none>")\n")
            if let status {
                switch status.state {
                case .running(let at):
                    w.write(2, "State:\tRunning\n")
                    w.write(3, "Started:\t\(time(at))\n")
                case .waiting(let reason):
                    w.write(2, "State:\tWaiting\n")
                    if !reason.isEmpty { w.write(3, "Reason:\t\(reason)\n") }
                case let .terminated(reason, code, at):
                    w.write(2, "State:\tTerminated\n")
                    if !reason.isEmpty { w.write(3, "Reason:\t\(reason)\n") }
                    w.write(3, "Exit Code:\t\(code)\n")
                    w.write(3, "Started:\t\(time(status.terminatedStartedAt ?? at))\n")
                    w.write(3, "Finished:\t\(time(at))\n")
                }
                if let last = status.lastState { lastState(last, into: &w) }
                w.write(2, "Ready:\t\(status.ready ? "True" : "False")\n")
                w.write(2, "Restart Count:\t\(status.restartCount)\n")
            }
            resourceList("Limits", c.limits, into: &w)
            resourceList("Requests", c.requests, into: &w)
            probes(c, into: &w)
            environment(c.env, into: &w)
            if c.volumeMounts.isEmpty {
                w.write(2, "Mounts:\t<none>\n")
            } else {
                w.write(2, "Mounts:\n")
                for m in c.volumeMounts { w.write(3, "\(m.mountPath) from \(m.name) (\(m.readOnly ? "ro" : "rw"))\n") }
            }
        }
    }

    /// describeContainerResource: `Limits:` or `Requests:`, then each resource in name order.
    static func resourceList(_ title: String, _ amounts: ResourceAmounts, into w: inout DescribeWriter) {
        guard amounts.cpuMillis > 0 || amounts.memoryBytes > 0 else { return }
        w.write(2, "\(title):\n")
        if amounts.cpuMillis > 0 { w.write(3, "cpu:\t\(Quantity.formatCPU(amounts.cpuMillis))\n") }
        if amounts.memoryBytes > 0 { w.write(3, "memory:\t\(Quantity.formatMemory(amounts.memoryBytes))\n") }
    }

    /// describeContainerEnvVars for literal values: a multi-line value continues on indented lines.
    static func environment(_ env: [EnvVar], into w: inout DescribeWriter) {
        w.write(2, "Environment:\(env.isEmpty ? "\t<none>" : "")\n")
        for e in env {
            for (i, line) in e.value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                w.write(3, i == 0 ? "\(e.name):\t\(line)\n" : "\t\(line)\n")
            }
        }
    }

    /// DescribePodTemplate, used by ReplicaSets and Deployments.
    static func podTemplate(_ t: PodTemplate, into w: inout DescribeWriter) {
        w.write(0, "Pod Template:\n")
        w.labels("  Labels", t.labels)
        if !t.annotations.isEmpty { w.annotations("  Annotations", t.annotations) }
        containers(t.spec.containers, statuses: nil, space: "  ", into: &w)
        w.write(0, "  Volumes:\t<none>\n")
        w.labels("  Node-Selectors", t.spec.nodeSelector)
        w.tolerations("  Tolerations", t.spec.tolerations)
    }
}
