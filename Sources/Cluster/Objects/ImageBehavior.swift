/// How the simulated registry serves an image and how the application inside it behaves once
/// running (`sim image IMAGE …`). Unset fields keep the defaults: the image pulls in the pace's
/// pull time, has its seeded size, and the application is healthy from its first moment and
/// runs until stopped.
public struct ImageBehavior: Equatable, Sendable {
    /// The registry has no such image: every pull fails (ErrImagePull, then ImagePullBackOff).
    public var missing = false
    public var pullTime: SimDuration? = nil
    public var sizeBytes: Int? = nil
    /// Probes fail until the container has run this long (an application still warming up).
    public var readyAfter: SimDuration? = nil
    /// The process exits this long after it starts.
    public var crashAfter: SimDuration? = nil
    /// The exit code of that exit (1 unless set; 0 reads `Completed`).
    public var exitCode: Int? = nil

    public init() {}

    public var isDefault: Bool { self == ImageBehavior() }

    /// Whether the application answers its probes `running` after it started.
    public func isHealthy(after running: SimDuration) -> Bool { running >= (readyAfter ?? .zero) }
}
