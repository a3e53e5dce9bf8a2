/// apps/v1 kinds' specs. Field numbers: k8s.io/api apps/v1/generated.proto. Status is not
/// read: clients never write it to kubesim, whose controllers own it.
extension ProtoMessage {
    static let deployment = ProtoMessage("Deployment", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(.deploymentSpec)),
    ])

    static let deploymentSpec = ProtoMessage("DeploymentSpec", [
        .pointer(1, "replicas", .int32),
        .pointer(2, "selector", .message(.labelSelector)),
        ProtoField(3, "template", .message(.podTemplateSpec)),
        ProtoField(4, "strategy", .message(.deploymentStrategy)),
        ProtoField(5, "minReadySeconds", .int32),
        .pointer(6, "revisionHistoryLimit", .int32),
        ProtoField(7, "paused", .bool),
        .pointer(9, "progressDeadlineSeconds", .int32),
    ])

    static let deploymentStrategy = ProtoMessage("DeploymentStrategy", [
        ProtoField(1, "type", .string),
        .pointer(2, "rollingUpdate", .message(.rollingUpdate("RollingUpdateDeployment"))),
    ])

    static func rollingUpdate(_ name: String) -> ProtoMessage {
        ProtoMessage(name, [
            .pointer(1, "maxUnavailable", .intOrString),
            .pointer(2, "maxSurge", .intOrString),
        ])
    }

    static let replicaSet = ProtoMessage("ReplicaSet", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(.replicaSetSpec)),
    ])

    static let replicaSetSpec = ProtoMessage("ReplicaSetSpec", [
        .pointer(1, "replicas", .int32),
        ProtoField(4, "minReadySeconds", .int32),
        .pointer(2, "selector", .message(.labelSelector)),
        ProtoField(3, "template", .message(.podTemplateSpec)),
    ])

    static let daemonSet = ProtoMessage("DaemonSet", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(.daemonSetSpec)),
    ])

    static let daemonSetSpec = ProtoMessage("DaemonSetSpec", [
        .pointer(1, "selector", .message(.labelSelector)),
        ProtoField(2, "template", .message(.podTemplateSpec)),
        ProtoField(3, "updateStrategy", .message(.daemonSetUpdateStrategy)),
        ProtoField(4, "minReadySeconds", .int32),
        .pointer(6, "revisionHistoryLimit", .int32),
    ])

    static let daemonSetUpdateStrategy = ProtoMessage("DaemonSetUpdateStrategy", [
        ProtoField(1, "type", .string),
        .pointer(2, "rollingUpdate", .message(.rollingUpdate("RollingUpdateDaemonSet"))),
    ])
}
