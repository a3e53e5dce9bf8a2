/// The observed state of the manifest kinds: written by controllers and the kubelet, printed by
/// `kubectl get -o yaml`, ignored when a manifest carries it (only a node's capacity is read).
extension ManifestSchema {
    private static func condition(_ name: String, _ description: String, heartbeat: String? = nil, lastUpdate: Bool = false, probe: Bool = false) -> ObjectSchema {
        var fields: [Field] = []
        if let heartbeat { fields.append(Field(heartbeat, .time(), "When the condition was last confirmed.")) }
        if probe { fields.append(Field("lastProbeTime", .time(), "When the condition was last probed.")) }
        fields.append(Field("lastTransitionTime", .time(), "When the status last changed."))
        if lastUpdate { fields.append(Field("lastUpdateTime", .time(), "When the condition was last updated.")) }
        fields += [
            Field("message", .string, "A human-readable explanation."),
            Field("reason", .string, "A one-word, CamelCase reason for the last transition."),
            Field("status", .string, "True, False or Unknown."),
            Field("type", .string, "The condition's type."),
        ]
        return ObjectSchema(name, description, fields, required: ["type", "status"])
    }

    // MARK: pods

    package static let podCondition = condition("io.k8s.api.core.v1.PodCondition",
        "One aspect of a pod's state: PodScheduled, Initialized, ContainersReady, Ready.", probe: true)

    package static let containerStateWaiting = ObjectSchema("io.k8s.api.core.v1.ContainerStateWaiting", "A container not running yet.", [
        Field("message", .string, "Why the container is waiting, in words."),
        Field("reason", .string, "Why the container is waiting (ContainerCreating, ImagePullBackOff, ...)."),
    ])
    package static let containerStateRunning = ObjectSchema("io.k8s.api.core.v1.ContainerStateRunning", "A running container.", [
        Field("startedAt", .time(), "When the container last started."),
    ])
    package static let containerStateTerminated = ObjectSchema("io.k8s.api.core.v1.ContainerStateTerminated", "A container that has exited.", [
        Field("containerID", .string, "The container's id, <runtime>://<id>."),
        Field("exitCode", .integer, "Its exit status."),
        Field("finishedAt", .time(), "When it exited."),
        Field("message", .string, "Its termination message."),
        Field("reason", .string, "Why it exited (Completed, Error, OOMKilled, ...)."),
        Field("signal", .integer, "The signal that ended it."),
        Field("startedAt", .time(), "When it started."),
    ], required: ["exitCode"])
    package static let containerState = ObjectSchema("io.k8s.api.core.v1.ContainerState",
        "The state of a container: exactly one of waiting, running and terminated is set.", [
            Field("running", .object(containerStateRunning), "Set while the container runs."),
            Field("terminated", .object(containerStateTerminated), "Set once the container has exited."),
            Field("waiting", .object(containerStateWaiting), "Set while the container waits to run."),
        ])
    package static let containerStatus = ObjectSchema("io.k8s.api.core.v1.ContainerStatus", "What the kubelet reports about one container.", [
        Field("containerID", .string, "The container's id, <runtime>://<id>."),
        Field("image", .string, "The image the container runs."),
        Field("imageID", .string, "The image's digest."),
        Field("lastState", .object(containerState), "The state of the previous run, after a restart."),
        Field("name", .string, "The container's name."),
        Field("ready", .boolean, "Whether the container passes its readiness checks."),
        Field("restartCount", .integer, "How many times the container has restarted."),
        Field("started", .boolean, "Whether the container has started and passed its startup probe."),
        Field("state", .object(containerState), "The current state."),
    ], required: ["name", "ready", "restartCount", "image", "imageID"])
    package static let hostIP = ObjectSchema("io.k8s.api.core.v1.HostIP", "An address of the pod's node.", [
        Field("ip", .string, "The address."),
    ], required: ["ip"])
    package static let podIP = ObjectSchema("io.k8s.api.core.v1.PodIP", "An address of the pod.", [
        Field("ip", .string, "The address."),
    ], required: ["ip"])

