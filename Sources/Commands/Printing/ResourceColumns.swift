import Cluster

/// One column of a kind's table, as the API server's printers define it (pkg/printers/internalversion
/// printers.go): kubectl upper-cases the name for the header and shows priority-1 columns only with
/// `-o wide`. The headless `get` and the API server's Table answer share these definitions.
public struct TableColumn: Sendable, Equatable {
    public var name: String
    /// The OpenAPI type of the cells: `string`, `integer`, `date`.
    public var type: String
    public var format: String
    public var description: String
    public var priority: Int

    /// A string column (`format: "name"` for the object's name).
    public init(_ name: String, format: String = "", _ description: String, priority: Int = 0) {
        self.init(name, "string", format: format, description, priority: priority)
    }

    /// A column of another type (`integer`, `date`).
    public init(_ name: String, _ type: String, format: String = "", _ description: String, priority: Int = 0) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
    }

    /// What kubectl prints above the column.
    public var header: String { name.uppercased() }
}

extension ResourceTables {
    static let nameColumn = TableColumn("Name", format: "name", "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names")
    static let ageColumn = TableColumn("Age", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata")
    static let workloadWideColumns = [
        TableColumn("Containers", "Names of each container in the template.", priority: 1),
        TableColumn("Images", "Images referenced by each container in the template.", priority: 1),
        TableColumn("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", priority: 1),
    ]

    /// Every column of `type`'s table, wide ones included, in the order cells are given.
    public static func columns(_ type: ResourceType) -> [TableColumn] {
        switch type {
        case .pods:
            [nameColumn,
             TableColumn("Ready", "The aggregate readiness state of this pod for accepting traffic."),
             TableColumn("Status", "The aggregate status of the containers in this pod."),
             TableColumn("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
             ageColumn,
             TableColumn("IP", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", priority: 1),
             TableColumn("Node", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename", priority: 1),
             TableColumn("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.", priority: 1),
             TableColumn("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates", priority: 1)]
        case .deployments:
            [nameColumn,
             TableColumn("Ready", "Number of the pod with ready state"),
             TableColumn("Up-to-date", "integer", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
             TableColumn("Available", "integer", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
             ageColumn] + workloadWideColumns
        case .replicasets:
            [nameColumn,
             TableColumn("Desired", "integer", "Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#how-a-replicaset-works"),
             TableColumn("Current", "integer", "Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#how-a-replicaset-works"),
             TableColumn("Ready", "integer", "The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition."),
             ageColumn] + workloadWideColumns
        case .daemonsets:
            [nameColumn,
             TableColumn("Desired", "integer", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
             TableColumn("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
             TableColumn("Ready", "integer", "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."),
             TableColumn("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
             TableColumn("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
             TableColumn("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
             ageColumn] + workloadWideColumns
        case .nodes:
            [nameColumn,
             TableColumn("Status", "The status of the node"),
             TableColumn("Roles", "The roles of the node"),
             ageColumn,
             TableColumn("Version", "Kubelet Version reported by the node."),
             TableColumn("Internal-IP", "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).", priority: 1),
             TableColumn("External-IP", "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).", priority: 1),
             TableColumn("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", priority: 1),
             TableColumn("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", priority: 1),
             TableColumn("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", priority: 1)]
        case .events:
            [TableColumn("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
             TableColumn("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
             TableColumn("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
             TableColumn("Object", "The object that this event is about."),
             TableColumn("Subobject", "The subobject that this event is about.", priority: 1),
             TableColumn("Source", "The component reporting this event. Should be a short machine understandable string.", priority: 1),
             TableColumn("Message", "A human-readable description of the status of this operation."),
             TableColumn("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", priority: 1),
             TableColumn("Count", "integer", "The number of times this event has occurred.", priority: 1),
             TableColumn("Name", format: "name", "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", priority: 1)]
        case .namespaces:
            [nameColumn,
             TableColumn("Status", "The status of the namespace"),
             ageColumn]
        case .poddisruptionbudgets:
            [nameColumn,
             TableColumn("Min Available", "The minimum number of pods that must be available."),
             TableColumn("Max Unavailable", "The maximum number of pods that may be unavailable."),
             TableColumn("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
             ageColumn]
        case .services:
            [nameColumn,
             TableColumn("Type", "The type of the service."),
             TableColumn("Cluster-IP", "The IP address of the service."),
             TableColumn("External-IP", "The external IP address of the service."),
             TableColumn("Port(s)", "The ports exposed by the service."),
             ageColumn,
             TableColumn("Selector", "The label selector of the service.", priority: 1)]
        case .endpointslices:
            [nameColumn,
             TableColumn("AddressType", "addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name."),
             TableColumn("Ports", "ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates \"all ports\". Each slice may include a maximum of 100 ports."),
             TableColumn("Endpoints", "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints."),
             ageColumn]
        case .endpoints:
            [nameColumn,
             TableColumn("Endpoints", "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service."),
             ageColumn]
        }
    }
}
