import Commands

/// Schemas of the served kinds that manifests do not carry (events, leases, reviews, the bodies
/// of subresources, lists, delete options); the manifest kinds are `ManifestSchema`'s.
enum APIKindSchemas {
    private static func meta(_ name: String, _ description: String, _ fields: [Field], required: [String] = [], mapType: String? = nil) -> ObjectSchema {
        ObjectSchema("io.k8s.apimachinery.pkg.apis.meta.v1.\(name)", description, fields, required: required, mapType: mapType)
    }
    private static let apiVersion = Field("apiVersion", .string, "The versioned schema of this representation (group/version).")
    private static let kind = Field("kind", .string, "The object's kind.")
    private static let metadata = Field("metadata", .object(ManifestSchema.objectMeta), "Standard object metadata.")

    // MARK: meta

    static let listMeta = meta("ListMeta", "Metadata of a list: its version and where the next page starts.", [
        Field("continue", .string, "Pass as continue to fetch the next page; empty on the last page."),
        Field("remainingItemCount", .integer, "How many items are left after this page, when known."),
        Field("resourceVersion", .string, "The version of the collection this list was read at; watch from it."),
        Field("selfLink", .string, "No longer set."),
    ])

    static let preconditions = meta("Preconditions", "Conditions that must hold for a deletion to go ahead.", [
        Field("resourceVersion", .string, "The object must have this resource version."),
        Field("uid", .string, "The object must have this UID."),
    ])

    static let deleteOptions = meta("DeleteOptions", "How a deletion proceeds.", [
        apiVersion,
        Field("dryRun", .array(.string), "\"All\" checks the request without deleting anything.", list: .atomic),
        Field("gracePeriodSeconds", .integer, "Seconds the object has to stop; 0 deletes at once. The kind's default when unset."),
        kind,
        Field("orphanDependents", .boolean, "Old form of propagationPolicy: Orphan."),
        Field("preconditions", .object(preconditions), "Must hold for the deletion to go ahead."),
        Field("propagationPolicy", .string, "What happens to dependents: Orphan, Background (the default) or Foreground (they go first)."),
    ])

    static let statusCause = meta("StatusCause", "One reason a request failed.", [
        Field("field", .string, "The field at fault, when there is one."),
        Field("message", .string, "What is wrong, in words."),
        Field("reason", .string, "What is wrong, as a code."),
    ])
    static let statusDetails = meta("StatusDetails", "More about a failure: the object concerned and the causes.", [
        Field("causes", .array(.object(statusCause)), "The reasons the request failed.", list: .atomic),
        Field("group", .string, "The group of the object concerned."),
        Field("kind", .string, "The kind (or resource) of the object concerned."),
        Field("name", .string, "The name of the object concerned."),
        Field("retryAfterSeconds", .integer, "Seconds to wait before trying again."),
        Field("uid", .string, "The UID of the object concerned."),
    ])
    static let status = meta("Status", "The result of a request that returns no object: success, or why it failed.", [
        apiVersion,
        Field("code", .integer, "The HTTP status code."),
        Field("details", .object(statusDetails), "More about the failure.", mapType: nil),
        kind,
        Field("message", .string, "What happened, in words."),
        Field("metadata", .object(listMeta), "Standard list metadata."),
        Field("reason", .string, "Why it failed, as a code (NotFound, AlreadyExists, Conflict, ...)."),
        Field("status", .string, "Success or Failure."),
    ])

    static let patch = ObjectSchema.opaque("io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
        "A patch body: JSON patch, merge patch, strategic merge patch or apply configuration, as the Content-Type says.")

    // MARK: core/v1

    /// Shared with the endpoints' targetRef, defined beside them.
    static let objectReference = ManifestSchema.endpointTargetRef

    static let eventSource = ObjectSchema("io.k8s.api.core.v1.EventSource", "The component that reported an event.", [
        Field("component", .string, "The reporting component (kubelet, default-scheduler, ...)."),
        Field("host", .string, "The node it runs on."),
    ])

    static let eventSeries = ObjectSchema("io.k8s.api.core.v1.EventSeries", "A run of repeats of one event.", [
        Field("count", .integer, "How many times it has happened in this series."),
        Field("lastObservedTime", .time(micro: true), "When it last happened."),
    ])

