/// core/v1 pods, nodes and namespaces. Field numbers: k8s.io/api core/v1/generated.proto.
/// Fields kubesim never reads (affinity, most volume sources, node info) are left
/// out and skipped like any unknown field.
extension ProtoMessage {
    static let namespace = ProtoMessage("Namespace", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(ProtoMessage("NamespaceSpec", [.list(1, "finalizers", .string)]))),
    ])

    static let pod = ProtoMessage("Pod", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(.podSpec)),
        ProtoField(3, "status", .message(.podStatus)),
    ])

    /// What a kubelet stand-in (kwok) writes to pods/status.
    static let podStatus = ProtoMessage("PodStatus", [
        ProtoField(17, "observedGeneration", .int64),
        ProtoField(1, "phase", .string),
        .list(2, "conditions", .message(ProtoMessage("PodCondition", [
            ProtoField(1, "type", .string),
            ProtoField(7, "observedGeneration", .int64),
            ProtoField(2, "status", .string),
            ProtoField(3, "lastProbeTime", .time),
            ProtoField(4, "lastTransitionTime", .time),
            ProtoField(5, "reason", .string),
            ProtoField(6, "message", .string),
        ]))),
        ProtoField(3, "message", .string),
        ProtoField(4, "reason", .string),
        ProtoField(11, "nominatedNodeName", .string),
        ProtoField(5, "hostIP", .string),
        .list(16, "hostIPs", .message(ProtoMessage("HostIP", [ProtoField(1, "ip", .string)]))),
        ProtoField(6, "podIP", .string),
        .list(12, "podIPs", .message(ProtoMessage("PodIP", [ProtoField(1, "ip", .string)]))),
        .pointer(7, "startTime", .time),
        .list(10, "initContainerStatuses", .message(.containerStatus)),
        .list(8, "containerStatuses", .message(.containerStatus)),
        ProtoField(9, "qosClass", .string),
    ])

    static let containerStatus = ProtoMessage("ContainerStatus", [
        ProtoField(1, "name", .string),
        ProtoField(2, "state", .message(.containerState)),
        ProtoField(3, "lastState", .message(.containerState)),
        ProtoField(4, "ready", .bool),
        ProtoField(5, "restartCount", .int32),
        ProtoField(6, "image", .string),
        ProtoField(7, "imageID", .string),
        ProtoField(8, "containerID", .string),
        .pointer(9, "started", .bool),
    ])

    static let containerState = ProtoMessage("ContainerState", [
        .pointer(1, "waiting", .message(ProtoMessage("ContainerStateWaiting", [
            ProtoField(1, "reason", .string),
            ProtoField(2, "message", .string),
        ]))),
        .pointer(2, "running", .message(ProtoMessage("ContainerStateRunning", [ProtoField(1, "startedAt", .time)]))),
        .pointer(3, "terminated", .message(ProtoMessage("ContainerStateTerminated", [
            ProtoField(1, "exitCode", .int32),
            ProtoField(2, "signal", .int32),
            ProtoField(3, "reason", .string),
            ProtoField(4, "message", .string),
            ProtoField(5, "startedAt", .time),
            ProtoField(6, "finishedAt", .time),
            ProtoField(7, "containerID", .string),
        ]))),
    ])

    static let node = ProtoMessage("Node", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(ProtoMessage("NodeSpec", [
            ProtoField(1, "podCIDR", .string),
            .list(7, "podCIDRs", .string),
            ProtoField(3, "providerID", .string),
            ProtoField(4, "unschedulable", .bool),
            .list(5, "taints", .message(ProtoMessage("Taint", [
                ProtoField(1, "key", .string),
                ProtoField(2, "value", .string),
                ProtoField(3, "effect", .string),
                .pointer(4, "timeAdded", .time),
            ]))),
        ]))),
        ProtoField(3, "status", .message(ProtoMessage("NodeStatus", [
            ProtoField(1, "capacity", .map(.quantity)),
            ProtoField(2, "allocatable", .map(.quantity)),
            ProtoField(3, "phase", .string),
            .list(4, "conditions", .message(ProtoMessage("NodeCondition", [
                ProtoField(1, "type", .string),
                ProtoField(2, "status", .string),
                ProtoField(3, "lastHeartbeatTime", .time),
                ProtoField(4, "lastTransitionTime", .time),
                ProtoField(5, "reason", .string),
                ProtoField(6, "message", .string),
            ]))),
            .list(5, "addresses", .message(ProtoMessage("NodeAddress", [
                ProtoField(1, "type", .string),
                ProtoField(2, "address", .string),
            ]))),
        ]))),
    ])

    static let podTemplateSpec = ProtoMessage("PodTemplateSpec", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(.podSpec)),
    ])

    static let podSpec = ProtoMessage("PodSpec", [
        .list(1, "volumes", .message(.volume)),
        .list(20, "initContainers", .message(.container)),
        .list(2, "containers", .message(.container)),
        ProtoField(3, "restartPolicy", .string),
        .pointer(4, "terminationGracePeriodSeconds", .int64),
        .pointer(5, "activeDeadlineSeconds", .int64),
        ProtoField(6, "dnsPolicy", .string),
        ProtoField(7, "nodeSelector", .map(.string)),
        ProtoField(8, "serviceAccountName", .string),
        ProtoField(9, "serviceAccount", .string),
        .pointer(21, "automountServiceAccountToken", .bool),
        ProtoField(10, "nodeName", .string),
        ProtoField(11, "hostNetwork", .bool),
        ProtoField(12, "hostPID", .bool),
        ProtoField(13, "hostIPC", .bool),
        .pointer(27, "shareProcessNamespace", .bool),
        .pointer(14, "securityContext", .message(.podSecurityContext)),
        .list(15, "imagePullSecrets", .message(.localObjectReference)),
        ProtoField(16, "hostname", .string),
        ProtoField(17, "subdomain", .string),
        ProtoField(19, "schedulerName", .string),
        .list(22, "tolerations", .message(.toleration)),
        ProtoField(24, "priorityClassName", .string),
        .pointer(25, "priority", .int32),
        .pointer(29, "runtimeClassName", .string),
        .pointer(30, "enableServiceLinks", .bool),
        .pointer(31, "preemptionPolicy", .string),
        .pointer(35, "setHostnameAsFQDN", .bool),
        .pointer(37, "hostUsers", .bool),
    ])

    static let container = ProtoMessage("Container", [
        ProtoField(1, "name", .string),
        ProtoField(2, "image", .string),
        .list(3, "command", .string),
        .list(4, "args", .string),
        ProtoField(5, "workingDir", .string),
        .list(6, "ports", .message(.containerPort)),
        .list(19, "envFrom", .message(.envFromSource)),
        .list(7, "env", .message(.envVar)),
        ProtoField(8, "resources", .message(.resourceRequirements)),
        ProtoField(24, "restartPolicy", .string, presence: true),
        .list(9, "volumeMounts", .message(.volumeMount)),
        .pointer(10, "livenessProbe", .message(.probe)),
        .pointer(11, "readinessProbe", .message(.probe)),
        .pointer(22, "startupProbe", .message(.probe)),
        ProtoField(13, "terminationMessagePath", .string),
        ProtoField(20, "terminationMessagePolicy", .string),
        ProtoField(14, "imagePullPolicy", .string),
        .pointer(15, "securityContext", .message(.securityContext)),
        ProtoField(16, "stdin", .bool),
        ProtoField(17, "stdinOnce", .bool),
        ProtoField(18, "tty", .bool),
    ])

    static let containerPort = ProtoMessage("ContainerPort", [
        ProtoField(1, "name", .string),
        ProtoField(2, "hostPort", .int32),
        ProtoField(3, "containerPort", .int32),
        ProtoField(4, "protocol", .string),
        ProtoField(5, "hostIP", .string),
    ])

    static let envVar = ProtoMessage("EnvVar", [
        ProtoField(1, "name", .string),
        ProtoField(2, "value", .string),
        .pointer(3, "valueFrom", .message(ProtoMessage("EnvVarSource", [
            .pointer(1, "fieldRef", .message(ProtoMessage("ObjectFieldSelector", [
                ProtoField(1, "apiVersion", .string),
                ProtoField(2, "fieldPath", .string),
            ]))),
            .pointer(2, "resourceFieldRef", .message(ProtoMessage("ResourceFieldSelector", [
                ProtoField(1, "containerName", .string),
                ProtoField(2, "resource", .string),
                ProtoField(3, "divisor", .quantity),
            ]))),
            .pointer(3, "configMapKeyRef", .message(.keySelector("ConfigMapKeySelector"))),
            .pointer(4, "secretKeyRef", .message(.keySelector("SecretKeySelector"))),
        ]))),
    ])

    static func keySelector(_ name: String) -> ProtoMessage {
        ProtoMessage(name, [
            ProtoField(1, "localObjectReference", .inline(.localObjectReference)),
            ProtoField(2, "key", .string),
            .pointer(3, "optional", .bool),
        ])
    }

    static let envFromSource = ProtoMessage("EnvFromSource", [
        ProtoField(1, "prefix", .string),
        .pointer(2, "configMapRef", .message(.envSource("ConfigMapEnvSource"))),
        .pointer(3, "secretRef", .message(.envSource("SecretEnvSource"))),
    ])

    static func envSource(_ name: String) -> ProtoMessage {
        ProtoMessage(name, [
            ProtoField(1, "localObjectReference", .inline(.localObjectReference)),
            .pointer(2, "optional", .bool),
        ])
    }

    static let localObjectReference = ProtoMessage("LocalObjectReference", [ProtoField(1, "name", .string)])

    static let resourceRequirements = ProtoMessage("ResourceRequirements", [
        ProtoField(1, "limits", .map(.quantity)),
        ProtoField(2, "requests", .map(.quantity)),
    ])

    static let volumeMount = ProtoMessage("VolumeMount", [
        ProtoField(1, "name", .string),
        ProtoField(2, "readOnly", .bool),
        .pointer(7, "recursiveReadOnly", .string),
        ProtoField(3, "mountPath", .string),
        ProtoField(4, "subPath", .string),
        .pointer(5, "mountPropagation", .string),
        ProtoField(6, "subPathExpr", .string),
    ])

    static let volume = ProtoMessage("Volume", [
        ProtoField(1, "name", .string),
        ProtoField(2, "volumeSource", .inline(ProtoMessage("VolumeSource", [
            .pointer(1, "hostPath", .message(ProtoMessage("HostPathVolumeSource", [
                ProtoField(1, "path", .string),
                .pointer(2, "type", .string),
            ]))),
            .pointer(2, "emptyDir", .message(ProtoMessage("EmptyDirVolumeSource", [
                ProtoField(1, "medium", .string),
                .pointer(2, "sizeLimit", .quantity),
            ]))),
            .pointer(6, "secret", .message(ProtoMessage("SecretVolumeSource", [
                ProtoField(1, "secretName", .string),
                .list(2, "items", .message(.keyToPath)),
                .pointer(3, "defaultMode", .int32),
                .pointer(4, "optional", .bool),
            ]))),
            .pointer(10, "persistentVolumeClaim", .message(ProtoMessage("PersistentVolumeClaimVolumeSource", [
                ProtoField(1, "claimName", .string),
                ProtoField(2, "readOnly", .bool),
            ]))),
            .pointer(19, "configMap", .message(ProtoMessage("ConfigMapVolumeSource", [
                ProtoField(1, "localObjectReference", .inline(.localObjectReference)),
                .list(2, "items", .message(.keyToPath)),
                .pointer(3, "defaultMode", .int32),
                .pointer(4, "optional", .bool),
            ]))),
        ]))),
    ])

    static let keyToPath = ProtoMessage("KeyToPath", [
        ProtoField(1, "key", .string),
        ProtoField(2, "path", .string),
        .pointer(3, "mode", .int32),
    ])

    static let toleration = ProtoMessage("Toleration", [
        ProtoField(1, "key", .string),
        ProtoField(2, "operator", .string),
        ProtoField(3, "value", .string),
        ProtoField(4, "effect", .string),
        .pointer(5, "tolerationSeconds", .int64),
    ])

    static let podSecurityContext = ProtoMessage("PodSecurityContext", [
        .pointer(2, "runAsUser", .int64),
        .pointer(6, "runAsGroup", .int64),
        .pointer(3, "runAsNonRoot", .bool),
        .list(4, "supplementalGroups", .int64),
        .pointer(5, "fsGroup", .int64),
    ])

    static let securityContext = ProtoMessage("SecurityContext", [
        .pointer(1, "capabilities", .message(ProtoMessage("Capabilities", [
            .list(1, "add", .string),
            .list(2, "drop", .string),
        ]))),
        .pointer(2, "privileged", .bool),
        .pointer(4, "runAsUser", .int64),
        .pointer(8, "runAsGroup", .int64),
        .pointer(5, "runAsNonRoot", .bool),
        .pointer(6, "readOnlyRootFilesystem", .bool),
        .pointer(7, "allowPrivilegeEscalation", .bool),
    ])

    static let probe = ProtoMessage("Probe", [
        ProtoField(1, "handler", .inline(ProtoMessage("ProbeHandler", [
            .pointer(1, "exec", .message(ProtoMessage("ExecAction", [.list(1, "command", .string)]))),
            .pointer(2, "httpGet", .message(ProtoMessage("HTTPGetAction", [
                ProtoField(1, "path", .string),
                ProtoField(2, "port", .intOrString, presence: true),
                ProtoField(3, "host", .string),
                ProtoField(4, "scheme", .string),
                .list(5, "httpHeaders", .message(ProtoMessage("HTTPHeader", [
                    ProtoField(1, "name", .string),
                    ProtoField(2, "value", .string),
                ]))),
            ]))),
            .pointer(3, "tcpSocket", .message(ProtoMessage("TCPSocketAction", [
                ProtoField(1, "port", .intOrString, presence: true),
                ProtoField(2, "host", .string),
            ]))),
            .pointer(4, "grpc", .message(ProtoMessage("GRPCAction", [
                ProtoField(1, "port", .int32),
                .pointer(2, "service", .string),
            ]))),
        ]))),
        ProtoField(2, "initialDelaySeconds", .int32),
        ProtoField(3, "timeoutSeconds", .int32),
        ProtoField(4, "periodSeconds", .int32),
        ProtoField(5, "successThreshold", .int32),
        ProtoField(6, "failureThreshold", .int32),
        .pointer(7, "terminationGracePeriodSeconds", .int64),
    ])
}
