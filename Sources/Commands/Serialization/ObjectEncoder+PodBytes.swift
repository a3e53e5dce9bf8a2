import Cluster

/// A pod's compact JSON written straight into bytes: the same text as `pod(p)` written with
/// `writeCompactJSON` (keys sorted), without building a JSONValue tree first. Lists and watches
/// of 150,000 pods spend most of their time here; the tree costs a heap block per field. `pod(p)`
/// stays the reference (YAML, jsonpath and tests read it); rare parts (probes, affinity) are
/// written through it, so only the common ones are spelled out twice. Lists are walked by
/// index: an element read by index is borrowed, where a `for … in` copy retained its strings.
extension ObjectEncoder {
    /// Appends the pod's JSON; `typeMeta: false` leaves out apiVersion and kind (a list item).
    public static func writePod(_ p: Pod, typeMeta: Bool = true, into out: inout [UInt8]) {
        var memo = PodJSONMemo(remembering: false)
        writePodJSON(p, typeMeta: typeMeta, into: &out, memo: &memo)
    }

    /// As above, with what the list's earlier pods left in `memo`.
    public static func writePod(_ p: Pod, typeMeta: Bool = true, into out: inout [UInt8], memo: inout PodJSONMemo) {
        writePodJSON(p, typeMeta: typeMeta, into: &out, memo: &memo)
    }

    /// As above, into a writer (what lists and watches write their pieces with).
    public static func writePod(_ p: Pod, typeMeta: Bool = true, into out: inout ByteWriter, memo: inout PodJSONMemo) {
        writePodJSON(p, typeMeta: typeMeta, into: &out, memo: &memo)
    }

