/// apimachinery's messages (meta/v1, resource, intstr) that the kinds below embed.
/// Field numbers: k8s.io/apimachinery pkg/apis/meta/v1/generated.proto.
extension ProtoMessage {
    static let objectMeta = ProtoMessage("ObjectMeta", [
        ProtoField(1, "name", .string),
        ProtoField(2, "generateName", .string),
        ProtoField(3, "namespace", .string),
        ProtoField(4, "selfLink", .string),
        ProtoField(5, "uid", .string),
        ProtoField(6, "resourceVersion", .string),
        ProtoField(7, "generation", .int64),
        ProtoField(8, "creationTimestamp", .time),
        .pointer(9, "deletionTimestamp", .time),
        .pointer(10, "deletionGracePeriodSeconds", .int64),
        ProtoField(11, "labels", .map(.string)),
        ProtoField(12, "annotations", .map(.string)),
        .list(13, "ownerReferences", .message(.ownerReference)),
        .list(14, "finalizers", .string),
    ])

    static let ownerReference = ProtoMessage("OwnerReference", [
        ProtoField(5, "apiVersion", .string),
        ProtoField(1, "kind", .string),
        ProtoField(3, "name", .string),
        ProtoField(4, "uid", .string),
        .pointer(6, "controller", .bool),
        .pointer(7, "blockOwnerDeletion", .bool),
    ])

    static let labelSelector = ProtoMessage("LabelSelector", [
        ProtoField(1, "matchLabels", .map(.string)),
        .list(2, "matchExpressions", .message(.labelSelectorRequirement)),
    ])

    static let labelSelectorRequirement = ProtoMessage("LabelSelectorRequirement", [
        ProtoField(1, "key", .string),
        ProtoField(2, "operator", .string),
        .list(3, "values", .string),
    ])

    static let fieldSelectorRequirement = ProtoMessage("FieldSelectorRequirement", [
        ProtoField(1, "key", .string),
        ProtoField(2, "operator", .string),
        .list(3, "values", .string),
    ])

    static let deleteOptions = ProtoMessage("DeleteOptions", [
        .pointer(1, "gracePeriodSeconds", .int64),
        .pointer(2, "preconditions", .message(.preconditions)),
        .pointer(3, "orphanDependents", .bool),
        .pointer(4, "propagationPolicy", .string),
        .list(5, "dryRun", .string),
        .pointer(6, "ignoreStoreReadErrorWithClusterBreakingPotential", .bool),
    ])

    static let preconditions = ProtoMessage("Preconditions", [
        .pointer(1, "uid", .string),
        .pointer(2, "resourceVersion", .string),
    ])

    /// Time and MicroTime travel as this (gogo names it Timestamp in its errors).
    static let timestamp = ProtoMessage("Timestamp", [
        ProtoField(1, "seconds", .int64),
        ProtoField(2, "nanos", .int32),
    ])

    static let quantity = ProtoMessage("Quantity", [
        ProtoField(1, "string", .string, presence: true),
    ])

    static let intOrString = ProtoMessage("IntOrString", [
        ProtoField(1, "type", .int64),
        ProtoField(2, "intVal", .int32),
        ProtoField(3, "strVal", .string),
    ])
}
