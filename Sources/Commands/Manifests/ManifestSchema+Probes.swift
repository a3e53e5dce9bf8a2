/// core/v1 Probe and its handlers, as the kubelet's probes read them.
extension ManifestSchema {
    package static let probe = ObjectSchema("io.k8s.api.core.v1.Probe",
        "A check the kubelet runs against a container; in kubesim the simulated application (sim image) decides whether it passes.", [
            Field("exec", .object(ObjectSchema("io.k8s.api.core.v1.ExecAction", "A command run in the container; exit 0 passes.", [
                Field("command", .array(.string), "The command and its arguments.", list: .atomic),
            ])), "Runs a command in the container."),
            Field("failureThreshold", .integer, "Failures in a row that count as failed; 3 by default."),
            Field("grpc", .object(ObjectSchema("io.k8s.api.core.v1.GRPCAction", "A gRPC health check.", [
                Field("port", .integer, "The port of the gRPC service."),
                Field("service", .string, "The service name sent in the health check request.", use: .ignored),
            ], required: ["port"])), "Calls the gRPC health checking protocol."),
            Field("httpGet", .object(ObjectSchema("io.k8s.api.core.v1.HTTPGetAction", "An HTTP GET; a status from 200 to 399 passes.", [
                Field("host", .string, "The host to connect to; the pod IP by default.", use: .ignored),
                Field("httpHeaders", .array(.object(.opaque("io.k8s.api.core.v1.HTTPHeader", "A header sent with the request."))),
                      "Headers sent with the request.", use: .ignored, list: .atomic),
                Field("path", .string, "The path requested; / by default."),
                Field("port", .intOrString, "The port number or name."),
                Field("scheme", .string, "HTTP (the default) or HTTPS."),
            ], required: ["port"])), "Sends an HTTP GET to the container."),
            Field("initialDelaySeconds", .integer, "Seconds after the container starts before the first probe."),
            Field("periodSeconds", .integer, "Seconds between probes; 10 by default."),
            Field("successThreshold", .integer, "Successes in a row that count as passed after a failure; 1 by default, and 1 for liveness and startup probes."),
            Field("tcpSocket", .object(ObjectSchema("io.k8s.api.core.v1.TCPSocketAction", "A TCP connection; an open port passes.", [
                Field("host", .string, "The host to connect to; the pod IP by default.", use: .ignored),
                Field("port", .intOrString, "The port number or name."),
            ], required: ["port"])), "Opens a TCP connection to the container."),
            Field("terminationGracePeriodSeconds", .integer, "The grace period of a kill after a failed probe.", use: .ignored),
            Field("timeoutSeconds", .integer, "Seconds before a probe times out; 1 by default."),
        ])
}
