/// A kubelet check of a container (core/v1 Probe): its timing as the API defaults it, and how it
/// would reach the container. kubesim does not open sockets into pods; whether a probe passes
/// comes from the simulated application (the image's behaviour), so the handler is kept for
/// describe and round trips only.
public struct Probe: Equatable, Sendable {
    public enum Handler: Equatable, Sendable {
        case httpGet(path: String, port: String, scheme: String)
        case tcpSocket(port: String)
        case exec(command: [String])
        case grpc(port: Int)
    }

    public var handler: Handler
    public var initialDelaySeconds = 0
    public var periodSeconds = 10
    public var timeoutSeconds = 1
    public var successThreshold = 1
    public var failureThreshold = 3

    public init(handler: Handler) { self.handler = handler }
}

/// One literal environment variable of a container (core/v1 EnvVar with `value`).
public struct EnvVar: Equatable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