    static let coreEvent = ObjectSchema("io.k8s.api.core.v1.Event", "A report of something that happened to an object; repeats are counted, not duplicated.", [
        Field("action", .string, "What was done or failed."),
        apiVersion,
        Field("count", .integer, "How many times the event has happened."),
        Field("eventTime", .time(micro: true), "When the event first happened, with microseconds."),
        Field("firstTimestamp", .time(), "When the event first happened."),
        Field("involvedObject", .object(objectReference), "The object the event is about."),
        kind,
        Field("lastTimestamp", .time(), "When the event last happened."),
        Field("message", .string, "What happened, in words."),
        metadata,
        Field("reason", .string, "Why it happened, in one CamelCase word (Scheduled, Pulled, Killing, ...)."),
        Field("related", .object(objectReference), "A second object the event concerns."),
        Field("reportingComponent", .string, "The controller that reported the event."),
        Field("reportingInstance", .string, "The instance of that controller."),
        Field("series", .object(eventSeries), "The run of repeats this event belongs to."),
        Field("source", .object(eventSource), "The component that reported the event."),
        Field("type", .string, "Normal or Warning."),
    ], required: ["metadata", "involvedObject"])

    static let binding = ObjectSchema("io.k8s.api.core.v1.Binding", "Binds a pod to a node; what a scheduler posts.", [
        apiVersion, kind, metadata,
        Field("target", .object(objectReference), "The node the pod is bound to."),
    ], required: ["target"])

    // MARK: events.k8s.io/v1

    static let eventsEvent = ObjectSchema("io.k8s.api.events.v1.Event", "A report of something that happened to an object (the events.k8s.io form).", [
        Field("action", .string, "What was done or failed."),
        apiVersion,
        Field("deprecatedCount", .integer, "The count of the core/v1 form."),
        Field("deprecatedFirstTimestamp", .time(), "The firstTimestamp of the core/v1 form."),
        Field("deprecatedLastTimestamp", .time(), "The lastTimestamp of the core/v1 form."),
        Field("deprecatedSource", .object(eventSource), "The source of the core/v1 form."),
        Field("eventTime", .time(micro: true), "When the event first happened."),
        kind, metadata,
        Field("note", .string, "What happened, in words."),
        Field("reason", .string, "Why it happened, in one CamelCase word."),
        Field("regarding", .object(objectReference), "The object the event is about."),
        Field("related", .object(objectReference), "A second object the event concerns."),
        Field("reportingController", .string, "The controller that reported the event."),
        Field("reportingInstance", .string, "The instance of that controller."),
        Field("series", .object(ObjectSchema("io.k8s.api.events.v1.EventSeries", "A run of repeats of one event.", [
            Field("count", .integer, "How many times it has happened in this series."),
            Field("lastObservedTime", .time(micro: true), "When it last happened."),
        ], required: ["count", "lastObservedTime"])), "The run of repeats this event belongs to."),
        Field("type", .string, "Normal or Warning."),
    ], required: ["eventTime"])

    // MARK: coordination.k8s.io/v1

    static let leaseSpec = ObjectSchema("io.k8s.api.coordination.v1.LeaseSpec", "Who holds a lease and until when.", [
        Field("acquireTime", .time(micro: true), "When the current holder took the lease."),
        Field("holderIdentity", .string, "The current holder."),
        Field("leaseDurationSeconds", .integer, "Seconds after the last renewal that the lease stays held."),
        Field("leaseTransitions", .integer, "How many times the lease has changed hands."),
        Field("preferredHolder", .string, "The holder the lease should pass to."),
        Field("renewTime", .time(micro: true), "When the holder last renewed the lease."),
        Field("strategy", .string, "How the next holder is chosen."),
    ])
    static let lease = ObjectSchema("io.k8s.api.coordination.v1.Lease",
        "A lock held by renewing it: node heartbeats and leader election use leases.", [
            apiVersion, kind, metadata, Field("spec", .object(leaseSpec), "The lease's holder and times."),
        ])

    // MARK: subresource bodies

    static let eviction = ObjectSchema("io.k8s.api.policy.v1.Eviction",
        "Asks for a pod's removal, subject to its disruption budget; posted to the pod's eviction subresource.", [
            apiVersion,
            Field("deleteOptions", .object(deleteOptions), "How the pod is deleted."),
            kind,
            Field("metadata", .object(ManifestSchema.objectMeta), "Names the pod evicted."),
        ])

    static let scale = ObjectSchema("io.k8s.api.autoscaling.v1.Scale", "The replica count of a scalable resource: its scale subresource.", [
        apiVersion, kind, metadata,
        Field("spec", .object(ObjectSchema("io.k8s.api.autoscaling.v1.ScaleSpec", "The desired scale.", [
            Field("replicas", .integer, "The desired number of replicas."),
        ])), "The desired scale."),
        Field("status", .object(ObjectSchema("io.k8s.api.autoscaling.v1.ScaleStatus", "The observed scale.", [
            Field("replicas", .integer, "The observed number of replicas."),
            Field("selector", .string, "The label selector of the pods, as a string."),
        ], required: ["replicas"])), "The observed scale. Read-only."),
    ])

