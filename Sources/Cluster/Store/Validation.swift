/// Kubernetes' create/update validation for the kinds we store, with the API server's field
/// paths and wording. Nothing invalid reaches the store.
enum Validation {
    /// Generic, so each kind's metadata is read in place and its cast below is resolved at
    /// compile time (through `any APIObject` every write copied the metadata to check it).
    static func validate<T: APIObject>(_ object: T) throws {
        let kind = T.kind
        var causes = metadataErrors(object.metadata, kind: kind)
        switch kind {
        case .deployment:
            let d = object as! Deployment
            causes += workloadErrors(replicas: d.spec.replicas, selector: d.spec.selector, template: d.spec.template)
        case .replicaSet:
            let rs = object as! ReplicaSet
            causes += workloadErrors(replicas: rs.spec.replicas, selector: rs.spec.selector, template: rs.spec.template)
        case .daemonSet:
            let ds = object as! DaemonSet
            causes += workloadErrors(replicas: 0, selector: ds.spec.selector, template: ds.spec.template, kind: "daemonset")
            if ds.spec.template.spec.restartPolicy != "Always" {
                causes.append("spec.template.spec.restartPolicy: Unsupported value: \"\(ds.spec.template.spec.restartPolicy)\": supported values: \"Always\"")
            }
        case .pod:
            causes += podSpecErrors((object as! Pod).spec, path: "spec")
        case .podDisruptionBudget:
            causes += BudgetValidation.specErrors((object as! PodDisruptionBudget).spec)
        case .service:
            causes += ServiceValidation.specErrors((object as! Service).spec)
        case .event:
            causes += eventNamespaceErrors(object as! Event)
        default:
            break
        }
        if !causes.isEmpty {
            let name = object.metadata.name.isEmpty ? object.metadata.generateName : object.metadata.name
            throw APIError.invalid(kind, name, causes)
        }
    }

    /// legacyValidateEvent: an event lives in its object's namespace; one about a cluster-scoped
    /// object (no namespace) in `default` (or none, for old clients).
    static func eventNamespaceErrors(_ event: Event) -> [String] {
        let about = event.involvedObject.namespace, namespace = event.metadata.namespace
        let matches = about.isEmpty ? namespace.isEmpty || namespace == "default" : namespace == about
        return matches ? [] : ["involvedObject.namespace: Invalid value: \"\(about)\": does not match event.namespace"]
    }

    static func metadataErrors(_ meta: ObjectMeta, kind: Kind) -> [String] {
        var causes: [String] = []
        if meta.name.isEmpty {
            causes.append("metadata.name: Required value: name or generateName is required")
        } else if kind == .namespace {
            for e in LabelValidation.labelNameErrors(meta.name) {
                causes.append("metadata.name: Invalid value: \"\(meta.name)\": \(e)")
            }
        } else if kind != .event {
            for e in LabelValidation.subdomainNameErrors(meta.name) {
                causes.append("metadata.name: Invalid value: \"\(meta.name)\": \(e)")
            }
        }
        causes += labelErrors(meta.labels, path: "metadata.labels")
        return causes
    }

    static func labelErrors(_ labels: [String: String], path: String) -> [String] {
        guard !labels.isEmpty else { return [] } // events: no labels, and a sort of none still costs
        // Nearly every label set is valid: checked without sorting keys or building messages.
        if labels.allSatisfy({ LabelValidation.isValidKey($0.key) && LabelValidation.isValidValue($0.value) }) { return [] }
        var causes: [String] = []
        for key in labels.keys.sorted() {
            for e in LabelValidation.keyErrors(key) { causes.append("\(path): Invalid value: \"\(key)\": \(e)") }
            for e in LabelValidation.valueErrors(labels[key]!) { causes.append("\(path): Invalid value: \"\(labels[key]!)\": \(e)") }
        }
        return causes
    }

    static func workloadErrors(replicas: Int, selector: LabelSelector, template: PodTemplate, kind: String = "deployment") -> [String] {
        var causes: [String] = []
        if replicas < 0 { causes.append("spec.replicas: Invalid value: \(replicas): must be greater than or equal to 0") }
        // spec.replicas is an int32 in the API; no client can send more, so refuse it here too.
        if replicas > Int(Int32.max) { causes.append("spec.replicas: Invalid value: \(replicas): must be less than or equal to \(Int32.max)") }
        if selector.isEmpty {
            causes.append("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for \(kind)")
        } else if !selector.matches(template.labels) {
            let shown = template.labels.keys.sorted().map { "\"\($0)\":\"\(template.labels[$0]!)\"" }.joined(separator: ", ")
            causes.append("spec.template.metadata.labels: Invalid value: map[string]string{\(shown)}: `selector` does not match template `labels`")
        }
        causes += labelErrors(template.labels, path: "spec.template.metadata.labels")
        causes += podSpecErrors(template.spec, path: "spec.template.spec")
        return causes
    }

    static func podSpecErrors(_ spec: PodSpec, path: String) -> [String] {
        if spec.containers.isEmpty { return ["\(path).containers: Required value"] }
        var causes: [String] = []
        for (i, c) in spec.containers.enumerated() {
            if c.name.isEmpty { causes.append("\(path).containers[\(i)].name: Required value") }
            if c.image.isEmpty { causes.append("\(path).containers[\(i)].image: Required value") }
        }
        return causes
    }

    /// Whether an update touches what validation checks (a status-only write does not).
    /// Generic, and asked by kind first: the casts then resolve when the store's write is
    /// specialized, instead of a pod write trying five kinds at run time.
    static func needsValidation<T: APIObject>(_ old: T, _ new: T) -> Bool {
        if old.metadata.labels != new.metadata.labels || old.metadata.name != new.metadata.name { return true }
        switch T.kind {
        case .pod, .deployment, .replicaSet, .daemonSet, .podDisruptionBudget, .service: break
        default: return false
        }
        switch (old, new) {
        case let (a as Pod, b as Pod):
            // A binding sets only spec.nodeName (the pods/binding subresource, which upstream
            // does not validate as a whole pod): the rest of the spec was validated on create.
            guard a.spec != b.spec else { return false }
            var bound = a.spec
            bound.nodeName = b.spec.nodeName
            return bound != b.spec
        case let (a as Deployment, b as Deployment): return a.spec != b.spec
        case let (a as ReplicaSet, b as ReplicaSet): return a.spec != b.spec
        case let (a as DaemonSet, b as DaemonSet): return a.spec != b.spec
        case let (a as PodDisruptionBudget, b as PodDisruptionBudget): return a.spec != b.spec
        case let (a as Service, b as Service): return a.spec != b.spec
        default: return false
        }
    }

    /// Whether a write changes the spec (and so bumps metadata.generation).
    static func specChanged<T: APIObject>(_ old: T, _ new: T) -> Bool {
        switch T.kind {
        case .deployment, .replicaSet, .daemonSet, .podDisruptionBudget, .endpointSlice: break
        default: return false
        }
        return switch (old, new) {
        case let (a as Deployment, b as Deployment): a.spec != b.spec
        case let (a as ReplicaSet, b as ReplicaSet): a.spec != b.spec
        case let (a as DaemonSet, b as DaemonSet): a.spec != b.spec
        case let (a as PodDisruptionBudget, b as PodDisruptionBudget): a.spec != b.spec
        // The endpointslice strategy counts any change beyond metadata.
        case let (a as EndpointSlice, b as EndpointSlice): a.endpoints != b.endpoints || a.ports != b.ports || a.addressType != b.addressType
        default: false
        }
    }
}
