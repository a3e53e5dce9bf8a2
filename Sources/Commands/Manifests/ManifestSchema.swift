import Cluster

/// What a field holds, as kubectl's schema validation (the OpenAPI document) describes it.
indirect enum FieldType: Sendable {
    case string, integer, boolean
    /// `maxSurge: 1` or `maxSurge: "25%"`.
    case intOrString
    /// `cpu: 500m`, `cpu: 0.5`, `memory: 128Mi`.
    case quantity
    case map(FieldType)
    case array(FieldType)
    case object(ObjectSchema)
    /// Kubernetes knows the field and a real cluster would use it; the simulator accepts it and
    /// does nothing with it.
    case ignored
    /// Kubernetes knows the field, but ignoring it would make the simulation wrong (say,
    /// `affinity` changes where pods go), so it is refused with an honest reason.
    case notSimulated

    /// The name kubectl prints in `expected "…"`.
    var expected: String {
        switch self {
        case .string, .intOrString, .quantity: "string"
        case .integer: "integer"
        case .boolean: "boolean"
        case .map, .object: "map"
        case .array: "array"
        case .ignored, .notSimulated: "any"
        }
    }
}

/// One OpenAPI object type: its name (`io.k8s.api.apps.v1.DeploymentSpec`) and its fields.
struct ObjectSchema: Sendable {
    let name: String
    let fields: [String: FieldType]
    let required: [String]

    /// `ignored` is the explicit allow-list of fields accepted without effect; every field not
    /// listed anywhere is refused as unknown, as kubectl refuses a typo.
    init(_ name: String, fields: [String: FieldType], required: [String] = [], ignored: [String] = [], notSimulated: [String] = []) {
        var all = fields
        for field in ignored { all[field] = .ignored }
        for field in notSimulated { all[field] = .notSimulated }
        self.name = name
        self.fields = all
        self.required = required
    }
}

/// The kinds kubesim serves from manifests, with the part of Kubernetes' schema it reads.
enum ManifestSchema {
    struct ServedKind: Sendable {
        let kind: Kind
        let apiVersion: String
        let schema: ObjectSchema
    }

    static let served: [ServedKind] = [
        ServedKind(kind: .deployment, apiVersion: "apps/v1", schema: deployment),
        ServedKind(kind: .replicaSet, apiVersion: "apps/v1", schema: replicaSet),
        ServedKind(kind: .daemonSet, apiVersion: "apps/v1", schema: daemonSet),
        ServedKind(kind: .pod, apiVersion: "v1", schema: pod),
        ServedKind(kind: .node, apiVersion: "v1", schema: node),
        ServedKind(kind: .namespace, apiVersion: "v1", schema: namespace),
    ]

    static func served(kind: String, apiVersion: String) -> ServedKind? {
        served.first { $0.kind.rawValue == kind && $0.apiVersion == apiVersion }
    }

    // MARK: metadata

    static let objectMeta = ObjectSchema("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        fields: ["name": .string, "generateName": .string, "namespace": .string, "labels": .map(.string), "annotations": .map(.string)],
        // What `kubectl get -o yaml` prints and the server sets: accepted so its output applies back.
        ignored: ["creationTimestamp", "uid", "resourceVersion", "generation", "selfLink", "managedFields", "ownerReferences",
                  "finalizers", "deletionTimestamp", "deletionGracePeriodSeconds"])

    static let labelSelectorRequirement = ObjectSchema("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement",
        fields: ["key": .string, "operator": .string, "values": .array(.string)], required: ["key", "operator"])

    static let labelSelector = ObjectSchema("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
        fields: ["matchLabels": .map(.string), "matchExpressions": .array(.object(labelSelectorRequirement))])

    // MARK: pods

    static let containerPort = ObjectSchema("io.k8s.api.core.v1.ContainerPort",
        fields: ["containerPort": .integer], required: ["containerPort"],
        ignored: ["name", "protocol", "hostPort", "hostIP"])

    static let resourceRequirements = ObjectSchema("io.k8s.api.core.v1.ResourceRequirements",
        fields: ["requests": .map(.quantity)],
        // Limits matter to the kubelet's cgroups, not to scheduling, which is what kubesim shows.
        ignored: ["limits", "claims"])

    static let container = ObjectSchema("io.k8s.api.core.v1.Container",
        fields: ["name": .string, "image": .string, "imagePullPolicy": .string, "ports": .array(.object(containerPort)), "resources": .object(resourceRequirements)],
        required: ["name"],
        ignored: ["command", "args", "workingDir", "env", "envFrom", "volumeMounts", "livenessProbe",
                  "readinessProbe", "startupProbe", "lifecycle", "securityContext", "terminationMessagePath",
                  "terminationMessagePolicy", "stdin", "stdinOnce", "tty"])

    static let toleration = ObjectSchema("io.k8s.api.core.v1.Toleration",
        fields: ["key": .string, "operator": .string, "value": .string, "effect": .string, "tolerationSeconds": .integer])

