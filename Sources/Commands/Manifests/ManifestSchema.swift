import Cluster

/// The kinds kubesim serves from manifests, with their schemas as Kubernetes names them: what
/// manifests may contain (kubectl's validation) and what the OpenAPI documents describe.
package enum ManifestSchema {
    package struct ServedKind: Sendable {
        package let kind: Kind
        package let apiVersion: String
        package let schema: ObjectSchema
    }

    package static let served: [ServedKind] = [
        ServedKind(kind: .deployment, apiVersion: "apps/v1", schema: deployment),
        ServedKind(kind: .replicaSet, apiVersion: "apps/v1", schema: replicaSet),
        ServedKind(kind: .daemonSet, apiVersion: "apps/v1", schema: daemonSet),
        ServedKind(kind: .pod, apiVersion: "v1", schema: pod),
        ServedKind(kind: .node, apiVersion: "v1", schema: node),
        ServedKind(kind: .namespace, apiVersion: "v1", schema: namespace),
        ServedKind(kind: .podDisruptionBudget, apiVersion: "policy/v1", schema: podDisruptionBudget),
        ServedKind(kind: .service, apiVersion: "v1", schema: service),
    ]

    static func served(kind: String, apiVersion: String) -> ServedKind? {
        served.first { $0.kind.rawValue == kind && $0.apiVersion == apiVersion }
    }

    // MARK: metadata

    package static let ownerReference = ObjectSchema("io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference",
        "Names the object that owns this one; deleting the owner lets the garbage collector delete this object.", [
            Field("apiVersion", .string, "API version of the owner."),
            Field("blockOwnerDeletion", .boolean, "When true, a foreground deletion of the owner waits until this object is gone."),
            Field("controller", .boolean, "True when the owner is the controller that manages this object; at most one owner is."),
            Field("kind", .string, "Kind of the owner."),
            Field("name", .string, "Name of the owner."),
            Field("uid", .string, "UID of the owner."),
        ], required: ["apiVersion", "kind", "name", "uid"], mapType: "atomic")

    package static let managedFieldsEntry = ObjectSchema("io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry",
        "Which fields one manager last set, and how.", [
            Field("apiVersion", .string, "The version the field set is expressed in."),
            Field("fieldsType", .string, "The format of fieldsV1; only \"FieldsV1\" exists."),
            Field("fieldsV1", .object(.opaque("io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1", "A set of field paths, as a tree of objects.")), "The fields this manager owns."),
            Field("manager", .string, "Who manages these fields (a field manager name such as kubectl-client-side-apply)."),
            Field("operation", .string, "\"Apply\" or \"Update\": how the manager last wrote these fields."),
            Field("subresource", .string, "The subresource written through (\"status\"), empty for the object itself."),
            Field("time", .time(), "When this manager last changed the fields."),
        ])

    package static let objectMeta = ObjectSchema("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        "Metadata every stored object has: its name and namespace, labels, annotations, and what the server records about it.", [
            Field("annotations", .map(.string), "Free-form key/value data kept with the object, not used to select it."),
            Field("creationTimestamp", .time(), "When the server created the object. Set by the server; read-only.", use: .ignored),
            Field("deletionGracePeriodSeconds", .integer, "Seconds the object has left to finish after deletion was asked. Read-only.", use: .ignored),
            Field("deletionTimestamp", .time(), "When deletion was asked; the object goes once its finalizers are done. Read-only.", use: .ignored),
            Field("finalizers", .array(.string), "Work that must finish before the object is removed; each entry is removed by the controller that did it.",
                  use: .ignored, list: .mergedSet),
            Field("generateName", .string, "A prefix from which the server makes a unique name when name is empty."),
            Field("generation", .integer, "Counts changes to the desired state (spec). Read-only.", use: .ignored),
            Field("labels", .map(.string), "Key/value pairs that selectors (of services, replica sets, ...) match."),
            Field("managedFields", .array(.object(managedFieldsEntry)), "Which manager set which fields. Kept by the server.", use: .ignored),
            Field("name", .string, "Unique within the namespace (or the cluster, for cluster-scoped kinds). Cannot be changed."),
            Field("namespace", .string, "The namespace the object lives in; empty for cluster-scoped kinds."),
            Field("ownerReferences", .array(.object(ownerReference)), "The objects this one depends on; when all are gone it is garbage collected.",
                  use: .ignored, list: .keyed("uid")),
            Field("resourceVersion", .string, "An opaque version of the object, changed on every write; used for optimistic concurrency and watches. Read-only.",
                  use: .ignored),
            Field("selfLink", .string, "No longer set.", use: .ignored),
            Field("uid", .string, "Unique for all time in this cluster. Set by the server; read-only.", use: .ignored),
        ])

    package static let labelSelectorRequirement = ObjectSchema("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement",
        "One test of a label: its key, an operator, and values.", [
            Field("key", .string, "The label key tested."),
            Field("operator", .string, "In, NotIn, Exists or DoesNotExist."),
            Field("values", .array(.string), "The values for In and NotIn; empty for Exists and DoesNotExist.", list: .atomic),
        ], required: ["key", "operator"])

    package static let labelSelector = ObjectSchema("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
        "Selects objects by their labels: every requirement must hold. An empty selector matches everything; a null one, nothing.", [
            Field("matchExpressions", .array(.object(labelSelectorRequirement)), "Requirements that must all hold.", list: .atomic),
            Field("matchLabels", .map(.string), "Labels that must be present with these values."),
        ], mapType: "atomic")

    // MARK: pods

    package static let containerPort = ObjectSchema("io.k8s.api.core.v1.ContainerPort", "A network port a container listens on.", [
        Field("containerPort", .integer, "The port number in the pod's network namespace (1-65535)."),
        Field("hostIP", .string, "The node address a host port binds to.", use: .ignored),
        Field("hostPort", .integer, "A port on the node forwarded to this one (1-65535); the scheduler puts the pod where it is free."),
        Field("name", .string, "An IANA service name (at most 15 characters) a Service's targetPort can refer to the port by."),
        Field("protocol", .string, "TCP (the default), UDP or SCTP."),
    ], required: ["containerPort"])

    package static let resourceRequirements = ObjectSchema("io.k8s.api.core.v1.ResourceRequirements",
        "The compute resources a container asks for and may use.", [
            Field("claims", .array(.object(.opaque("io.k8s.api.core.v1.ResourceClaim", "A dynamic resource claim a container uses."))),
                  "Dynamic resource claims the container uses.", use: .ignored, list: .keyed("name")),
            // Limits matter to the kubelet's cgroups, not to scheduling, which is what kubesim shows.
            Field("limits", .map(.quantity), "The most of each resource the container may use (cpu, memory). Kubesim keeps limits but does not enforce them."),
            Field("requests", .map(.quantity), "The resources the scheduler reserves for the container on its node (cpu, memory)."),
        ])

    package static let envVar = ObjectSchema("io.k8s.api.core.v1.EnvVar", "One environment variable of a container.", [
        Field("name", .string, "The variable's name."),
        Field("value", .string, "The variable's value; $(NAME) refers to an earlier variable."),
        Field("valueFrom", .object(.opaque("io.k8s.api.core.v1.EnvVarSource", "Where a variable's value comes from: a field, a resource, a config map or a secret.")),
              "Takes the value from elsewhere instead of value. Kubesim keeps only literal values.", use: .ignored),
    ], required: ["name"])

    package static let volumeMount = ObjectSchema("io.k8s.api.core.v1.VolumeMount", "Where a pod volume appears in a container's file system.", [
        Field("mountPath", .string, "The path in the container."),
        Field("name", .string, "The name of the pod volume."),
        Field("readOnly", .boolean, "Mounts the volume read-only."),
        Field("subPath", .string, "A path inside the volume to mount instead of its root."),
    ], required: ["name", "mountPath"])

    private static func opaqueCore(_ name: String, _ description: String) -> FieldType {
        .object(.opaque("io.k8s.api.core.v1.\(name)", description))
    }

    package static let container = ObjectSchema("io.k8s.api.core.v1.Container", "A program the pod runs, from a container image.", [
        Field("args", .array(.string), "Arguments to the entrypoint; the image's CMD when absent.", use: .ignored, list: .atomic),
        Field("command", .array(.string), "The entrypoint; the image's ENTRYPOINT when absent.", use: .ignored, list: .atomic),
        Field("env", .array(.object(envVar)), "Environment variables set in the container.", list: .keyed("name")),
        Field("envFrom", .array(opaqueCore("EnvFromSource", "A config map or secret whose keys become environment variables.")),
              "Sources of environment variables.", use: .ignored, list: .atomic),
        Field("image", .string, "The container image to run (nginx:1.27, registry.example/app@sha256:...)."),
        Field("imagePullPolicy", .string, "Always, Never or IfNotPresent: when the kubelet pulls the image. Defaults to Always for :latest, else IfNotPresent."),
        Field("lifecycle", opaqueCore("Lifecycle", "Hooks run after a container starts and before it stops."), "Hooks run at start and stop.", use: .ignored),
        Field("livenessProbe", .object(probe), "Restarts the container when it fails."),
        Field("name", .string, "The container's name, unique within the pod (a DNS label). Cannot be changed."),
        Field("ports", .array(.object(containerPort)), "Ports the container listens on; informational.", list: .keyed("containerPort", mapKeys: ["containerPort", "protocol"])),
        Field("readinessProbe", .object(probe), "Marks the container unready (out of its Services' endpoints) until it passes."),
        Field("resizePolicy", .array(opaqueCore("ContainerResizePolicy", "Whether a resource can be resized in place.")),
              "How the container's resources may be resized in place.", use: .ignored, list: .atomic),
        Field("resources", .object(resourceRequirements), "The compute resources the container requests."),
        Field("restartPolicy", .string, "For an init container, Always makes it a sidecar that keeps running.", use: .ignored),
        Field("securityContext", opaqueCore("SecurityContext", "Privileges and access settings of a container."), "Privileges and access settings.", use: .ignored),
        Field("startupProbe", .object(probe), "Holds off the other probes until it succeeds."),
        Field("stdin", .boolean, "Keeps a stdin open for the container.", use: .ignored),
        Field("stdinOnce", .boolean, "Closes stdin after the first attach ends.", use: .ignored),
        Field("terminationMessagePath", .string, "The file the container writes its termination message to.", use: .ignored),
        Field("terminationMessagePolicy", .string, "File, or FallbackToLogsOnError to use the log tail when the file is empty.", use: .ignored),
        Field("tty", .boolean, "Gives the container a terminal.", use: .ignored),
        Field("volumeMounts", .array(.object(volumeMount)), "Pod volumes mounted into the container.", use: .ignored, list: .keyed("mountPath")),
        Field("workingDir", .string, "The directory the entrypoint runs in.", use: .ignored),
    ], required: ["name"])

    package static let toleration = ObjectSchema("io.k8s.api.core.v1.Toleration",
        "Lets a pod be scheduled onto (or stay on) a node whose taint it matches.", [
            Field("effect", .string, "The taint effect matched: NoSchedule, PreferNoSchedule or NoExecute; empty matches all."),
            Field("key", .string, "The taint key matched; empty with operator Exists matches every taint."),
            Field("operator", .string, "Equal (the default) compares value; Exists matches any value."),
            Field("tolerationSeconds", .integer, "For NoExecute: how long the pod stays on the node after the taint appears; unset means forever."),
            Field("value", .string, "The taint value matched by Equal."),
        ])

    package static let nodeSelectorRequirement = ObjectSchema("io.k8s.api.core.v1.NodeSelectorRequirement",
        "One test of a node label or field: a key, an operator and values.", [
            Field("key", .string, "The label key (or field name) tested."),
            Field("operator", .string, "In, NotIn, Exists, DoesNotExist, Gt or Lt."),
            Field("values", .array(.string), "The values compared; one integer for Gt and Lt.", list: .atomic),
        ], required: ["key", "operator"])

    package static let nodeSelectorTerm = ObjectSchema("io.k8s.api.core.v1.NodeSelectorTerm", "Requirements a node must meet all of.", [
        Field("matchExpressions", .array(.object(nodeSelectorRequirement)), "Requirements on node labels.", list: .atomic),
        Field("matchFields", .array(.object(nodeSelectorRequirement)), "Requirements on node fields (metadata.name).", list: .atomic),
    ], mapType: "atomic")

    package static let nodeSelector = ObjectSchema("io.k8s.api.core.v1.NodeSelector", "Nodes that meet any one of its terms.", [
        Field("nodeSelectorTerms", .array(.object(nodeSelectorTerm)), "The terms; a node matching any of them is selected.", list: .atomic),
    ], required: ["nodeSelectorTerms"], mapType: "atomic")

    package static let nodeAffinity = ObjectSchema("io.k8s.api.core.v1.NodeAffinity", "Which nodes a pod may or prefers to run on.", [
        Field("preferredDuringSchedulingIgnoredDuringExecution",
              .array(opaqueCore("PreferredSchedulingTerm", "A weighted node selector term the scheduler prefers.")),
              "Nodes the scheduler prefers, by weight.", list: .atomic),
        Field("requiredDuringSchedulingIgnoredDuringExecution", .object(nodeSelector),
              "Nodes the pod may be scheduled on; a pod already running stays when the node stops matching."),
    ])

    package static let affinity = ObjectSchema("io.k8s.api.core.v1.Affinity", "Scheduling constraints relative to nodes and other pods.", [
        Field("nodeAffinity", .object(nodeAffinity), "Constraints on the node."),
        Field("podAffinity", opaqueCore("PodAffinity", "Pods this pod should run near."), "Pods to run near."),
        Field("podAntiAffinity", opaqueCore("PodAntiAffinity", "Pods this pod should not run near."), "Pods to keep away from."),
    ])

    package static let projectedVolume = ObjectSchema("io.k8s.api.core.v1.ProjectedVolumeSource",
        "A volume made of several sources (a token, config maps, the downward API) in one directory.", [
            Field("defaultMode", .integer, "File mode bits of the files created, 0644 by default."),
            Field("sources", .array(opaqueCore("VolumeProjection", "One source of a projected volume.")), "The sources projected.", list: .atomic),
        ])

    package static let volume = ObjectSchema("io.k8s.api.core.v1.Volume", "A named volume the pod's containers can mount.", [
        Field("configMap", opaqueCore("ConfigMapVolumeSource", "A config map's keys as files."), "A config map's keys as files."),
        Field("downwardAPI", opaqueCore("DownwardAPIVolumeSource", "Pod fields as files."), "Pod fields as files."),
        Field("emptyDir", opaqueCore("EmptyDirVolumeSource", "A directory that lives as long as the pod."), "A directory that lives as long as the pod."),
        Field("hostPath", opaqueCore("HostPathVolumeSource", "A path on the node."), "A path on the node."),
        Field("name", .string, "The volume's name, which volume mounts refer to."),
        Field("persistentVolumeClaim", opaqueCore("PersistentVolumeClaimVolumeSource", "A persistent volume claim in the pod's namespace."),
              "A persistent volume claim."),
        Field("projected", .object(projectedVolume), "Several sources in one directory (the service account token volume is one)."),
        Field("secret", opaqueCore("SecretVolumeSource", "A secret's keys as files."), "A secret's keys as files."),
    ], required: ["name"])

    package static let localObjectReference = ObjectSchema("io.k8s.api.core.v1.LocalObjectReference",
        "Names an object in the same namespace.", [Field("name", .string, "The object's name.")], mapType: "atomic")

    package static let podSpec = ObjectSchema("io.k8s.api.core.v1.PodSpec", "What a pod runs and where it may run.", [
        Field("activeDeadlineSeconds", .integer, "Seconds the pod may run before it is failed.", use: .notSimulated),
        Field("affinity", .object(affinity), "Scheduling constraints. Kubesim's scheduler honours only required node affinity, which the DaemonSet controller sets.",
              use: .notSimulated),
        Field("automountServiceAccountToken", .boolean, "Whether the service account token is mounted.", use: .ignored),
        Field("containers", .array(.object(container)), "The containers the pod runs; at least one. Cannot be added or removed later.",
              list: .keyed("name")),
        Field("dnsConfig", opaqueCore("PodDNSConfig", "Nameservers, search domains and resolver options added to the pod's DNS settings."),
              "DNS settings added to those dnsPolicy gives.", use: .ignored),
        Field("dnsPolicy", .string, "How the pod's DNS is set up; ClusterFirst by default.", use: .ignored),
        Field("enableServiceLinks", .boolean, "Whether service addresses are passed as environment variables.", use: .ignored),
        Field("hostAliases", .array(opaqueCore("HostAlias", "Host names for one IP address in the pod's /etc/hosts.")),
              "Extra /etc/hosts entries.", use: .ignored, list: .keyed("ip")),
        Field("hostIPC", .boolean, "Whether the pod uses its node's IPC namespace.", use: .ignored),
        Field("hostNetwork", .boolean, "Whether the pod uses its node's network: its IP is then the node's."),
        Field("hostPID", .boolean, "Whether the pod uses its node's process namespace.", use: .ignored),
        Field("hostUsers", .boolean, "Whether the pod uses its node's user namespace; true by default.", use: .ignored),
        Field("hostname", .string, "The pod's host name; the pod name by default.", use: .ignored),
        Field("imagePullSecrets", .array(.object(localObjectReference)), "Secrets used to pull the images.", use: .ignored, list: .keyed("name")),
        Field("initContainers", .array(.object(container)), "Containers run to completion, in order, before the others start.",
              use: .notSimulated, list: .keyed("name")),
        Field("nodeName", .string, "The node the pod is bound to. The scheduler sets it; set in a manifest, it skips the scheduler."),
        Field("nodeSelector", .map(.string), "Labels a node must have for the pod to be scheduled there.", mapType: "atomic"),
        Field("os", opaqueCore("PodOS", "The operating system the pod's containers need."), "The pod's operating system (linux).", use: .ignored),
        Field("preemptionPolicy", .string, "PreemptLowerPriority or Never.", use: .ignored),
        Field("priority", .integer, "The pod's priority, from its priority class.", use: .ignored),
        Field("priorityClassName", .string, "The priority class that gives the pod its priority; kubesim has none, and every pod has priority 0.",
              use: .ignored),
        Field("readinessGates", .array(opaqueCore("PodReadinessGate", "A condition that must be true for the pod to be ready.")),
              "Extra conditions for readiness.", use: .notSimulated, list: .atomic),
        Field("restartPolicy", .string, "Always, OnFailure or Never: whether the kubelet restarts a container that exits."),
        Field("runtimeClassName", .string, "The container runtime configuration the pod runs with.", use: .ignored),
        Field("schedulingGates", .array(opaqueCore("PodSchedulingGate", "A gate that keeps the pod from being scheduled while it is listed.")),
              "Gates that hold the pod back from scheduling until removed.", use: .notSimulated, list: .keyed("name")),
        Field("schedulerName", .string, "The scheduler that places the pod; default-scheduler by default.", use: .ignored),
        Field("securityContext", opaqueCore("PodSecurityContext", "Privileges and access settings of a pod."), "Pod-wide security settings.", use: .ignored),
        Field("serviceAccount", .string, "Old name of serviceAccountName.", use: .ignored),
        Field("serviceAccountName", .string, "The service account the pod runs as.", use: .ignored),
        Field("setHostnameAsFQDN", .boolean, "Whether the pod's host name is its fully qualified domain name.", use: .ignored),
        Field("shareProcessNamespace", .boolean, "Whether the pod's containers share one process namespace.", use: .ignored),
        Field("subdomain", .string, "With hostname, gives the pod a DNS name under a headless service.", use: .ignored),
        Field("terminationGracePeriodSeconds", .integer, "Seconds between the stop signal and the kill when the pod is deleted; 30 by default."),
        Field("tolerations", .array(.object(toleration)), "Taints the pod tolerates.", list: .atomic),
        Field("topologySpreadConstraints", .array(opaqueCore("TopologySpreadConstraint", "How pods spread across a topology domain.")),
              "How matching pods spread across zones, nodes or other domains.", use: .notSimulated,
              list: ListTraits(listType: "map", mapKeys: ["topologyKey", "whenUnsatisfiable"], patchMergeKey: "topologyKey", patchStrategy: "merge")),
        Field("volumes", .array(.object(volume)), "Volumes the containers can mount.", use: .ignored, list: .keyed("name", strategy: "merge,retainKeys")),
    ], required: ["containers"])

    package static let podTemplate = ObjectSchema("io.k8s.api.core.v1.PodTemplateSpec", "The pods a controller creates: their metadata and spec.", [
        Field("metadata", .object(objectMeta), "Labels and annotations the pods get."),
        Field("spec", .object(podSpec), "The pods' spec."),
    ])

    // MARK: workloads

    package static let rollingUpdate = ObjectSchema("io.k8s.api.apps.v1.RollingUpdateDeployment", "How fast a rolling update replaces pods.", [
        Field("maxSurge", .intOrString, "How many pods (a number or a percentage of replicas, rounded up) may exist above the desired count during the update; 25% by default."),
        Field("maxUnavailable", .intOrString, "How many pods (a number or a percentage, rounded down) may be unavailable during the update; 25% by default."),
    ])

    package static let strategy = ObjectSchema("io.k8s.api.apps.v1.DeploymentStrategy", "How a deployment replaces old pods with new ones.", [
        Field("rollingUpdate", .object(rollingUpdate), "Settings for RollingUpdate."),
        Field("type", .string, "RollingUpdate (the default) scales the new replica set up while the old one scales down; Recreate removes all old pods first."),
    ])

    package static let deploymentSpec = ObjectSchema("io.k8s.api.apps.v1.DeploymentSpec", "The desired state of a deployment.", [
        Field("minReadySeconds", .integer, "Seconds a new pod must be ready before it counts as available."),
        Field("paused", .boolean, "Stops the deployment from rolling out template changes."),
        Field("progressDeadlineSeconds", .integer, "Seconds without progress before the deployment reports ProgressDeadlineExceeded; 600 by default."),
        Field("replicas", .integer, "How many pods to run; 1 by default."),
        Field("revisionHistoryLimit", .integer, "How many old replica sets to keep for rollback; 10 by default."),
        Field("selector", .object(labelSelector), "Selects the deployment's pods; must match the template's labels. Cannot be changed."),
        Field("strategy", .object(strategy), "How pods are replaced on a template change."),
        Field("template", .object(podTemplate), "The pods to run."),
    ], required: ["selector", "template"])

    package static let replicaSetSpec = ObjectSchema("io.k8s.api.apps.v1.ReplicaSetSpec", "The desired state of a replica set.", [
        Field("minReadySeconds", .integer, "Seconds a new pod must be ready before it counts as available."),
        Field("replicas", .integer, "How many pods to run; 1 by default."),
        Field("selector", .object(labelSelector), "Selects the replica set's pods; must match the template's labels."),
        Field("template", .object(podTemplate), "The pods created when too few match the selector."),
    ], required: ["selector"])

    package static let rollingUpdateDaemonSet = ObjectSchema("io.k8s.api.apps.v1.RollingUpdateDaemonSet", "How fast a daemon set's rolling update goes.", [
        Field("maxSurge", .intOrString, "How many nodes (a number or a percentage) may run an old and a new pod at once; 0 by default."),
        Field("maxUnavailable", .intOrString, "How many nodes (a number or a percentage) may be without an available pod during the update; 1 by default."),
    ])

    package static let daemonSetUpdateStrategy = ObjectSchema("io.k8s.api.apps.v1.DaemonSetUpdateStrategy", "How a daemon set replaces its pods.", [
        Field("rollingUpdate", .object(rollingUpdateDaemonSet), "Settings for RollingUpdate."),
        Field("type", .string, "RollingUpdate (the default) replaces pods node by node; OnDelete waits for each old pod to be deleted."),
    ])

    package static let daemonSetSpec = ObjectSchema("io.k8s.api.apps.v1.DaemonSetSpec", "The desired state of a daemon set.", [
        Field("minReadySeconds", .integer, "Seconds a new pod must be ready before it counts as available."),
        Field("revisionHistoryLimit", .integer, "How many old revisions to keep; 10 by default."),
        Field("selector", .object(labelSelector), "Selects the daemon set's pods; must match the template's labels. Cannot be changed."),
        Field("template", .object(podTemplate), "The pod run on every eligible node."),
        Field("updateStrategy", .object(daemonSetUpdateStrategy), "How pods are replaced on a template change."),
    ], required: ["selector", "template"])

    // MARK: nodes

    package static let taint = ObjectSchema("io.k8s.api.core.v1.Taint", "Keeps pods that do not tolerate it off a node.", [
        Field("effect", .string, "NoSchedule, PreferNoSchedule or NoExecute (also evicts running pods)."),
        Field("key", .string, "The taint key."),
        Field("timeAdded", .time(), "When a NoExecute taint was added.", use: .ignored),
        Field("value", .string, "The taint value."),
    ], required: ["key", "effect"])

    package static let nodeSpec = ObjectSchema("io.k8s.api.core.v1.NodeSpec", "How a node is configured.", [
        Field("configSource", opaqueCore("NodeConfigSource", "No longer used."), "No longer used.", use: .ignored),
        Field("externalID", .string, "No longer used.", use: .ignored),
        Field("podCIDR", .string, "The pod address range given to the node.", use: .ignored),
        Field("podCIDRs", .array(.string), "The pod address ranges given to the node.", use: .ignored, list: .mergedSet),
        Field("providerID", .string, "The node's id at its cloud provider.", use: .ignored),
        Field("taints", .array(.object(taint)), "Taints that repel pods which do not tolerate them.", list: .atomic),
        Field("unschedulable", .boolean, "Set by cordon: no new pods are scheduled on the node."),
    ])

    // MARK: top-level objects

    private static func object(_ name: String, _ description: String, spec: ObjectSchema, status: ObjectSchema) -> ObjectSchema {
        ObjectSchema(name, description, [
            Field("apiVersion", .string, "The versioned schema of this representation (group/version)."),
            Field("kind", .string, "The object's kind."),
            Field("metadata", .object(objectMeta), "Standard object metadata."),
            Field("spec", .object(spec), "The desired state."),
            // What `kubectl get -o yaml` prints and the server owns: accepted so its output applies back.
            Field("status", .object(status), "The observed state, written by controllers and the kubelet. Read-only.", use: .ignored),
        ])
    }

    package static let deployment = object("io.k8s.api.apps.v1.Deployment",
        "Runs a number of identical pods and rolls out changes to them through replica sets.", spec: deploymentSpec, status: deploymentStatus)
    /// The ReplicaSet's predecessor, described for the API's documents though kubesim keeps none
    /// (served read-only and empty, see ServedResources).
    package static let replicationControllerSpec = ObjectSchema("io.k8s.api.core.v1.ReplicationControllerSpec",
        "The desired state of a replication controller.", [
            Field("minReadySeconds", .integer, "Seconds a new pod must be ready before it counts as available."),
            Field("replicas", .integer, "How many pods to run; 1 by default."),
            Field("selector", .map(.string), "Labels the pods must have; the template's labels when absent."),
            Field("template", .object(podTemplate), "The pods created when too few match the selector."),
        ])
    package static let replicationController = object("io.k8s.api.core.v1.ReplicationController",
        "Keeps a number of pods matching its selector running (the ReplicaSet's predecessor).",
        spec: replicationControllerSpec, status: replicationControllerStatus)
    package static let replicaSet = object("io.k8s.api.apps.v1.ReplicaSet",
        "Keeps a number of pods matching its selector running.", spec: replicaSetSpec, status: replicaSetStatus)
    package static let daemonSet = object("io.k8s.api.apps.v1.DaemonSet",
        "Runs one copy of a pod on every eligible node.", spec: daemonSetSpec, status: daemonSetStatus)
    package static let pod = object("io.k8s.api.core.v1.Pod",
        "A group of containers scheduled together onto one node.", spec: podSpec, status: podStatus)
    package static let node = ObjectSchema("io.k8s.api.core.v1.Node", "A machine that runs pods.", [
        Field("apiVersion", .string, "The versioned schema of this representation (group/version)."),
        Field("kind", .string, "The object's kind."),
        Field("metadata", .object(objectMeta), "Standard object metadata."),
        Field("spec", .object(nodeSpec), "How the node is configured."),
        // Only capacity is read (a new node's size); the rest is what the kubelet reports.
        Field("status", .object(nodeStatus), "What the kubelet last reported about the node."),
    ])

    /// The API server owns a namespace's finalizers and phase.
    package static let namespaceSpec = ObjectSchema("io.k8s.api.core.v1.NamespaceSpec", "The desired state of a namespace.", [
        Field("finalizers", .array(.string), "Work that must finish before the namespace is removed (\"kubernetes\": deleting its contents).",
              use: .ignored, list: .atomic),
    ])
    package static let namespace = object("io.k8s.api.core.v1.Namespace",
        "A scope for names; deleting it deletes everything in it.", spec: namespaceSpec, status: namespaceStatus)
}
