import Cluster

/// core/v1 Service, as the OpenAPI documents describe the fields kubesim emits.
extension ManifestSchema {
    package static let servicePort = ObjectSchema("io.k8s.api.core.v1.ServicePort", "One port the service exposes.", [
        Field("appProtocol", .string, "The application protocol on the port (http, h2c, kubernetes.io/ws, ...).", use: .ignored),
        Field("name", .string, "The port's name; required when the service has several ports."),
        Field("nodePort", .integer, "The port on every node, for NodePort and LoadBalancer services (30000-32767)."),
        Field("port", .integer, "The port the service listens on."),
        Field("protocol", .string, "TCP (the default), UDP or SCTP."),
        Field("targetPort", .intOrString, "The pods' port: a number, or a container port's name. Defaults to port."),
    ], required: ["port"])

    package static let serviceSpec = ObjectSchema("io.k8s.api.core.v1.ServiceSpec", "The service's desired behaviour.", [
        Field("allocateLoadBalancerNodePorts", .boolean, "Whether a LoadBalancer service gets node ports; true by default.", use: .ignored),
        Field("clusterIP", .string, "The service's virtual IP, allocated from the service CIDR."),
        Field("clusterIPs", .array(.string), "The virtual IPs, one per IP family.", list: .atomic),
        Field("externalIPs", .array(.string), "Addresses outside the cluster that also route to the service.", use: .ignored, list: .atomic),
        Field("externalTrafficPolicy", .string, "Cluster or Local, for node ports."),
        Field("internalTrafficPolicy", .string, "Cluster or Local, for in-cluster traffic."),
        Field("ipFamilies", .array(.string), "The IP families, IPv4 here.", list: .atomic),
        Field("ipFamilyPolicy", .string, "SingleStack here."),
        Field("loadBalancerClass", .string, "The load balancer implementation the service asks for.", use: .ignored),
        Field("loadBalancerSourceRanges", .array(.string), "Client ranges a cloud load balancer lets in.", use: .ignored, list: .atomic),
        Field("ports", .array(.object(servicePort)), "The ports the service exposes.", list: .keyed("port", mapKeys: ["port", "protocol"])),
        Field("publishNotReadyAddresses", .boolean, "Whether pods that are not ready are listed as ready endpoints.", use: .notSimulated),
        Field("selector", .map(.string), "The labels of the pods the service sends traffic to."),
        Field("sessionAffinity", .string, "None or ClientIP."),
        Field("sessionAffinityConfig", .object(.opaque("io.k8s.api.core.v1.SessionAffinityConfig", "How long ClientIP affinity lasts.")),
              "Settings of ClientIP session affinity.", use: .ignored),
        Field("trafficDistribution", .string, "A preference for how traffic is spread over endpoints (PreferClose).", use: .ignored),
        Field("type", .string, "ClusterIP, NodePort or LoadBalancer."),
    ])

    package static let serviceStatus = ObjectSchema("io.k8s.api.core.v1.ServiceStatus", "The service's observed state.", [
        Field("loadBalancer", .map(.string), "The load balancer's ingress points; none in the simulator."),
    ])

    package static let service = ObjectSchema("io.k8s.api.core.v1.Service",
        "A stable virtual IP in front of the pods its selector picks.", [
            Field("apiVersion", .string, "The versioned schema of this representation (group/version)."),
            Field("kind", .string, "The object's kind."),
            Field("metadata", .object(objectMeta), "Standard object metadata."),
            Field("spec", .object(serviceSpec), "The desired behaviour."),
            Field("status", .object(serviceStatus), "The observed state. Read-only.", use: .ignored),
        ])
}