    // MARK: authorization.k8s.io/v1

    static let resourceAttributes = ObjectSchema("io.k8s.api.authorization.v1.ResourceAttributes", "A request on a resource, as authorization sees it.", [
        Field("group", .string, "The API group; empty for the core group."),
        Field("name", .string, "The object's name; empty for all."),
        Field("namespace", .string, "The namespace; empty for all namespaces or cluster-scoped resources."),
        Field("resource", .string, "The resource (pods)."),
        Field("subresource", .string, "The subresource (log, status)."),
        Field("verb", .string, "The verb: get, list, watch, create, update, patch, delete, ... or *."),
        Field("version", .string, "The API version."),
    ])
    static let nonResourceAttributes = ObjectSchema("io.k8s.api.authorization.v1.NonResourceAttributes", "A request on a non-resource path.", [
        Field("path", .string, "The URL path (/healthz)."),
        Field("verb", .string, "The HTTP verb, lower case."),
    ])
    static let userInfo = ObjectSchema("io.k8s.api.authentication.v1.UserInfo", "Who a request was made by.", [
        Field("extra", .map(.array(.string)), "Further attributes the authenticator gave."),
        Field("groups", .array(.string), "The groups the user is in.", list: .atomic),
        Field("uid", .string, "The user's unique id."),
        Field("username", .string, "The user's name."),
    ])
    static let selfSubjectReview = ObjectSchema("io.k8s.api.authentication.v1.SelfSubjectReview",
        "Asks who the API server takes the caller for (kubectl auth whoami).", [
            apiVersion, kind, metadata,
            Field("status", .object(ObjectSchema("io.k8s.api.authentication.v1.SelfSubjectReviewStatus",
                "The answer, filled in by the server.", [
                    Field("userInfo", .object(userInfo), "The caller as authenticated."),
                ])), "The answer, filled in by the server."),
        ])

    static let subjectAccessReviewStatus = ObjectSchema("io.k8s.api.authorization.v1.SubjectAccessReviewStatus", "The answer to an access review.", [
        Field("allowed", .boolean, "Whether the request is allowed."),
        Field("denied", .boolean, "Whether it is explicitly denied."),
        Field("evaluationError", .string, "Why the authorizer could not decide, when it could not."),
        Field("reason", .string, "Why it is allowed or denied."),
    ], required: ["allowed"])
    static let selfSubjectAccessReview = ObjectSchema("io.k8s.api.authorization.v1.SelfSubjectAccessReview",
        "Asks whether the caller may perform an action (kubectl auth can-i).", [
            apiVersion, kind, metadata,
            Field("spec", .object(ObjectSchema("io.k8s.api.authorization.v1.SelfSubjectAccessReviewSpec",
                "The action asked about: set exactly one of its fields.", [
                    Field("nonResourceAttributes", .object(nonResourceAttributes), "A request on a non-resource path."),
                    Field("resourceAttributes", .object(resourceAttributes), "A request on a resource."),
                ])), "The action asked about."),
            Field("status", .object(subjectAccessReviewStatus), "The answer, filled in by the server."),
        ], required: ["spec"])

    static let resourceRule = ObjectSchema("io.k8s.api.authorization.v1.ResourceRule", "Verbs allowed on resources.", [
        Field("apiGroups", .array(.string), "The API groups; * for all.", list: .atomic),
        Field("resourceNames", .array(.string), "Object names; empty for all.", list: .atomic),
        Field("resources", .array(.string), "The resources; * for all.", list: .atomic),
        Field("verbs", .array(.string), "The verbs allowed; * for all.", list: .atomic),
    ], required: ["verbs"])
    static let nonResourceRule = ObjectSchema("io.k8s.api.authorization.v1.NonResourceRule", "Verbs allowed on non-resource paths.", [
        Field("nonResourceURLs", .array(.string), "The paths; a trailing * matches a prefix.", list: .atomic),
        Field("verbs", .array(.string), "The verbs allowed; * for all.", list: .atomic),
    ], required: ["verbs"])
    static let selfSubjectRulesReview = ObjectSchema("io.k8s.api.authorization.v1.SelfSubjectRulesReview",
        "Lists what the caller may do in a namespace (kubectl auth can-i --list).", [
            apiVersion, kind, metadata,
            Field("spec", .object(ObjectSchema("io.k8s.api.authorization.v1.SelfSubjectRulesReviewSpec", "The namespace asked about.", [
                Field("namespace", .string, "The namespace whose rules are listed."),
            ])), "The namespace asked about."),
            Field("status", .object(ObjectSchema("io.k8s.api.authorization.v1.SubjectRulesReviewStatus", "The caller's rules, filled in by the server.", [
                Field("evaluationError", .string, "Why the rules may be incomplete."),
                Field("incomplete", .boolean, "True when the authorizer cannot list every rule."),
                Field("nonResourceRules", .array(.object(nonResourceRule)), "Rules on non-resource paths.", list: .atomic),
                Field("resourceRules", .array(.object(resourceRule)), "Rules on resources.", list: .atomic),
            ], required: ["resourceRules", "nonResourceRules", "incomplete"])), "The rules, filled in by the server."),
        ], required: ["spec"])

