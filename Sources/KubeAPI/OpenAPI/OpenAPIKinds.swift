import Commands

/// Which schema each served kind (and each subresource body) has, by group/version/kind.
enum OpenAPIKinds {
    static func schema(group: String, version: String, kind: String) -> ObjectSchema? {
        switch (group, version, kind) {
        case ("", "v1", "Pod"): ManifestSchema.pod
        case ("", "v1", "Node"): ManifestSchema.node
        case ("", "v1", "Namespace"): ManifestSchema.namespace
        case ("", "v1", "Event"): APIKindSchemas.coreEvent
        case ("", "v1", "Binding"): APIKindSchemas.binding
        case ("apps", "v1", "Deployment"): ManifestSchema.deployment
        case ("apps", "v1", "ReplicaSet"): ManifestSchema.replicaSet
        case ("apps", "v1", "DaemonSet"): ManifestSchema.daemonSet
        case ("authentication.k8s.io", "v1", "SelfSubjectReview"): APIKindSchemas.selfSubjectReview
        case ("authorization.k8s.io", "v1", "SelfSubjectAccessReview"): APIKindSchemas.selfSubjectAccessReview
        case ("authorization.k8s.io", "v1", "SelfSubjectRulesReview"): APIKindSchemas.selfSubjectRulesReview
        case ("coordination.k8s.io", "v1", "Lease"): APIKindSchemas.lease
        case ("events.k8s.io", "v1", "Event"): APIKindSchemas.eventsEvent
        case ("apiextensions.k8s.io", "v1", "CustomResourceDefinition"): APIKindSchemas.crd
        case ("policy", "v1", "Eviction"): APIKindSchemas.eviction
        case ("policy", "v1", "PodDisruptionBudget"): ManifestSchema.podDisruptionBudget
        case ("", "v1", "ReplicationController"): ManifestSchema.replicationController
        case ("", "v1", "Service"): ManifestSchema.service
        case ("", "v1", "Endpoints"): ManifestSchema.endpoints
        case ("discovery.k8s.io", "v1", "EndpointSlice"): ManifestSchema.endpointSlice
        case ("autoscaling", "v1", "Scale"): APIKindSchemas.scale
        default: nil
        }
    }

    /// The schema of a served resource's objects.
    static func schema(of resource: ServedResource) -> ObjectSchema? {
        schema(group: resource.group, version: resource.version, kind: resource.kind)
    }

    /// Where a subresource's body kind lives: its own group/version, else its resource's.
    static func kind(of sub: ServedResource.Subresource, in resource: ServedResource) -> OpenAPISchemaWriter.GroupVersionKind {
        OpenAPISchemaWriter.GroupVersionKind(group: sub.group ?? resource.group, version: sub.version ?? resource.version, kind: sub.kind)
    }
}