    package static let podStatus = ObjectSchema("io.k8s.api.core.v1.PodStatus", "What the kubelet and scheduler last reported about a pod.", [
        Field("conditions", .array(.object(podCondition)), "The pod's conditions.", list: .keyed("type")),
        Field("containerStatuses", .array(.object(containerStatus)), "One status per container.", list: .atomic),
        Field("hostIP", .string, "The address of the pod's node."),
        Field("hostIPs", .array(.object(hostIP)), "The addresses of the pod's node.", list: .keyed("ip", mapKeys: nil, strategy: "merge")),
        Field("message", .string, "Why the pod is in this phase, in words."),
        Field("phase", .string, "Pending, Running, Succeeded, Failed or Unknown."),
        Field("podIP", .string, "The pod's address."),
        Field("podIPs", .array(.object(podIP)), "The pod's addresses.", list: .keyed("ip")),
        Field("qosClass", .string, "Guaranteed, Burstable or BestEffort, from the containers' requests and limits."),
        Field("reason", .string, "Why the pod is in this phase, in one word (Evicted, ...)."),
        Field("startTime", .time(), "When the kubelet accepted the pod."),
    ])

    // MARK: workloads

    package static let deploymentCondition = condition("io.k8s.api.apps.v1.DeploymentCondition",
        "One aspect of a deployment's state: Available, Progressing, ReplicaFailure.", lastUpdate: true)
    package static let deploymentStatus = ObjectSchema("io.k8s.api.apps.v1.DeploymentStatus", "What the deployment controller last observed.", [
        Field("availableReplicas", .integer, "Pods ready for at least minReadySeconds."),
        Field("collisionCount", .integer, "Counts template hash collisions, to make the next replica set name unique."),
        Field("conditions", .array(.object(deploymentCondition)), "The deployment's conditions.", list: .keyed("type")),
        Field("observedGeneration", .integer, "The generation this status describes."),
        Field("readyReplicas", .integer, "Pods that are ready."),
        Field("replicas", .integer, "Pods of all the deployment's replica sets."),
        Field("unavailableReplicas", .integer, "Pods still needed for the desired count to be available."),
        Field("updatedReplicas", .integer, "Pods from the current template."),
    ])

    package static let replicaSetCondition = condition("io.k8s.api.apps.v1.ReplicaSetCondition", "One aspect of a replica set's state.")
    package static let replicaSetStatus = ObjectSchema("io.k8s.api.apps.v1.ReplicaSetStatus", "What the replica set controller last observed.", [
        Field("availableReplicas", .integer, "Pods ready for at least minReadySeconds."),
        Field("conditions", .array(.object(replicaSetCondition)), "The replica set's conditions.", list: .keyed("type")),
        Field("fullyLabeledReplicas", .integer, "Pods whose labels match the template's labels."),
        Field("observedGeneration", .integer, "The generation this status describes."),
        Field("readyReplicas", .integer, "Pods that are ready."),
        Field("replicas", .integer, "Pods the replica set has."),
    ], required: ["replicas"])

    package static let replicationControllerStatus = ObjectSchema("io.k8s.api.core.v1.ReplicationControllerStatus",
        "What the replication controller last observed.", [
            Field("availableReplicas", .integer, "Pods ready for at least minReadySeconds."),
            Field("conditions", .array(.object(condition("io.k8s.api.core.v1.ReplicationControllerCondition",
                "One aspect of a replication controller's state."))), "The controller's conditions.", list: .keyed("type")),
            Field("fullyLabeledReplicas", .integer, "Pods whose labels match the template's labels."),
            Field("observedGeneration", .integer, "The generation this status describes."),
            Field("readyReplicas", .integer, "Pods that are ready."),
            Field("replicas", .integer, "Pods the controller has."),
        ], required: ["replicas"])

    package static let daemonSetCondition = condition("io.k8s.api.apps.v1.DaemonSetCondition", "One aspect of a daemon set's state.")
    package static let daemonSetStatus = ObjectSchema("io.k8s.api.apps.v1.DaemonSetStatus", "What the daemon set controller last observed.", [
        Field("collisionCount", .integer, "Counts revision hash collisions."),
        Field("conditions", .array(.object(daemonSetCondition)), "The daemon set's conditions.", list: .keyed("type")),
        Field("currentNumberScheduled", .integer, "Nodes running a daemon pod that should."),
        Field("desiredNumberScheduled", .integer, "Nodes that should run a daemon pod."),
        Field("numberAvailable", .integer, "Nodes whose daemon pod is available."),
        Field("numberMisscheduled", .integer, "Nodes running a daemon pod that should not."),
        Field("numberReady", .integer, "Nodes whose daemon pod is ready."),
        Field("numberUnavailable", .integer, "Nodes that should run an available daemon pod and do not."),
        Field("observedGeneration", .integer, "The generation this status describes."),
        Field("updatedNumberScheduled", .integer, "Nodes running the current template's pod."),
    ], required: ["currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady"])