    // MARK: apiextensions.k8s.io/v1

    private static func apiextensions(_ name: String) -> String { "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.\(name)" }

    static let crdNames = ObjectSchema(apiextensions("CustomResourceDefinitionNames"), "The names a custom resource is served under.", [
        Field("categories", .array(.string), "Categories the resource belongs to (all).", list: .atomic),
        Field("kind", .string, "The kind of its objects."),
        Field("listKind", .string, "The kind of its lists; <kind>List by default."),
        Field("plural", .string, "The resource name in URLs (lower case)."),
        Field("shortNames", .array(.string), "Short names kubectl accepts.", list: .atomic),
        Field("singular", .string, "The singular name (lower case)."),
    ], required: ["plural", "kind"])
    static let crdVersion = ObjectSchema(apiextensions("CustomResourceDefinitionVersion"), "One version of a custom resource.", [
        Field("additionalPrinterColumns", .array(.object(.opaque(apiextensions("CustomResourceColumnDefinition"), "A column kubectl get prints."))),
              "Columns kubectl get prints.", list: .atomic),
        Field("deprecated", .boolean, "Whether the version is deprecated."),
        Field("deprecationWarning", .string, "The warning returned to clients of a deprecated version."),
        Field("name", .string, "The version name (v1, v1beta1)."),
        Field("schema", .object(ObjectSchema(apiextensions("CustomResourceValidation"), "The schema objects of a version are validated against.", [
            Field("openAPIV3Schema", .object(.opaque(apiextensions("JSONSchemaProps"), "A JSON schema (OpenAPI v3 subset).")), "The schema."),
        ])), "The schema of objects of this version."),
        Field("served", .boolean, "Whether the version is served."),
        Field("storage", .boolean, "Whether objects are stored in this version; exactly one version is."),
        Field("subresources", .object(.opaque(apiextensions("CustomResourceSubresources"), "The status and scale subresources of a version.")),
              "Subresources served (status, scale)."),
    ], required: ["name", "served", "storage"])
    static let crdSpec = ObjectSchema(apiextensions("CustomResourceDefinitionSpec"), "The custom resource a definition adds.", [
        Field("conversion", .object(.opaque(apiextensions("CustomResourceConversion"), "How objects convert between versions.")), "How objects convert between versions."),
        Field("group", .string, "The API group of the resource."),
        Field("names", .object(crdNames), "The resource's names."),
        Field("preserveUnknownFields", .boolean, "No longer allowed to be true."),
        Field("scope", .string, "Namespaced or Cluster."),
        Field("versions", .array(.object(crdVersion)), "The versions served.", list: .atomic),
    ], required: ["group", "names", "scope", "versions"])
    static let crd = ObjectSchema(apiextensions("CustomResourceDefinition"), "Adds a resource to the API, served from this definition.", [
        apiVersion, kind, metadata,
        Field("spec", .object(crdSpec), "The resource added."),
        Field("status", .object(.opaque(apiextensions("CustomResourceDefinitionStatus"), "Whether the definition's names were accepted, and its stored versions.")),
              "The observed state. Read-only."),
    ], required: ["spec"])

    // MARK: lists

    /// `PodList`: a page of one kind's objects.
    static func list(of item: ObjectSchema, kindName: String) -> ObjectSchema {
        ObjectSchema(item.name + "List", "A list of \(kindName) objects.", [
            apiVersion,
            Field("items", .array(.object(item)), "The objects."),
            kind,
            Field("metadata", .object(listMeta), "Standard list metadata."),
        ], required: ["items"])
    }
}
