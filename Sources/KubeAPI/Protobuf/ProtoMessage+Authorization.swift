/// Review requests (authentication.k8s.io/v1, authorization.k8s.io/v1), evictions (policy/v1) and leases
/// (coordination.k8s.io/v1). Field numbers: k8s.io/api */v1/generated.proto.
extension ProtoMessage {
    /// authentication.k8s.io/v1: kubectl sends an empty status; the server fills it in.
    static let selfSubjectReview = ProtoMessage("SelfSubjectReview", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "status", .message(ProtoMessage("SelfSubjectReviewStatus", [
            ProtoField(1, "userInfo", .message(ProtoMessage("UserInfo", [
                ProtoField(1, "username", .string),
                ProtoField(2, "uid", .string),
                .list(3, "groups", .string),
            ]))),
        ]))),
    ])

    static let selfSubjectAccessReview = ProtoMessage("SelfSubjectAccessReview", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(ProtoMessage("SelfSubjectAccessReviewSpec", [
            .pointer(1, "resourceAttributes", .message(.resourceAttributes)),
            .pointer(2, "nonResourceAttributes", .message(ProtoMessage("NonResourceAttributes", [
                ProtoField(1, "path", .string),
                ProtoField(2, "verb", .string),
            ]))),
        ]))),
    ])

    static let resourceAttributes = ProtoMessage("ResourceAttributes", [
        ProtoField(1, "namespace", .string),
        ProtoField(2, "verb", .string),
        ProtoField(3, "group", .string),
        ProtoField(4, "version", .string),
        ProtoField(5, "resource", .string),
        ProtoField(6, "subresource", .string),
        ProtoField(7, "name", .string),
        .pointer(8, "fieldSelector", .message(ProtoMessage("FieldSelectorAttributes", [
            ProtoField(1, "rawSelector", .string),
            .list(2, "requirements", .message(.fieldSelectorRequirement)),
        ]))),
        .pointer(9, "labelSelector", .message(ProtoMessage("LabelSelectorAttributes", [
            ProtoField(1, "rawSelector", .string),
            .list(2, "requirements", .message(.labelSelectorRequirement)),
        ]))),
    ])

    static let selfSubjectRulesReview = ProtoMessage("SelfSubjectRulesReview", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(ProtoMessage("SelfSubjectRulesReviewSpec", [
            ProtoField(1, "namespace", .string),
        ]))),
    ])

    static let eviction = ProtoMessage("Eviction", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        .pointer(2, "deleteOptions", .message(.deleteOptions)),
    ])

    /// policy/v1 PodDisruptionBudget (what `kubectl create pdb` sends); status is the controller's.
    static let podDisruptionBudget = ProtoMessage("PodDisruptionBudget", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(ProtoMessage("PodDisruptionBudgetSpec", [
            .pointer(1, "minAvailable", .intOrString),
            .pointer(2, "selector", .message(.labelSelector)),
            .pointer(3, "maxUnavailable", .intOrString),
            .pointer(4, "unhealthyPodEvictionPolicy", .string),
        ]))),
    ])

    static let lease = ProtoMessage("Lease", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(ProtoMessage("LeaseSpec", [
            .pointer(1, "holderIdentity", .string),
            .pointer(2, "leaseDurationSeconds", .int32),
            .pointer(3, "acquireTime", .microTime),
            .pointer(4, "renewTime", .microTime),
            .pointer(5, "leaseTransitions", .int32),
            .pointer(6, "strategy", .string),
            .pointer(7, "preferredHolder", .string),
        ]))),
    ])
}