    static let podSpec = ObjectSchema("io.k8s.api.core.v1.PodSpec",
        fields: ["containers": .array(.object(container)), "nodeName": .string, "nodeSelector": .map(.string),
                 "tolerations": .array(.object(toleration)), "terminationGracePeriodSeconds": .integer],
        required: ["containers"],
        ignored: ["dnsPolicy", "restartPolicy", "schedulerName", "securityContext", "serviceAccount", "serviceAccountName",
                  "automountServiceAccountToken", "enableServiceLinks", "preemptionPolicy", "priority", "volumes",
                  "imagePullSecrets", "hostname", "subdomain"],
        notSimulated: ["affinity", "topologySpreadConstraints", "initContainers", "readinessGates", "activeDeadlineSeconds"])

    static let podTemplate = ObjectSchema("io.k8s.api.core.v1.PodTemplateSpec",
        fields: ["metadata": .object(objectMeta), "spec": .object(podSpec)])

    // MARK: workloads

    static let rollingUpdate = ObjectSchema("io.k8s.api.apps.v1.RollingUpdateDeployment",
        fields: ["maxSurge": .intOrString, "maxUnavailable": .intOrString])

    static let strategy = ObjectSchema("io.k8s.api.apps.v1.DeploymentStrategy",
        fields: ["type": .string, "rollingUpdate": .object(rollingUpdate)])

    static let deploymentSpec = ObjectSchema("io.k8s.api.apps.v1.DeploymentSpec",
        fields: ["replicas": .integer, "selector": .object(labelSelector), "template": .object(podTemplate),
                 "strategy": .object(strategy), "minReadySeconds": .integer, "revisionHistoryLimit": .integer,
                 "progressDeadlineSeconds": .integer, "paused": .boolean],
        required: ["selector", "template"])

    static let replicaSetSpec = ObjectSchema("io.k8s.api.apps.v1.ReplicaSetSpec",
        fields: ["replicas": .integer, "minReadySeconds": .integer, "selector": .object(labelSelector), "template": .object(podTemplate)],
        required: ["selector"])

    static let rollingUpdateDaemonSet = ObjectSchema("io.k8s.api.apps.v1.RollingUpdateDaemonSet",
        fields: ["maxSurge": .intOrString, "maxUnavailable": .intOrString])

    static let daemonSetUpdateStrategy = ObjectSchema("io.k8s.api.apps.v1.DaemonSetUpdateStrategy",
        fields: ["type": .string, "rollingUpdate": .object(rollingUpdateDaemonSet)])

    static let daemonSetSpec = ObjectSchema("io.k8s.api.apps.v1.DaemonSetSpec",
        fields: ["selector": .object(labelSelector), "template": .object(podTemplate), "updateStrategy": .object(daemonSetUpdateStrategy),
                 "minReadySeconds": .integer, "revisionHistoryLimit": .integer],
        required: ["selector", "template"])

    // MARK: nodes

    static let taint = ObjectSchema("io.k8s.api.core.v1.Taint",
        fields: ["key": .string, "value": .string, "effect": .string], required: ["key", "effect"], ignored: ["timeAdded"])

    static let nodeSpec = ObjectSchema("io.k8s.api.core.v1.NodeSpec",
        fields: ["unschedulable": .boolean, "taints": .array(.object(taint))],
        ignored: ["podCIDR", "podCIDRs", "providerID", "externalID", "configSource"])

    /// Only capacity is read (a new node's size); the rest is what the kubelet reports.
    static let nodeStatus = ObjectSchema("io.k8s.api.core.v1.NodeStatus",
        fields: ["capacity": .map(.quantity)],
        ignored: ["allocatable", "conditions", "addresses", "daemonEndpoints", "nodeInfo", "images", "phase",
                  "volumesAttached", "volumesInUse", "config", "runtimeHandlers", "features"])

    // MARK: top-level objects

    private static func object(_ name: String, spec: ObjectSchema, status: FieldType = .ignored) -> ObjectSchema {
        ObjectSchema(name, fields: ["apiVersion": .string, "kind": .string, "metadata": .object(objectMeta), "spec": .object(spec), "status": status])
    }

    static let deployment = object("io.k8s.api.apps.v1.Deployment", spec: deploymentSpec)
    static let replicaSet = object("io.k8s.api.apps.v1.ReplicaSet", spec: replicaSetSpec)
    static let daemonSet = object("io.k8s.api.apps.v1.DaemonSet", spec: daemonSetSpec)
    static let pod = object("io.k8s.api.core.v1.Pod", spec: podSpec)
    static let node = object("io.k8s.api.core.v1.Node", spec: nodeSpec, status: .object(nodeStatus))

    /// The API server owns a namespace's finalizers and phase.
    static let namespaceSpec = ObjectSchema("io.k8s.api.core.v1.NamespaceSpec", fields: [:], ignored: ["finalizers"])
    static let namespace = object("io.k8s.api.core.v1.Namespace", spec: namespaceSpec)
}
