/// How long each step of the cluster takes. A pace changes durations only, never the order of
/// steps or the rules: `realistic` uses Kubernetes' defaults, `demo` keeps every step but shortens
/// the waits so a node failure heals in seconds on stage.
public struct Pace: Sendable, Equatable {
    public var name: String
    /// Kubelet lease renewal (kubelet `nodeLeaseDurationSeconds` / 4).
    public var leaseRenewInterval: SimDuration
    /// How often an unchanged kubelet re-posts its node status, refreshing the conditions'
    /// lastHeartbeatTime (kubelet `nodeStatusReportFrequency`).
    public var nodeStatusReport: SimDuration
    /// How often the node lifecycle controller looks at leases (`--node-monitor-period`).
    public var nodeMonitorPeriod: SimDuration
    /// Lease age after which a node is NotReady (`--node-monitor-grace-period`).
    public var nodeMonitorGracePeriod: SimDuration
    /// Default NoExecute toleration added to pods for not-ready/unreachable nodes
    /// (API server `--default-not-ready-toleration-seconds`).
    public var defaultTolerationSeconds: Int
    /// Delay between a watch event and the controller acting on it.
    public var controllerReaction: SimDuration
    public var schedulerReaction: SimDuration
    public var kubeletReaction: SimDuration
    public var imagePull: ClosedRange<SimDuration>
    public var containerCreate: SimDuration
    public var containerStart: SimDuration
    /// How long a container takes to exit after SIGTERM (capped by the grace period).
    public var containerStop: SimDuration
    /// How long a new node's kubelet takes to register and report Ready.
    public var nodeStartup: SimDuration
    /// How long an unschedulable pod waits before the scheduler tries it again with no cluster change.
    public var unschedulableRetry: SimDuration

    public static let realistic = Pace(
        name: "realistic",
        leaseRenewInterval: .seconds(10), nodeStatusReport: .seconds(300), nodeMonitorPeriod: .seconds(5), nodeMonitorGracePeriod: .seconds(50),
        defaultTolerationSeconds: 300,
        controllerReaction: .milliseconds(20), schedulerReaction: .milliseconds(10), kubeletReaction: .milliseconds(50),
        imagePull: .seconds(2)...(.seconds(6)), containerCreate: .milliseconds(500), containerStart: .milliseconds(300),
        containerStop: .seconds(2), nodeStartup: .seconds(20),
        unschedulableRetry: .seconds(300))

    public static let demo = Pace(
        name: "demo",
        leaseRenewInterval: .seconds(2), nodeStatusReport: .seconds(60), nodeMonitorPeriod: .seconds(1), nodeMonitorGracePeriod: .seconds(8),
        defaultTolerationSeconds: 10,
        controllerReaction: .milliseconds(100), schedulerReaction: .milliseconds(100), kubeletReaction: .milliseconds(100),
        imagePull: .seconds(1)...(.seconds(2)), containerCreate: .milliseconds(300), containerStart: .milliseconds(200),
        containerStop: .seconds(3), nodeStartup: .seconds(2),
        unschedulableRetry: .seconds(30))

    public static let all: [Pace] = [.demo, .realistic]

    public static func named(_ name: String) -> Pace? { all.first { $0.name == name } }
}
