import Cluster

/// discovery.k8s.io/v1 EndpointSlice and core/v1 Endpoints, as the OpenAPI documents describe
/// the fields kubesim emits. Both are written by controllers only.
extension ManifestSchema {
    /// The same core/v1 ObjectReference events use (one definition per name in a document).
    package static let endpointTargetRef = ObjectSchema("io.k8s.api.core.v1.ObjectReference", "Names one object, in any namespace and of any kind.", [
        Field("apiVersion", .string, "API version of the object."),
        Field("fieldPath", .string, "A part of the object, when the reference is to one (spec.containers{web})."),
        Field("kind", .string, "Kind of the object."),
        Field("name", .string, "Name of the object."),
        Field("namespace", .string, "Namespace of the object."),
        Field("resourceVersion", .string, "The object's resource version when referred to."),
        Field("uid", .string, "UID of the object."),
    ], mapType: "atomic")

    package static let endpointConditions = ObjectSchema("io.k8s.api.discovery.v1.EndpointConditions", "The current condition of an endpoint.", [
        Field("ready", .boolean, "Whether the endpoint takes new traffic: its pod is Ready and not terminating."),
        Field("serving", .boolean, "Whether the endpoint's pod is Ready, terminating or not."),
        Field("terminating", .boolean, "Whether the endpoint's pod is being deleted."),
    ])

    package static let discoveryEndpoint = ObjectSchema("io.k8s.api.discovery.v1.Endpoint", "One backend of a service.", [
        Field("addresses", .array(.string), "The endpoint's addresses (one pod IP).", list: .atomic),
        Field("conditions", .object(endpointConditions), "The endpoint's conditions."),
        Field("nodeName", .string, "The node the endpoint's pod runs on."),
        Field("targetRef", .object(endpointTargetRef), "The pod behind the endpoint."),
    ], required: ["addresses"])

    package static let discoveryEndpointPort = ObjectSchema("io.k8s.api.discovery.v1.EndpointPort", "A port every endpoint of the slice answers on.", [
        Field("name", .string, "The service port's name; empty for an unnamed port."),
        Field("port", .integer, "The port number."),
        Field("protocol", .string, "TCP, UDP or SCTP."),
    ])

    package static let endpointSlice = ObjectSchema("io.k8s.api.discovery.v1.EndpointSlice",
        "A subset of the endpoints that implement a service.", [
            Field("addressType", .string, "The type of address carried by this slice: IPv4 here."),
            Field("apiVersion", .string, "The versioned schema of this representation (group/version)."),
            Field("endpoints", .array(.object(discoveryEndpoint)), "The slice's endpoints, at most 1000 (the controller puts 100).", list: .atomic),
            Field("kind", .string, "The object's kind."),
            Field("metadata", .object(objectMeta), "Standard object metadata."),
            Field("ports", .array(.object(discoveryEndpointPort)), "The ports every endpoint of the slice answers on.", list: .atomic),
        ], required: ["addressType", "endpoints"])

    package static let endpointAddress = ObjectSchema("io.k8s.api.core.v1.EndpointAddress", "One address of an Endpoints subset.", [
        Field("ip", .string, "The pod's IP."),
        Field("nodeName", .string, "The node the pod runs on."),
        Field("targetRef", .object(endpointTargetRef), "The pod behind the address."),
    ], required: ["ip"])

    package static let coreEndpointPort = ObjectSchema("io.k8s.api.core.v1.EndpointPort", "A port of an Endpoints subset.", [
        Field("name", .string, "The service port's name; absent for an unnamed port."),
        Field("port", .integer, "The port number."),
        Field("protocol", .string, "TCP, UDP or SCTP."),
    ], required: ["port"])

    package static let endpointSubset = ObjectSchema("io.k8s.api.core.v1.EndpointSubset", "Addresses that share a set of ports.", [
        Field("addresses", .array(.object(endpointAddress)), "Ready addresses.", list: .atomic),
        Field("notReadyAddresses", .array(.object(endpointAddress)), "Addresses whose pods are not Ready.", list: .atomic),
        Field("ports", .array(.object(coreEndpointPort)), "The ports the addresses answer on.", list: .atomic),
    ])

    package static let endpoints = ObjectSchema("io.k8s.api.core.v1.Endpoints",
        "The legacy list of a service's backends (deprecated since v1.33 in favour of EndpointSlices).", [
            Field("apiVersion", .string, "The versioned schema of this representation (group/version)."),
            Field("kind", .string, "The object's kind."),
            Field("metadata", .object(objectMeta), "Standard object metadata."),
            Field("subsets", .array(.object(endpointSubset)), "Addresses and the ports they share.", list: .atomic),
        ])
}