    private static func writePodJSON<Out: ByteSink & ~Copyable>(_ p: Pod, typeMeta: Bool, into out: inout Out, memo: inout PodJSONMemo) {
        var w = JSONObjectWriter(&out)
        if typeMeta {
            w.key("apiVersion", &out); out.append(literal: #""v1""#)
            w.key("kind", &out); out.append(literal: #""Pod""#)
        }
        w.key("metadata", &out); writeMetadataJSON(p.metadata, namespaced: true, into: &out, memo: &memo)
        w.key("spec", &out); writePodSpec(p.spec, into: &out, memo: &memo)
        w.key("status", &out); writePodStatus(p.status, into: &out, memo: &memo)
        w.end(&out)
    }

    /// The same text as `metadata(m, namespaced:)` written compact.
    public static func writeMetadata(_ m: ObjectMeta, namespaced: Bool, into out: inout [UInt8]) {
        var memo = PodJSONMemo(remembering: false)
        writeMetadataJSON(m, namespaced: namespaced, into: &out, memo: &memo)
    }

    /// As above, into a writer, with what the list's earlier objects left in `memo` (a Table's
    /// rows with their metadata).
    public static func writeMetadata(_ m: ObjectMeta, namespaced: Bool, into out: inout ByteWriter, memo: inout PodJSONMemo) {
        writeMetadataJSON(m, namespaced: namespaced, into: &out, memo: &memo)
    }

    /// As above, with what the list's earlier pods left in `memo`.
    private static func writeMetadataJSON<Out: ByteSink & ~Copyable>(_ m: ObjectMeta, namespaced: Bool, into out: inout Out, memo: inout PodJSONMemo) {
        var w = JSONObjectWriter(&out)
        if !m.annotations.isEmpty { w.key("annotations", &out); writeMap(m.annotations, into: &out) }
        w.key("creationTimestamp", &out); writeTime(m.creationTimestamp, into: &out, memo: &memo)
        if let grace = m.deletionGracePeriodSeconds { w.key("deletionGracePeriodSeconds", &out); writeInt(grace, into: &out) }
        if let t = m.deletionTimestamp { w.key("deletionTimestamp", &out); writeTime(t, into: &out, memo: &memo) }
        if !m.generateName.isEmpty { w.key("generateName", &out); JSONValue.writeQuotedString(m.generateName, into: &out) }
        if m.generation > 0 { w.key("generation", &out); writeInt(Int(m.generation), into: &out) }
        if !m.labels.isEmpty { w.key("labels", &out); memo.labels.write(m.labels, into: &out, encode: writeMap) }
        w.key("name", &out); JSONValue.writeQuotedString(m.name, into: &out)
        if namespaced { w.key("namespace", &out); JSONValue.writeQuotedString(m.namespace, into: &out) }
        if !m.ownerReferences.isEmpty {
            w.key("ownerReferences", &out)
            memo.ownerReferences.write(m.ownerReferences, into: &out, encode: writeOwnerReferences)
        }
        if !m.resourceVersion.isEmpty { w.key("resourceVersion", &out); JSONValue.writeQuotedString(m.resourceVersion, into: &out) }
        w.key("uid", &out); JSONValue.writeQuotedString(m.uid, into: &out)
        w.end(&out)
    }

    private static func writeOwnerReferences<Out: ByteSink & ~Copyable>(_ references: [OwnerReference], into out: inout Out) {
        out.append(UInt8(ascii: "["))
        for (index, r) in references.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            var o = JSONObjectWriter(&out)
            o.key("apiVersion", &out); JSONValue.writeQuotedString(r.apiVersion, into: &out)
            o.key("blockOwnerDeletion", &out); writeBool(r.blockOwnerDeletion, into: &out)
            o.key("controller", &out); writeBool(r.controller, into: &out)
            o.key("kind", &out); JSONValue.writeQuotedString(r.kind, into: &out)
            o.key("name", &out); JSONValue.writeQuotedString(r.name, into: &out)
            o.key("uid", &out); JSONValue.writeQuotedString(r.uid, into: &out)
            o.end(&out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func writePodSpec<Out: ByteSink & ~Copyable>(_ s: PodSpec, into out: inout Out, memo: inout PodJSONMemo) {
        var w = JSONObjectWriter(&out)
        if let affinity = s.nodeAffinity { w.key("affinity", &out); nodeAffinity(affinity).writeCompactJSON(into: &out) }
        w.key("containers", &out)
        // Not remembered: each pod's containers mount its own service account volume.
        out.append(UInt8(ascii: "["))
        for index in s.containers.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeContainer(s.containers[index], into: &out)
        }
        out.append(UInt8(ascii: "]"))
        w.key("dnsPolicy", &out); out.append(literal: #""ClusterFirst""#)
        if let links = s.enableServiceLinks { w.key("enableServiceLinks", &out); writeBool(links, into: &out) }
        if s.hostNetwork { w.key("hostNetwork", &out); writeBool(true, into: &out) }
        if !s.nodeName.isEmpty { w.key("nodeName", &out); JSONValue.writeQuotedString(s.nodeName, into: &out) }
        if !s.nodeSelector.isEmpty { w.key("nodeSelector", &out); writeMap(s.nodeSelector, into: &out) }
        if let policy = s.preemptionPolicy { w.key("preemptionPolicy", &out); JSONValue.writeQuotedString(policy, into: &out) }
        if let priority = s.priority { w.key("priority", &out); writeInt(priority, into: &out) }
        w.key("restartPolicy", &out); JSONValue.writeQuotedString(s.restartPolicy, into: &out)
        w.key("schedulerName", &out); JSONValue.writeQuotedString(s.schedulerName, into: &out)
        w.key("securityContext", &out); out.append(literal: "{}")
        if !s.serviceAccountName.isEmpty && !s.nodeName.isEmpty {
            w.key("serviceAccount", &out); JSONValue.writeQuotedString(s.serviceAccountName, into: &out)
            w.key("serviceAccountName", &out); JSONValue.writeQuotedString(s.serviceAccountName, into: &out)
        }
        w.key("terminationGracePeriodSeconds", &out); writeInt(s.terminationGracePeriodSeconds, into: &out)
        if !s.tolerations.isEmpty {
            w.key("tolerations", &out)
            // Every pod has two (admission's not-ready and unreachable tolerations).
            memo.tolerations.write(s.tolerations, into: &out) { tolerations, out in
                out.append(UInt8(ascii: "["))
                for index in tolerations.indices {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    writeToleration(tolerations[index], into: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
        }
        if !s.volumes.isEmpty {
            w.key("volumes", &out)
            out.append(UInt8(ascii: "["))
            for (index, v) in s.volumes.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(literal: #"{"name":"#)
                JSONValue.writeQuotedString(v.name, into: &out)
                out.append(literal: #","projected":{"defaultMode":420,"sources":[{"serviceAccountToken":{"expirationSeconds":"#)
                writeInt(v.tokenExpirationSeconds, into: &out)
                out.append(literal: #","path":"token"}},{"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],"name":"kube-root-ca.crt"}},{"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"},"path":"namespace"}]}}]}}"#)
            }
            out.append(UInt8(ascii: "]"))
        }
        w.end(&out)
    }

    private static func writeContainer<Out: ByteSink & ~Copyable>(_ c: Container, into out: inout Out) {
        var w = JSONObjectWriter(&out)
        if !c.env.isEmpty { w.key("env", &out); environment(c.env).writeCompactJSON(into: &out) }
        w.key("image", &out); JSONValue.writeQuotedString(c.image, into: &out)
        w.key("imagePullPolicy", &out); JSONValue.writeQuotedString(c.imagePullPolicy, into: &out)
        if let probe = c.livenessProbe { w.key("livenessProbe", &out); encode(probe).writeCompactJSON(into: &out) }
        w.key("name", &out); JSONValue.writeQuotedString(c.name, into: &out)
        if !c.ports.isEmpty {
            w.key("ports", &out)
            out.append(UInt8(ascii: "["))
            for (index, p) in c.ports.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(literal: #"{"containerPort":"#)
                writeInt(p.containerPort, into: &out)
                if p.hostPort != 0 {
                    out.append(literal: #","hostPort":"#)
                    writeInt(p.hostPort, into: &out)
                }
                if !p.name.isEmpty {
                    out.append(literal: #","name":"#)
                    JSONValue.writeQuotedString(p.name, into: &out)
                }
                out.append(literal: #","protocol":"#)
                JSONValue.writeQuotedString(p.protocol, into: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        if let probe = c.readinessProbe { w.key("readinessProbe", &out); encode(probe).writeCompactJSON(into: &out) }
        w.key("resources", &out); writeResources(c.requests, limits: c.limits, into: &out)
        if let probe = c.startupProbe { w.key("startupProbe", &out); encode(probe).writeCompactJSON(into: &out) }
        w.key("terminationMessagePath", &out); out.append(literal: #""/dev/termination-log""#)
        w.key("terminationMessagePolicy", &out); out.append(literal: #""File""#)
        if !c.volumeMounts.isEmpty {
            w.key("volumeMounts", &out)
            out.append(UInt8(ascii: "["))
            for (index, m) in c.volumeMounts.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(literal: #"{"mountPath":"#)
                JSONValue.writeQuotedString(m.mountPath, into: &out)
                out.append(literal: #","name":"#)
                JSONValue.writeQuotedString(m.name, into: &out)
                if m.readOnly { out.append(literal: #","readOnly":true"#) }
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        w.end(&out)
    }

    private static func writeResources<Out: ByteSink & ~Copyable>(_ requests: ResourceAmounts, limits: ResourceAmounts, into out: inout Out) {
        func amounts(_ key: StaticString, _ a: ResourceAmounts, _ w: inout JSONObjectWriter) {
            guard a.cpuMillis > 0 || a.memoryBytes > 0 else { return }
            w.key(key, &out)
            var o = JSONObjectWriter(&out)
            if a.cpuMillis > 0 { o.key("cpu", &out); JSONValue.writeQuotedString(Quantity.formatCPU(a.cpuMillis), into: &out) }
            if a.memoryBytes > 0 { o.key("memory", &out); JSONValue.writeQuotedString(Quantity.formatMemory(a.memoryBytes), into: &out) }
            o.end(&out)
        }
        var w = JSONObjectWriter(&out)
        amounts("limits", limits, &w)
        amounts("requests", requests, &w)
        w.end(&out)
    }

    private static func writePodStatus<Out: ByteSink & ~Copyable>(_ s: PodStatus, into out: inout Out, memo: inout PodJSONMemo) {
        var w = JSONObjectWriter(&out)
        if !s.conditions.isEmpty {
            w.key("conditions", &out)
            // Pods started in the same seconds have the same conditions.
            // The times' memo is moved out while the conditions' is written (both live in `memo`).
            var times = RememberedTimes()
            swap(&times, &memo.times)
            memo.conditions.write(s.conditions, into: &out) { conditions, out in
                out.append(UInt8(ascii: "["))
                for index in conditions.indices {
                    let c = conditions[index]
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(literal: #"{"lastProbeTime":null,"lastTransitionTime":"#)
                    times.write(c.lastTransitionTime, into: &out)
                    if !c.message.isEmpty { out.append(literal: #","message":"#); JSONValue.writeQuotedString(c.message, into: &out) }
                    if !c.reason.isEmpty { out.append(literal: #","reason":"#); JSONValue.writeQuotedString(c.reason, into: &out) }
                    out.append(literal: #","status":"#)
                    JSONValue.writeQuotedString(c.status, into: &out)
                    out.append(literal: #","type":"#)
                    JSONValue.writeQuotedString(c.type, into: &out)
                    out.append(UInt8(ascii: "}"))
                }
                out.append(UInt8(ascii: "]"))
            }
            memo.times = times
        }
        if !s.containerStatuses.isEmpty {
            w.key("containerStatuses", &out)
            out.append(UInt8(ascii: "["))
            for index in s.containerStatuses.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeContainerStatus(s.containerStatuses[index], into: &out, memo: &memo)
            }
            out.append(UInt8(ascii: "]"))
        }
        if !s.hostIP.isEmpty {
            w.key("hostIP", &out); JSONValue.writeQuotedString(s.hostIP, into: &out)
            w.key("hostIPs", &out); writeIPs(s.hostIP, into: &out)
        }
        if !s.message.isEmpty { w.key("message", &out); JSONValue.writeQuotedString(s.message, into: &out) }
        w.key("phase", &out); JSONValue.writeQuotedString(s.phase, into: &out)
        if !s.podIP.isEmpty {
            w.key("podIP", &out); JSONValue.writeQuotedString(s.podIP, into: &out)
            w.key("podIPs", &out); writeIPs(s.podIP, into: &out)
        }
        w.key("qosClass", &out); JSONValue.writeQuotedString(s.qosClass, into: &out)
        if !s.reason.isEmpty { w.key("reason", &out); JSONValue.writeQuotedString(s.reason, into: &out) }
        if let start = s.startTime { w.key("startTime", &out); writeTime(start, into: &out, memo: &memo) }
        w.end(&out)
    }

    private static func writeContainerStatus<Out: ByteSink & ~Copyable>(_ cs: ContainerStatus, into out: inout Out, memo: inout PodJSONMemo) {
        var w = JSONObjectWriter(&out)
        if !cs.containerID.isEmpty { w.key("containerID", &out); JSONValue.writeQuotedString(cs.containerID, into: &out) }
        w.key("image", &out); JSONValue.writeQuotedString(cs.image, into: &out)
        w.key("imageID", &out); memo.writeImageID(cs, into: &out)
        w.key("lastState", &out)
        if cs.lastState == nil { out.append(literal: "{}") } else { lastState(cs).writeCompactJSON(into: &out) }
        w.key("name", &out); JSONValue.writeQuotedString(cs.name, into: &out)
        w.key("ready", &out); writeBool(cs.ready, into: &out)
        w.key("restartCount", &out); writeInt(cs.restartCount, into: &out)
        w.key("started", &out); writeBool(cs.started, into: &out)
        w.key("state", &out)
        switch cs.state {
        case .running(let at):
            out.append(literal: #"{"running":{"startedAt":"#)
            writeTime(at, into: &out, memo: &memo)
            out.append(literal: "}}")
        case .waiting(let reason): waiting(reason, message: cs.waitingMessage).writeCompactJSON(into: &out)
        case let .terminated(reason, code, at): terminated(cs, reason: reason, exitCode: code, finishedAt: at).writeCompactJSON(into: &out)
        }
        w.end(&out)
    }

    static func toleration(_ t: Toleration) -> JSONValue {
        var tf: Fields = []
        if !t.effect.isEmpty { tf.append(("effect", .string(t.effect))) }
        if !t.key.isEmpty { tf.append(("key", .string(t.key))) }
        tf.append(("operator", .string(t.operator)))
        if let secs = t.tolerationSeconds { tf.append(("tolerationSeconds", .int(Int64(secs)))) }
        if !t.value.isEmpty { tf.append(("value", .string(t.value))) }
        return .object(tf)
    }

    /// The same text as `toleration(t)` written compact.
    private static func writeToleration<Out: ByteSink & ~Copyable>(_ t: Toleration, into out: inout Out) {
        var w = JSONObjectWriter(&out)
        if !t.effect.isEmpty { w.key("effect", &out); JSONValue.writeQuotedString(t.effect, into: &out) }
        if !t.key.isEmpty { w.key("key", &out); JSONValue.writeQuotedString(t.key, into: &out) }
        w.key("operator", &out); JSONValue.writeQuotedString(t.operator, into: &out)
        if let seconds = t.tolerationSeconds { w.key("tolerationSeconds", &out); writeInt(seconds, into: &out) }
        if !t.value.isEmpty { w.key("value", &out); JSONValue.writeQuotedString(t.value, into: &out) }
        w.end(&out)
    }

    private static func writeIPs<Out: ByteSink & ~Copyable>(_ ip: String, into out: inout Out) {
        out.append(literal: #"[{"ip":"#)
        JSONValue.writeQuotedString(ip, into: &out)
        out.append(literal: "}]")
    }

    /// A string map with its keys sorted (as Go writes maps).
    private static func writeMap<Out: ByteSink & ~Copyable>(_ m: [String: String], into out: inout Out) {
        var w = JSONObjectWriter(&out)
        for key in m.keys.sorted() {
            w.separate(&out)
            JSONValue.writeQuotedString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONValue.writeQuotedString(m[key]!, into: &out)
        }
        w.end(&out)
    }

    private static func writeTime<Out: ByteSink & ~Copyable>(_ t: SimTime, into out: inout Out, memo: inout PodJSONMemo) {
        memo.times.write(t, into: &out)
    }

    private static func writeInt<Out: ByteSink & ~Copyable>(_ value: Int, into out: inout Out) {
        JSONValue.int(Int64(value)).writeCompactJSON(into: &out)
    }

    private static func writeBool<Out: ByteSink & ~Copyable>(_ value: Bool, into out: inout Out) {
        out.append(literal: value ? "true" : "false")
    }
}

/// Writes an object's braces and the commas between its fields; the caller writes the fields
/// in sorted key order.
struct JSONObjectWriter {
    private var empty = true

    init<Out: ByteSink & ~Copyable>(_ out: inout Out) { out.append(UInt8(ascii: "{")) }

    /// A comma unless this is the first field.
    mutating func separate<Out: ByteSink & ~Copyable>(_ out: inout Out) {
        if !empty { out.append(UInt8(ascii: ",")) }
        empty = false
    }

    /// `"name":`, after a comma when needed.
    mutating func key<Out: ByteSink & ~Copyable>(_ name: StaticString, _ out: inout Out) {
        separate(&out)
        out.append(UInt8(ascii: "\""))
        out.append(literal: name)
        // Bytes, not a literal: a literal's append is a call through the generic path.
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    func end<Out: ByteSink & ~Copyable>(_ out: inout Out) { out.append(UInt8(ascii: "}")) }
}