    // MARK: nodes

    package static let nodeCondition = condition("io.k8s.api.core.v1.NodeCondition",
        "One aspect of a node's health: Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.", heartbeat: "lastHeartbeatTime")
    package static let nodeAddress = ObjectSchema("io.k8s.api.core.v1.NodeAddress", "One address of a node.", [
        Field("address", .string, "The address."),
        Field("type", .string, "Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS."),
    ], required: ["type", "address"])
    package static let nodeSystemInfo = ObjectSchema("io.k8s.api.core.v1.NodeSystemInfo", "Facts about a node's machine and software.", [
        Field("architecture", .string, "The CPU architecture (amd64)."),
        Field("bootID", .string, "Changes on every boot."),
        Field("containerRuntimeVersion", .string, "The container runtime, <name>://<version>."),
        Field("kernelVersion", .string, "The kernel version (uname -r)."),
        Field("kubeProxyVersion", .string, "No longer reported."),
        Field("kubeletVersion", .string, "The kubelet's version."),
        Field("machineID", .string, "The machine id."),
        Field("operatingSystem", .string, "The operating system (linux)."),
        Field("osImage", .string, "The OS image, from /etc/os-release."),
        Field("systemUUID", .string, "The machine's UUID."),
    ])
    package static let nodeStatus = ObjectSchema("io.k8s.api.core.v1.NodeStatus", "What the kubelet last reported about a node.", [
        Field("addresses", .array(.object(nodeAddress)), "The node's addresses.", use: .ignored, list: .keyed("type")),
        Field("allocatable", .map(.quantity), "The resources pods may use: capacity minus what the system reserves.", use: .ignored),
        Field("capacity", .map(.quantity), "The node's total resources (cpu, memory, pods). A manifest's capacity sizes a new simulated node."),
        Field("conditions", .array(.object(nodeCondition)), "The node's conditions.", use: .ignored, list: .keyed("type")),
        Field("config", opaqueStatus("NodeConfigStatus", "No longer used."), "No longer used.", use: .ignored),
        Field("daemonEndpoints", opaqueStatus("NodeDaemonEndpoints", "Ports the node's daemons listen on."), "Ports of the node's daemons.", use: .ignored),
        Field("features", opaqueStatus("NodeFeatures", "Features the node supports."), "Features the node supports.", use: .ignored),
        Field("images", .array(opaqueStatus("ContainerImage", "An image on the node.")), "Images on the node.", use: .ignored, list: .atomic),
        Field("nodeInfo", .object(nodeSystemInfo), "Facts about the machine.", use: .ignored),
        Field("phase", .string, "No longer used.", use: .ignored),
        Field("runtimeHandlers", .array(opaqueStatus("NodeRuntimeHandler", "A runtime handler of the node.")), "The runtime's handlers.",
              use: .ignored, list: .atomic),
        Field("volumesAttached", .array(opaqueStatus("AttachedVolume", "A volume attached to the node.")), "Volumes attached.", use: .ignored, list: .atomic),
        Field("volumesInUse", .array(.string), "Volumes in use.", use: .ignored, list: .atomic),
    ])

    private static func opaqueStatus(_ name: String, _ description: String) -> FieldType {
        .object(.opaque("io.k8s.api.core.v1.\(name)", description))
    }

    // MARK: namespaces

    package static let namespaceCondition = condition("io.k8s.api.core.v1.NamespaceCondition", "One aspect of a namespace's state while it terminates.")
    package static let namespaceStatus = ObjectSchema("io.k8s.api.core.v1.NamespaceStatus", "The observed state of a namespace.", [
        Field("conditions", .array(.object(namespaceCondition)), "The namespace's conditions.", list: .keyed("type")),
        Field("phase", .string, "Active, or Terminating once deletion was asked."),
    ])
}
