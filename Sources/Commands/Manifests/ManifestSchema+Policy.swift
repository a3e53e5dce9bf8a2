import Cluster

/// policy/v1 PodDisruptionBudget, as manifests may write it and the OpenAPI documents describe it.
extension ManifestSchema {
    package static let podDisruptionBudgetSpec = ObjectSchema("io.k8s.api.policy.v1.PodDisruptionBudgetSpec",
        "How many of the selected pods voluntary disruptions (evictions) must leave running.", [
            Field("maxUnavailable", .intOrString, "At most this many (a number or a percentage of the pods' controllers' replicas, rounded up) of the selected pods may be unavailable after an eviction. Excludes minAvailable."),
            Field("minAvailable", .intOrString, "At least this many (a number, or a percentage rounded up) of the selected pods must stay available after an eviction. Excludes maxUnavailable."),
            Field("selector", .object(labelSelector), "The pods the budget guards; an empty selector picks every pod of the namespace, none picks none."),
            Field("unhealthyPodEvictionPolicy", .string, "IfHealthyBudget (the default): a pod that is not ready may be evicted only while the application has its desired healthy pods. AlwaysAllow: it may always be evicted."),
        ])

    package static let budgetCondition = ObjectSchema("io.k8s.apimachinery.pkg.apis.meta.v1.Condition", "One aspect of an object's state.", [
        Field("lastTransitionTime", .time(), "When the status last changed."),
        Field("message", .string, "A human-readable explanation."),
        Field("observedGeneration", .integer, "The generation the condition was set for."),
        Field("reason", .string, "A one-word, CamelCase reason for the last transition."),
        Field("status", .string, "True, False or Unknown."),
        Field("type", .string, "The condition's type."),
    ], required: ["type", "status", "lastTransitionTime", "reason", "message"])

    package static let podDisruptionBudgetStatus = ObjectSchema("io.k8s.api.policy.v1.PodDisruptionBudgetStatus",
        "What the disruption controller last computed.", [
            Field("conditions", .array(.object(budgetCondition)), "DisruptionAllowed: whether an eviction may pass now.", list: .keyed("type")),
            Field("currentHealthy", .integer, "Selected pods that are ready."),
            Field("desiredHealthy", .integer, "Selected pods that must stay ready."),
            Field("disruptedPods", .map(.time()), "Pods evicted but not yet seen deleted, with when."),
            Field("disruptionsAllowed", .integer, "Evictions allowed now."),
            Field("expectedPods", .integer, "Selected pods counted in all."),
            Field("observedGeneration", .integer, "The generation this status describes."),
        ], required: ["disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"])

    package static let podDisruptionBudget = ObjectSchema("io.k8s.api.policy.v1.PodDisruptionBudget",
        "Limits how many of a set of pods voluntary disruptions may take down at once.", [
            Field("apiVersion", .string, "The versioned schema of this representation (group/version)."),
            Field("kind", .string, "The object's kind."),
            Field("metadata", .object(objectMeta), "Standard object metadata."),
            Field("spec", .object(podDisruptionBudgetSpec), "The desired budget."),
            Field("status", .object(podDisruptionBudgetStatus), "What the disruption controller last computed. Read-only.", use: .ignored),
        ])
}
