/// core/v1 Service, which kubectl 1.32+ sends as protobuf from `create service` (a typed
/// client). Field numbers: k8s.io/api core/v1/generated.proto; the fields kubesim does not
/// model (external IPs, load balancer settings, session affinity config) are skipped.
extension ProtoMessage {
    static let service = ProtoMessage("Service", [
        ProtoField(1, "metadata", .message(.objectMeta)),
        ProtoField(2, "spec", .message(.serviceSpec)),
        ProtoField(3, "status", .message(ProtoMessage("ServiceStatus", []))),
    ])

    static let serviceSpec = ProtoMessage("ServiceSpec", [
        .list(1, "ports", .message(.servicePort)),
        ProtoField(2, "selector", .map(.string)),
        ProtoField(3, "clusterIP", .string),
        .list(18, "clusterIPs", .string),
        ProtoField(4, "type", .string),
        ProtoField(7, "sessionAffinity", .string),
        ProtoField(11, "externalTrafficPolicy", .string),
        .pointer(17, "ipFamilyPolicy", .string),
        .list(19, "ipFamilies", .string),
        .pointer(22, "internalTrafficPolicy", .string),
    ])

    static let servicePort = ProtoMessage("ServicePort", [
        ProtoField(1, "name", .string),
        ProtoField(2, "protocol", .string),
        .pointer(6, "appProtocol", .string),
        ProtoField(3, "port", .int32),
        // Not a pointer: an unset target arrives as the number 0, which defaults to the port.
        ProtoField(4, "targetPort", .intOrString),
        ProtoField(5, "nodePort", .int32),
    ])
}
